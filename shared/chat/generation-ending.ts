import { Conversation, Message } from '../db/models/index.js';
import type { Infra } from '../infra.js';
import { quotaStatus } from '../quota/client.js';
import type { GenerationEvent } from '../subjects.js';
import { failGeneration } from './finalize.js';
import { messageView } from './views.js';

type Ending = Extract<GenerationEvent, { type: 'done' | 'error' }>;

const interrupted = 'The reply was interrupted; you were not charged. Please try again.';

/**
 * The end of a generation whose stream went quiet: a reply still `generating` belongs to a dead
 * worker (failed here, refunded, not charged); a finished one whose events have expired is told
 * from MySQL.
 */
export async function endingFromStore(infra: Infra, generationId: string): Promise<Ending> {
  if (await failGeneration(infra, generationId, 'unavailable', interrupted)) {
    return { type: 'error', code: 'unavailable', message: interrupted };
  }
  const reply = await Message.findOne({ where: { generation_id: generationId, role: 'assistant' } });
  if (!reply || reply.status === 'failed' || reply.status === 'generating') {
    return { type: 'error', code: 'upstream_error', message: 'The reply could not be generated; you were not charged' };
  }
  const conversation = await Conversation.findByPk(reply.conversation_id, { attributes: ['user_id'] });
  const quota = conversation ? await quotaStatus(infra, conversation.user_id).catch(() => null) : null;
  const view = messageView(reply);
  return {
    type: 'done',
    assistant_message: view,
    usage: view.usage ?? { prompt_tokens: 0, completion_tokens: 0 },
    quota: { remaining: quota?.remaining ?? 0, resets_at: quota?.resets_at ?? '' },
  };
}

import { z } from 'zod';
import { recentMessages } from '../../../shared/chat/history-cache.js';
import { messageView } from '../../../shared/chat/views.js';
import { MISSING_PARENT, sqlErrorCode } from '../../../shared/db/hot-sql.js';
import { AppError } from '../../../shared/errors.js';
import type { Infra } from '../../../shared/infra.js';
import { quotaStatus } from '../../../shared/quota/client.js';
import type { GenerateAccepted, GenerateRequest } from '../../../shared/subjects.js';
import { defineHandler } from '../../runtime.js';
import { admitTurn, type TurnAdmission } from '../generation/admit-turn.js';
import { persistTurn, type AdmittedTurn } from '../generation/persist-turn.js';
import { replyLanguageFor } from '../generation/prompt-input.js';
import { registryFor } from '../generation/registry.js';
import { runGeneration } from '../generation/run.js';

const schema = z.object({
  generation_id: z.string().min(1),
  conversation_id: z.string().min(1),
  user_id: z.string().min(1),
  user_message_id: z.string().min(1),
  plan: z.enum(['free', 'pro']),
  content: z.string().min(1),
  client_message_id: z.string().nullable(),
});

/** Stores the turn once it is let in; whatever it took is given back if it cannot be stored. */
async function storeWhenAdmitted(infra: Infra, request: GenerateRequest, admission: TurnAdmission): Promise<AdmittedTurn> {
  const verdict = await admission.decided;
  if (verdict.joined) return { created: false, earlier: verdict.earlier };
  const conversation = await admission.owned;
  try {
    const turn = await persistTurn(infra, request, replyLanguageFor(request.content, conversation));
    if (!turn.created) await admission.undo();
    return turn.created ? { ...turn, quota: verdict.quota } : turn;
  } catch (error) {
    await admission.undo();
    if (sqlErrorCode(error) === MISSING_PARENT) throw new AppError('not_found', 'The conversation does not exist');
    throw error;
  }
}

/**
 * Accepts a chat turn. The model is asked at once from the conversation as this process last read
 * it (else as soon as the owner check reads it), while the owner check, the quota and the claims
 * answer. The user's message is stored once all of them let the turn in, its tokens are published
 * only once it is, and the answer goes back as soon as it is. A refused turn stops the model and
 * leaves no trace. A retried `client_message_id` stored earlier answers with that attempt's
 * generation to join.
 */
export const generateHandler = defineHandler({
  subject: (subjects) => subjects.chat.generate,
  schema,
  handle: async (request, infra): Promise<GenerateAccepted> => {
    const admission = admitTurn(infra, request);
    const stored = storeWhenAdmitted(infra, request, admission);
    const history = recentMessages(infra, request.conversation_id, stored);
    history.catch(() => undefined);
    admission.modelMayStart.then((conversation) => {
      const start = { conversation, confirmed: admission.owned, history, stored };
      registryFor(infra).start(request.generation_id, (signal) => runGeneration(infra, request, start, signal));
    }, () => undefined);
    const turn = await stored;
    if (turn.created) {
      return { generation_id: request.generation_id, instance: infra.instance, user_message: messageView(turn.user), joined: false, quota: turn.quota };
    }
    const quota = await quotaStatus(infra, request.user_id).catch(() => null);
    return { generation_id: turn.earlier.generation_id!, instance: infra.instance, user_message: messageView(turn.earlier), joined: true, quota };
  },
});

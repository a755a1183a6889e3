import { archiveConversation, idleConversationIds } from '../../../shared/archive/conversation-archive.js';
import type { JobDefinition } from './job.js';

const BATCH = 200;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Daily: conversations idle for ARCHIVE_AFTER_DAYS move their messages into compressed archive rows. */
export const archivalJob: JobDefinition = {
  name: 'archival',
  schedule: '0 3 * * *',
  run: async (infra) => {
    const idleBefore = new Date(infra.clock.now().getTime() - infra.config.ARCHIVE_AFTER_DAYS * DAY_MS);
    let conversations = 0;
    let messages = 0;
    let afterId = '';
    for (;;) {
      const ids = await idleConversationIds(idleBefore, afterId, BATCH);
      for (const id of ids) {
        const moved = await archiveConversation(infra, id, idleBefore);
        if (moved === null) continue;
        conversations += 1;
        messages += moved;
      }
      if (ids.length < BATCH) return { conversations, messages };
      afterId = ids[ids.length - 1]!;
    }
  },
};

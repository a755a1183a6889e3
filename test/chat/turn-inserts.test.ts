import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Message } from '../../shared/db/models/index.js';
import { MISSING_PARENT, sqlErrorCode } from '../../shared/db/hot-sql.js';
import { newId } from '../../shared/ids.js';
import type { GenerateRequest } from '../../shared/subjects.js';
import { persistTurn } from '../../workers/llm/generation/persist-turn.js';
import { makeCharacter, makeConversation, makeUser } from '../helpers/chat-rows.js';
import { startStack, type TestStack } from '../helpers/stack.js';

/** Turns let in together are stored by one INSERT; a turn that cannot be stored must not take the others down. */
let stack: TestStack;
before(async () => {
  stack = await startStack({ pools: [], edge: false });
});
after(() => stack.close());

async function turnIn(conversationId?: string, clientMessageId: string | null = newId()): Promise<GenerateRequest> {
  const user = await makeUser();
  const conversation = conversationId ?? (await makeConversation(user.id, (await makeCharacter()).id)).id;
  return {
    generation_id: newId(), conversation_id: conversation, user_id: user.id, user_message_id: newId(),
    plan: 'free', content: `Hello from ${conversation}`, client_message_id: clientMessageId,
  };
}

const rowsOf = async (conversationId: string) =>
  (await Message.findAll({ where: { conversation_id: conversationId }, order: [['created_at', 'ASC']] })).map((message) => `${message.role}:${message.status}`);

test('turns stored together each get their own two rows', async () => {
  const turns = await Promise.all([turnIn(), turnIn(), turnIn()]);
  const stored = await Promise.all(turns.map((turn) => persistTurn(stack.infra, turn, 'en')));
  assert.ok(stored.every((outcome) => outcome.created));
  for (const turn of turns) assert.deepEqual(await rowsOf(turn.conversation_id), ['user:complete', 'assistant:generating']);
});

test('a retried client message id and a vanished conversation are refused alone; the turns beside them are stored', async () => {
  const earlier = await turnIn();
  await persistTurn(stack.infra, earlier, 'en');
  const [fresh, retried, orphan, another] = [
    await turnIn(), await turnIn(earlier.conversation_id, earlier.client_message_id), await turnIn(newId()), await turnIn(),
  ];
  const store = (turn: GenerateRequest) => persistTurn(stack.infra, turn, 'en');
  const [storedFresh, joined, refused, storedAnother] = await Promise.allSettled([store(fresh), store(retried), store(orphan), store(another)]);
  assert.ok(storedFresh.status === 'fulfilled' && storedFresh.value.created);
  assert.ok(storedAnother.status === 'fulfilled' && storedAnother.value.created);
  assert.ok(joined.status === 'fulfilled' && !joined.value.created && joined.value.earlier.id === earlier.user_message_id);
  assert.ok(refused.status === 'rejected' && sqlErrorCode(refused.reason) === MISSING_PARENT);
  for (const turn of [fresh, another, earlier]) assert.deepEqual(await rowsOf(turn.conversation_id), ['user:complete', 'assistant:generating']);
  assert.equal(await Message.count({ where: { conversation_id: orphan.conversation_id } }), 0);
});

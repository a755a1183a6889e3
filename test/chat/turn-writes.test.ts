import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { storeReplyRow, type ReplyRow } from '../../shared/chat/reply-rows.js';
import { Conversation, Message } from '../../shared/db/models/index.js';
import { sqlTime } from '../../shared/db/sql-time.js';
import { MISSING_PARENT, sqlErrorCode } from '../../shared/db/hot-sql.js';
import { newId } from '../../shared/ids.js';
import type { GenerateRequest } from '../../shared/subjects.js';
import { persistTurn } from '../../workers/llm/generation/persist-turn.js';
import { makeCharacter, makeConversation, makeUser } from '../helpers/chat-rows.js';
import { startStack, type TestStack } from '../helpers/stack.js';

/**
 * Turns let in together are stored by one INSERT, and replies that end together by one UPDATE; a
 * turn or a reply that cannot be stored must not take the others down.
 */
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

async function storedTurn(conversationId?: string) {
  const request = await turnIn(conversationId);
  const stored = await persistTurn(stack.infra, request, 'en');
  assert.ok(stored.created);
  return { request, placeholder: stored.assistant.id };
}

const replyTo = (turn: { request: GenerateRequest; placeholder: string }, content: string): ReplyRow => ({
  messageId: turn.placeholder, conversationId: turn.request.conversation_id, content, status: 'complete', promptTokens: 12,
  completionTokens: 3, lastMessageAt: sqlTime(new Date()), preview: content, updatedAt: sqlTime(new Date()),
});

const countOf = async (conversationId: string) => (await Conversation.findByPk(conversationId))!.message_count;

test('replies stored together each fill their own placeholder and count their own conversation once; one the watchdog failed is refused alone', async () => {
  const turns = await Promise.all([storedTurn(), storedTurn(), storedTurn()]);
  await Message.update({ status: 'failed' }, { where: { id: turns[1]!.placeholder } });
  const before = await Promise.all(turns.map((turn) => countOf(turn.request.conversation_id)));

  const stored = await Promise.all(turns.map((turn, index) => storeReplyRow(stack.infra, replyTo(turn, `Reply ${index} 🙏🏽 नमस्ते`))));
  assert.deepEqual(stored, [true, false, true]);
  for (const [index, turn] of turns.entries()) {
    const reply = (await Message.findByPk(turn.placeholder))!;
    assert.deepEqual([reply.status, reply.content], index === 1 ? ['failed', ''] : ['complete', `Reply ${index} 🙏🏽 नमस्ते`]);
    assert.equal(await countOf(turn.request.conversation_id), before[index]! + (index === 1 ? 0 : 2));
  }
  assert.deepEqual(await Promise.all(turns.map((turn) => storeReplyRow(stack.infra, replyTo(turn, 'again')))), [false, false, false], 'a reply is stored once');
});

test('two replies of one conversation stored together both count it', async () => {
  const first = await storedTurn();
  const second = await storedTurn(first.request.conversation_id);
  const before = await countOf(first.request.conversation_id);
  assert.deepEqual(await Promise.all([storeReplyRow(stack.infra, replyTo(first, 'One')), storeReplyRow(stack.infra, replyTo(second, 'Two'))]), [true, true]);
  assert.equal(await countOf(first.request.conversation_id), before + 4);
});

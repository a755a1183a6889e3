import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { storeReplyRow, type ReplyRow } from '../../shared/chat/reply-rows.js';
import { Conversation, Message } from '../../shared/db/models/index.js';
import { joinedStatements } from '../../shared/db/joined-statements.js';
import { sqlTime } from '../../shared/db/sql-time.js';
import { MISSING_PARENT, sqlErrorCode } from '../../shared/db/hot-sql.js';
import { newId } from '../../shared/ids.js';
import type { GenerateRequest } from '../../shared/subjects.js';
import { persistTurn } from '../../workers/llm/generation/persist-turn.js';
import { storeFold } from '../../workers/llm/memory/fold-rows.js';
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

test('folds stored together each land only over the summary they were folded from', async () => {
  const [first, second, third] = await Promise.all([storedTurn(), storedTurn(), storedTurn()]);
  await Conversation.update({ summary: 'Older', summary_through_message_id: second!.request.user_message_id }, { where: { id: second!.request.conversation_id } });
  const fold = (turn: typeof first, previousThroughId: string | null, summary: string) => storeFold(stack.infra, {
    conversationId: turn.request.conversation_id, summary, throughMessageId: turn.placeholder, previousThroughId, updatedAt: sqlTime(new Date()),
  });
  const landed = await Promise.all([
    fold(first, null, 'First 🙏🏽'), fold(second, null, 'Second, from a stale read'), fold(third, null, 'Third'),
  ]);
  assert.deepEqual(landed, [true, false, true]);
  const summaries = await Promise.all([first, second, third].map(async (turn) => {
    const conversation = (await Conversation.findByPk(turn.request.conversation_id))!;
    return [conversation.summary, conversation.summary_through_message_id];
  }));
  assert.deepEqual(summaries, [
    ['First 🙏🏽', first.placeholder], ['Older', second!.request.user_message_id], ['Third', third!.placeholder],
  ]);
  assert.equal(await fold(second, second!.request.user_message_id, 'Second'), true, 'a fold from the current summary lands');
});

/** Two passes of the event loop: the one a write is sent in, and one to be sure it was. */
const aLittleLater = async () => {
  for (const _pass of [1, 2]) await new Promise((resolve) => setImmediate(resolve));
};

test('with a group commit, writes that arrive while a statement runs wait for it and then go as one', async () => {
  const statements: number[][] = [];
  let answerFirst!: () => void;
  const firstAnswered = new Promise<void>((resolve) => {
    answerFirst = resolve;
  });
  const writes = joinedStatements<number, number>(async (rows) => {
    statements.push([...rows]);
    if (statements.length === 1) await firstAnswered;
    return rows.map((row) => row * 10);
  }, { groupCommit: true });

  const first = writes.load(1);
  await aLittleLater();
  assert.deepEqual(statements, [[1]], 'with nothing running, a write goes in the pass it arrived');
  const waiting = [writes.load(2)];
  await aLittleLater();
  waiting.push(writes.load(3));
  await aLittleLater();
  waiting.push(writes.load(4));
  assert.deepEqual(statements, [[1]], 'writes wait while a statement runs');
  answerFirst();
  assert.deepEqual(await Promise.all([first, ...waiting]), [10, 20, 30, 40]);
  assert.deepEqual(statements, [[1], [2, 3, 4]]);
});

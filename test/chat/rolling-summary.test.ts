import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Conversation, Message } from '../../shared/db/models/index.js';
import { addCharacter, sse, startChatStack, textOf, type ChatStack } from '../helpers/chat.js';
import { http } from '../helpers/http.js';
import { signUp } from '../helpers/users.js';

let chat: ChatStack;

before(async () => {
  // A 1024-token window: a few long Hindi turns outgrow it.
  chat = await startChatStack({ env: { LLM_CONTEXT_TOKENS: '1024' }, script: { deltas: ['अच्छा,', ' और', ' बताओ!'], text: 'Priya has a dog named Bruno.' } });
});
after(() => chat.close());

test('history that outgrows the window is folded into a rolling summary the next prompt uses', async () => {
  const user = await signUp(chat.stack, { plan: 'pro' });
  const character = await addCharacter(chat.stack);
  const created = await http(chat.stack.url, 'POST', '/v1/conversations', { token: user.token, body: { character_id: character.id, language: 'hi' } });
  const path = `/v1/conversations/${created.body.id}/messages`;
  const story = 'मेरे कुत्ते का नाम ब्रूनो है और वह हर सुबह मेरे साथ पार्क में दौड़ता है। '.repeat(6);
  let summarised = false;
  for (let turn = 0; turn < 8 && !summarised; turn += 1) {
    const response = await http(chat.stack.url, 'POST', path, { token: user.token, body: { content: `${turn}: ${story}` } });
    assert.equal(response.status, 200);
    for (let wait = 0; wait < 20 && !summarised; wait += 1) {
      summarised = Boolean((await Conversation.findByPk(created.body.id))!.summary);
      if (!summarised) await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const conversation = (await Conversation.findByPk(created.body.id))!;
  assert.equal(conversation.summary, 'Priya has a dog named Bruno.');
  assert.ok(conversation.summary_through_message_id);

  const summaryCall = chat.openai.requests.find((request) => !request.stream)!;
  assert.match(summaryCall.messages[1].content, /ब्रूनो/);

  await http(chat.stack.url, 'POST', path, { token: user.token, body: { content: 'मेरे कुत्ते का नाम याद है?' } });
  const last = chat.openai.requests.filter((request) => request.stream).at(-1)!;
  assert.match(last.messages[0].content, /summary\): Priya has a dog named Bruno\./);
  const sent = last.messages.reduce((sum: number, message: any) => sum + message.content.length, 0);
  assert.ok(sent < story.length * 6, 'the prompt stays within the window');
});

test('a summary written since this worker last read the conversation reaches the prompt; the client sees one reply', async () => {
  const user = await signUp(chat.stack, { plan: 'pro' });
  const character = await addCharacter(chat.stack);
  const created = await http(chat.stack.url, 'POST', '/v1/conversations', { token: user.token, body: { character_id: character.id, language: 'hi' } });
  const path = `/v1/conversations/${created.body.id}/messages`;
  assert.equal((await http(chat.stack.url, 'POST', path, { token: user.token, body: { content: 'नमस्ते' } })).status, 200);
  // Another llm worker's summariser, as far as this one can tell.
  await Conversation.update({ summary: 'Asha grows mangoes in Ratnagiri.' }, { where: { id: created.body.id } });

  const asked = chat.openai.requests.length;
  const turn = await sse(chat.stack.url, 'POST', path, { token: user.token, body: { content: 'मेरे बाग़ के बारे में याद है?' } });
  const streamed = chat.openai.requests.slice(asked).filter((request) => request.stream);
  assert.ok(streamed.length >= 1);
  assert.match(streamed.at(-1)!.messages[0].content, /Asha grows mangoes in Ratnagiri\./);
  const done = turn.events.find((event) => event.event === 'done')!;
  assert.equal(textOf(turn.events), done.data.assistant_message.content, 'the tokens of one reply, none twice');
  assert.equal(textOf(turn.events), 'अच्छा, और बताओ!');
});

test('a fold that lands while the next turn runs is not folded again when that turn ends', async () => {
  const user = await signUp(chat.stack, { plan: 'pro' });
  const character = await addCharacter(chat.stack);
  const created = await http(chat.stack.url, 'POST', '/v1/conversations', { token: user.token, body: { character_id: character.id, language: 'hi' } });
  const path = `/v1/conversations/${created.body.id}/messages`;
  const story = 'मेरी बहन का नाम मीरा है और वह पुणे में पढ़ाती है। '.repeat(8);
  const { defaults } = chat.openai;
  const usualSummary = defaults.text;
  let answerSummary!: () => void;
  defaults.text = () => new Promise<string>((resolve) => {
    answerSummary = () => resolve('Meera teaches in Pune.');
  });
  const before = chat.openai.requests.length;
  const summaryCalls = () => chat.openai.requests.slice(before).filter((request) => !request.stream).length;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  try {
    for (let turn = 0; turn < 10 && summaryCalls() === 0; turn += 1) {
      assert.equal((await http(chat.stack.url, 'POST', path, { token: user.token, body: { content: `${turn}: ${story}` } })).status, 200);
      for (let wait = 0; wait < 10 && summaryCalls() === 0; wait += 1) await sleep(20);
    }
    assert.equal(summaryCalls(), 1, 'the window outgrew the prompt and a fold was asked for');

    // The next turn reads the conversation before the fold lands and ends after it has.
    const asked = chat.openai.requests.length;
    chat.openai.queue.push({ ...defaults, firstChunkDelayMs: 400 });
    const nextTurn = http(chat.stack.url, 'POST', path, { token: user.token, body: { content: `later: ${story}` } });
    for (let wait = 0; wait < 50 && chat.openai.requests.length === asked; wait += 1) await sleep(10);
    await sleep(100);
    answerSummary();
    for (let wait = 0; wait < 50 && !(await Conversation.findByPk(created.body.id))!.summary; wait += 1) await sleep(10);
    assert.equal((await nextTurn).status, 200);
    await sleep(200);
    assert.equal(summaryCalls(), 1, 'the messages the fold took are not summarised twice');
  } finally {
    defaults.text = usualSummary;
  }
});

test('a fold that reaches further than the copy a turn started from costs no second model call; the next turn uses it', async () => {
  const user = await signUp(chat.stack, { plan: 'pro' });
  const character = await addCharacter(chat.stack);
  const created = await http(chat.stack.url, 'POST', '/v1/conversations', { token: user.token, body: { character_id: character.id } });
  const path = `/v1/conversations/${created.body.id}/messages`;
  for (const content of ['first', 'second', 'third']) {
    assert.equal((await http(chat.stack.url, 'POST', path, { token: user.token, body: { content } })).status, 200);
  }
  const first = await Message.findOne({ where: { conversation_id: created.body.id, content: 'first' } });
  // Another llm worker's fold, through the first message, which is still in the window.
  await Conversation.update({ summary: 'Said hello first.', summary_through_message_id: first!.id }, { where: { id: created.body.id } });

  const streamedSince = (asked: number) => chat.openai.requests.slice(asked).filter((request) => request.stream);
  let asked = chat.openai.requests.length;
  assert.equal((await http(chat.stack.url, 'POST', path, { token: user.token, body: { content: 'fourth' } })).status, 200);
  assert.equal(streamedSince(asked).length, 1, 'the turn was not asked again');

  asked = chat.openai.requests.length;
  assert.equal((await http(chat.stack.url, 'POST', path, { token: user.token, body: { content: 'fifth' } })).status, 200);
  const [prompt] = streamedSince(asked);
  assert.match(prompt!.messages[0].content, /Said hello first\./);
  const history = prompt!.messages.slice(1, -1).map((message: any) => message.content);
  assert.equal(history[0], 'अच्छा, और बताओ!', 'the history starts right after the summary: the reply to "first"');
  assert.ok(!history.includes('first'));
});

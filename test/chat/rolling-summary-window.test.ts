import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Conversation } from '../../shared/db/models/index.js';
import { addCharacter, startChatStack, type ChatStack } from '../helpers/chat.js';
import { http } from '../helpers/http.js';
import { signUp } from '../helpers/users.js';

/** The number of the last user message `n<number>` in a text, or -1. */
const lastMarker = (text: string) => Number([...text.matchAll(/\bn(\d+)\b/g)].at(-1)?.[1] ?? -1);

/** Each summary names the last user message it covers, so every prompt shows where its summary ends. */
const summaryText = (request: Record<string, any>) => `Through n${lastMarker(request.messages.at(-1).content.split('New messages:')[1])}.`;

/** A slow summariser: each summary is answered only once two more turns have been sent after it was asked for. */
const SUMMARY_TURNS = 2;
let turnsSent = 0;
const heldSummaries: Array<{ askedAfter: number; text: string; answer: () => void }> = [];
const slowSummary = (request: Record<string, any>) =>
  new Promise<string>((resolve) => {
    const text = summaryText(request);
    heldSummaries.push({ askedAfter: turnsSent, text, answer: () => resolve(text) });
  });

/** Answers the summaries that have waited long enough, and waits until each is stored. */
async function answerDueSummaries(conversationId: string): Promise<void> {
  for (const due of heldSummaries.filter((held) => turnsSent - held.askedAfter >= SUMMARY_TURNS)) {
    heldSummaries.splice(heldSummaries.indexOf(due), 1);
    due.answer();
    for (let wait = 0; wait < 100 && (await Conversation.findByPk(conversationId))!.summary !== due.text; wait += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

let chat: ChatStack;

before(async () => {
  chat = await startChatStack({ env: { PRO_CHAT_PER_MINUTE: '1000' }, script: { deltas: ['ok'], text: slowSummary } });
});
after(async () => {
  for (const held of heldSummaries) held.answer();
  await chat.close();
});

test('a filling window folds its oldest messages turns before they leave it: every prompt holds what its summary does not', async () => {
  const user = await signUp(chat.stack, { plan: 'pro' });
  const character = await addCharacter(chat.stack);
  const created = await http(chat.stack.url, 'POST', '/v1/conversations', { token: user.token, body: { character_id: character.id } });
  const path = `/v1/conversations/${created.body.id}/messages`;
  const asked = chat.openai.requests.length;

  const summaryCalls = () => chat.openai.requests.filter((request) => !request.stream);
  for (let turn = 0; turn < 56; turn += 1) {
    assert.equal((await http(chat.stack.url, 'POST', path, { token: user.token, body: { content: `n${turn}` } })).status, 200);
    turnsSent += 1;
    await answerDueSummaries(created.body.id);
  }
  // A turn whose copy of the conversation missed a fold is asked again: every ask is checked.
  const prompts = chat.openai.requests.slice(asked).filter((request) => request.stream);
  const users = (prompt: Record<string, any>) => prompt.messages.filter((message: any) => message.role === 'user');
  assert.equal(new Set(prompts.map((prompt) => users(prompt).at(-1).content)).size, 56);
  for (const prompt of prompts) {
    const summarisedThrough = lastMarker(/summary\): (.*)/.exec(prompt.messages[0].content)?.[1] ?? '');
    const held = users(prompt);
    assert.equal(lastMarker(held[0].content), summarisedThrough + 1, `${held.at(-1).content}: the prompt starts right after its summary`);
  }
  assert.ok(summaryCalls().length >= 3, 'the window was folded again and again');
  const last = prompts.at(-1)!;
  assert.ok(last.messages.length < 80, 'the prompt holds the window, not the whole conversation');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildPrompt, countPromptTokens } from '../../shared/prompt/builder.js';
import type { HistoryMessage, PromptInput } from '../../shared/prompt/slots.js';
import { countTextTokens } from '../../shared/prompt/tokens.js';

const tamil = 'நான் இன்று காலையில் சென்னை கடற்கரையில் நடந்தேன், அங்கே என் பழைய நண்பரை சந்தித்தேன். ';
const hindi = 'आज मैंने अपनी दादी से बहुत लंबी बात की, उन्होंने बचपन की कहानियाँ सुनाईं। ';

const history = (text: string, count: number): HistoryMessage[] =>
  Array.from({ length: count }, (_, index) => ({
    id: `m${String(index).padStart(4, '0')}`,
    role: index % 2 === 0 ? 'user' : 'assistant',
    content: `${index}: ${text.repeat(3)}`,
  }));

const input = (overrides: Partial<PromptInput> = {}): PromptInput => ({
  character: {
    name: 'Meera',
    persona: {
      system_prompt: 'You are Meera, a warm friend from Pune.',
      personality: 'Kind and curious',
      scenario: 'Evening chai on the balcony',
      example_dialogue: '{{user}}: Hi!\n{{char}}: Arre, hello! Chai piyoge?',
      post_history_instructions: 'Stay as Meera. Reply in two sentences.',
    },
  },
  conversationLanguage: 'hi',
  replyLanguage: 'hi',
  user: { displayName: 'Priya', interests: ['Cricket', 'Music'] },
  summary: 'Priya has a dog called Bruno and starts a new job on Monday.',
  history: history(hindi, 4),
  crisis: false,
  contextWindow: 128_000,
  replyReserve: 1024,
  ...overrides,
});

test('slots come in order: persona, language, safety, user facts, summary, example, history, post-history', () => {
  const prompt = buildPrompt(input());
  assert.deepEqual(prompt.slots, ['persona', 'language', 'safety', 'user_facts', 'summary', 'example_dialogue', 'history', 'post_history']);
  const system = prompt.messages[0]!.content;
  const positions = ['You are Meera', 'Scenario: Evening chai', 'Language:', 'Safety:', 'Priya', 'Bruno', 'Chai piyoge'].map((marker) => system.indexOf(marker));
  assert.ok(positions.every((position) => position >= 0), String(positions));
  assert.deepEqual([...positions].sort((a, b) => a - b), positions);
  assert.equal(prompt.messages.at(-1)!.role, 'system');
  assert.equal(prompt.messages.at(-1)!.content, 'Stay as Meera. Reply in two sentences.');
  assert.deepEqual(prompt.messages.slice(1, -1).map((message) => message.content), input().history.map((message) => message.content));
  assert.equal(prompt.promptTokens, countPromptTokens(prompt.messages));
});

test('the summary is used and the language rule follows the user\'s script', () => {
  const prompt = buildPrompt(input({ replyLanguage: 'ta' }));
  assert.match(prompt.messages[0]!.content, /Earlier in this conversation \(summary\): Priya has a dog called Bruno/);
  assert.match(prompt.messages[0]!.content, /Reply in Tamil/);
  assert.ok(!buildPrompt(input({ summary: null })).slots.includes('summary'));
});

test('a crisis adds the crisis instruction with the helpline to the safety slot', () => {
  const system = buildPrompt(input({ crisis: true })).messages[0]!.content;
  assert.match(system, /possible crisis/);
  assert.match(system, /14416/);
});

for (const [name, text] of [['Tamil', tamil], ['Hindi', hindi]] as const) {
  test(`long ${name} histories never exceed the budget; newest messages are kept, the rest reported as omitted`, () => {
    for (const contextWindow of [2048, 4096, 8192]) {
      const long = history(text, 300);
      const prompt = buildPrompt(input({ history: long, contextWindow, replyReserve: 512 }));
      assert.equal(prompt.budget, contextWindow - 512);
      const counted = countPromptTokens(prompt.messages);
      assert.ok(counted <= prompt.budget, `${counted} > ${prompt.budget}`);
      assert.equal(counted, prompt.promptTokens);
      const kept = prompt.messages.slice(1, -1);
      assert.equal(kept.at(-1)!.content, long.at(-1)!.content, 'the message being answered is always in');
      assert.equal(prompt.omitted.length + kept.length, long.length);
      assert.deepEqual(prompt.omitted, long.slice(0, prompt.omitted.length), 'the oldest are left out, the newest kept');
      assert.ok(prompt.omitted.length > 0);
    }
  });
}

test('Indic text is counted by the tokenizer: it costs more tokens than English of the same length', () => {
  const english = 'I walked on the Chennai beach this morning and met my old friend there. ';
  assert.ok(countTextTokens(tamil) > countTextTokens(english) * 1.5);
});

test('even a tiny window keeps the budget: the message being answered stays, the fixed slots are cut', () => {
  const tight = buildPrompt(input({ history: history(tamil, 40), contextWindow: 700, replyReserve: 200 }));
  assert.ok(countPromptTokens(tight.messages) <= 500);
  const full = buildPrompt(input()).messages[0]!.content;
  const tiny = buildPrompt(input({ history: [{ id: 'x', role: 'user', content: tamil.repeat(40) }], contextWindow: 300, replyReserve: 100 }));
  assert.ok(countPromptTokens(tiny.messages) <= 200, String(countPromptTokens(tiny.messages)));
  assert.ok(tiny.messages[0]!.content.length < full.length);
  assert.ok(!tiny.slots.includes('example_dialogue'));
  assert.equal(tiny.messages.at(-2)!.role, 'user');
});

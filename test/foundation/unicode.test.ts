import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Character, Conversation, Message, User } from '../../shared/db/models/index.js';
import { newId } from '../../shared/ids.js';
import { startStack, type TestStack } from '../helpers/stack.js';

let stack: TestStack;
before(async () => {
  stack = await startStack({ pools: [], edge: false });
});
after(() => stack.close());

test('Devanagari, Tamil and emoji round-trip through the messages table byte-exact', async () => {
  const text = 'नमस्ते दोस्त! 🙏🏽 आज कैसा दिन रहा? வணக்கம் 👩🏽‍💻 ❤️‍🔥 ਸਤ ਸ੍ਰੀ ਅਕਾਲ';
  const user = await User.create({ id: newId(), email: `${newId()}@example.in`, password_hash: null, display_name: 'प्रिया 🌸' });
  const character = await Character.create({
    id: newId(), slug: `c-${newId()}`, tier: 'free', interests: ['cricket'], languages: ['hi'], avatar_url: null,
    persona: { system_prompt: 'दोस्त', personality: 'गर्मजोशी 😊' },
  });
  const conversation = await Conversation.create({ id: newId(), user_id: user.id, character_id: character.id, language: 'hi', title: null });
  const message = await Message.create({
    id: newId(), conversation_id: conversation.id, role: 'user', content: text, language: 'hi', status: 'complete',
  });

  const stored = await Message.findByPk(message.id);
  assert.ok(stored);
  assert.deepEqual(Buffer.from(stored.content, 'utf8'), Buffer.from(text, 'utf8'));
  const [rows] = await stack.infra.sequelize.query('SELECT HEX(content) AS hex FROM messages WHERE id = ?', { replacements: [message.id] });
  assert.equal((rows as Array<{ hex: string }>)[0]?.hex, Buffer.from(text, 'utf8').toString('hex').toUpperCase());
  assert.equal((await User.findByPk(user.id))?.display_name, 'प्रिया 🌸');
  assert.deepEqual((await Character.findByPk(character.id))?.persona, { system_prompt: 'दोस्त', personality: 'गर्मजोशी 😊' });
});

import { Character, CharacterTranslation, Conversation, Message, User } from '../../shared/db/models/index.js';
import { newId } from '../../shared/ids.js';

/** Rows written straight through the models, for jobs that read what chat stored. */
export async function makeUser(overrides: Partial<{ plan: 'free' | 'pro'; created_at: Date }> = {}): Promise<User> {
  const user = await User.create({ id: newId(), email: `${newId()}@example.test`, password_hash: null, display_name: 'Test', plan: overrides.plan ?? 'free' });
  if (overrides.created_at) await User.update({ created_at: overrides.created_at }, { where: { id: user.id }, silent: true });
  return user;
}

export async function makeCharacter(): Promise<Character> {
  const character = await Character.create({
    id: newId(), slug: `test-${newId()}`, tier: 'free', interests: ['cricket'], languages: ['en', 'hi'], avatar_url: null,
    persona: { system_prompt: 'A friendly test companion.', personality: 'warm' },
  });
  await CharacterTranslation.create({ character_id: character.id, language: 'en', name: 'Asha', tagline: 'Friend', description: 'A friend', greeting: 'Hello!' });
  return character;
}

export async function makeConversation(userId: string, characterId: string, language = 'hi'): Promise<Conversation> {
  return Conversation.create({ id: newId(), user_id: userId, character_id: characterId, language, title: null });
}

export interface MessageSpec {
  role: 'user' | 'assistant';
  content: string;
  language?: string;
  at: Date;
  prompt_tokens?: number;
  completion_tokens?: number;
}

/** Adds messages with explicit times and keeps the conversation's counters in step. */
export async function addMessages(conversation: Conversation, specs: MessageSpec[]): Promise<Message[]> {
  const messages = await Message.bulkCreate(
    specs.map((spec) => ({
      id: newId(),
      conversation_id: conversation.id,
      role: spec.role,
      content: spec.content,
      language: spec.language ?? conversation.language,
      status: 'complete' as const,
      client_message_id: spec.role === 'user' ? newId() : null,
      prompt_tokens: spec.prompt_tokens ?? null,
      completion_tokens: spec.completion_tokens ?? null,
      created_at: spec.at,
    })),
  );
  const last = specs[specs.length - 1];
  await conversation.update({
    message_count: conversation.message_count + specs.length,
    last_message_at: last?.at ?? conversation.last_message_at,
    last_message_preview: last?.content.slice(0, 200) ?? conversation.last_message_preview,
  });
  return messages;
}

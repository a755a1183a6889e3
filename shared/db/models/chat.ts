import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

export type MessageStatus = 'complete' | 'partial' | 'failed' | 'generating';

export class Conversation extends Model<InferAttributes<Conversation>, InferCreationAttributes<Conversation>> {
  declare id: string;
  declare user_id: string;
  declare character_id: string;
  declare language: string;
  declare status: CreationOptional<'active' | 'ended'>;
  declare title: string | null;
  /** The rolling summary of messages older than the prompt window. */
  declare summary: CreationOptional<string | null>;
  declare summary_through_message_id: CreationOptional<string | null>;
  declare message_count: CreationOptional<number>;
  declare last_message_at: CreationOptional<Date | null>;
  declare last_message_preview: CreationOptional<string | null>;
  declare archived_at: CreationOptional<Date | null>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export class Message extends Model<InferAttributes<Message>, InferCreationAttributes<Message>> {
  declare id: string;
  declare conversation_id: string;
  declare role: 'user' | 'assistant';
  declare content: string;
  declare language: string;
  declare status: MessageStatus;
  declare client_message_id: CreationOptional<string | null>;
  declare generation_id: CreationOptional<string | null>;
  declare prompt_tokens: CreationOptional<number | null>;
  declare completion_tokens: CreationOptional<number | null>;
  declare created_at: CreationOptional<Date>;
}

/** One gzip'd JSON array of a conversation's messages, moved out of the hot table. */
export class MessageArchive extends Model<InferAttributes<MessageArchive>, InferCreationAttributes<MessageArchive>> {
  declare conversation_id: string;
  declare payload: Buffer;
  declare message_count: number;
  declare archived_at: CreationOptional<Date>;
}

const date3 = { type: DataTypes.DATE(3) };

export function initChatModels(sequelize: Sequelize): void {
  Conversation.init(
    {
      id: { type: DataTypes.CHAR(36), primaryKey: true },
      user_id: { type: DataTypes.CHAR(36), allowNull: false },
      character_id: { type: DataTypes.CHAR(36), allowNull: false },
      language: { type: DataTypes.STRING(5), allowNull: false },
      status: { type: DataTypes.ENUM('active', 'ended'), allowNull: false, defaultValue: 'active' },
      title: { type: DataTypes.STRING(200), allowNull: true },
      summary: { type: DataTypes.TEXT, allowNull: true },
      summary_through_message_id: { type: DataTypes.CHAR(36), allowNull: true },
      message_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      last_message_at: { ...date3, allowNull: true },
      last_message_preview: { type: DataTypes.STRING(200), allowNull: true },
      archived_at: { ...date3, allowNull: true },
      created_at: { type: DataTypes.DATE(3) },
      updated_at: { type: DataTypes.DATE(3) },
    },
    { sequelize, tableName: 'conversations', timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  Message.init(
    {
      id: { type: DataTypes.CHAR(36), primaryKey: true },
      conversation_id: { type: DataTypes.CHAR(36), allowNull: false },
      role: { type: DataTypes.ENUM('user', 'assistant'), allowNull: false },
      content: { type: DataTypes.TEXT('medium'), allowNull: false },
      language: { type: DataTypes.STRING(12), allowNull: false },
      status: { type: DataTypes.ENUM('complete', 'partial', 'failed', 'generating'), allowNull: false },
      client_message_id: { type: DataTypes.STRING(100), allowNull: true },
      generation_id: { type: DataTypes.CHAR(36), allowNull: true },
      prompt_tokens: { type: DataTypes.INTEGER, allowNull: true },
      completion_tokens: { type: DataTypes.INTEGER, allowNull: true },
      created_at: { type: DataTypes.DATE(3) },
    },
    { sequelize, tableName: 'messages', timestamps: true, createdAt: 'created_at', updatedAt: false },
  );
  MessageArchive.init(
    {
      conversation_id: { type: DataTypes.CHAR(36), primaryKey: true },
      payload: { type: DataTypes.BLOB('long'), allowNull: false },
      message_count: { type: DataTypes.INTEGER, allowNull: false },
      archived_at: { ...date3, defaultValue: DataTypes.NOW },
    },
    { sequelize, tableName: 'message_archives', timestamps: false },
  );
}

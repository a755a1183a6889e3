import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { jsonColumn } from '../json.js';

/** How a character thinks and speaks; fed to the prompt builder, never shown to users. */
export interface Persona {
  system_prompt: string;
  personality: string;
  scenario?: string;
  example_dialogue?: string;
  post_history_instructions?: string;
  alternate_greetings?: string[];
  tags?: string[];
  creator?: string;
  character_version?: string;
  /** Character Card V2 `extensions`, kept verbatim so unknown keys survive a round trip. */
  extensions?: Record<string, unknown>;
  /** Card V2 fields Saathi does not use, kept so an exported card gives them back. */
  creator_notes?: string;
  character_book?: unknown;
  /** Any other `data` field of an imported card, verbatim. */
  card_fields?: Record<string, unknown>;
}

export class Character extends Model<InferAttributes<Character>, InferCreationAttributes<Character>> {
  declare id: string;
  declare slug: string;
  declare tier: 'free' | 'premium';
  declare interests: string[];
  declare languages: string[];
  declare avatar_url: string | null;
  declare persona: Persona;
  declare position: CreationOptional<number>;
  declare deleted_at: CreationOptional<Date | null>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export class CharacterTranslation extends Model<InferAttributes<CharacterTranslation>, InferCreationAttributes<CharacterTranslation>> {
  declare character_id: string;
  declare language: string;
  declare name: string;
  declare tagline: string;
  declare description: string;
  declare greeting: string;
}

export class UserCharacterSetting extends Model<InferAttributes<UserCharacterSetting>, InferCreationAttributes<UserCharacterSetting>> {
  declare user_id: string;
  declare character_id: string;
  declare nickname: string | null;
  declare avatar_key: string | null;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

const date3 = { type: DataTypes.DATE(3) };

export function initCharacterModels(sequelize: Sequelize): void {
  Character.init(
    {
      id: { type: DataTypes.CHAR(36), primaryKey: true },
      slug: { type: DataTypes.STRING(60), allowNull: false },
      tier: { type: DataTypes.ENUM('free', 'premium'), allowNull: false },
      interests: jsonColumn('interests'),
      languages: jsonColumn('languages'),
      avatar_url: { type: DataTypes.STRING(500), allowNull: true },
      persona: jsonColumn('persona'),
      position: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      deleted_at: { ...date3, allowNull: true },
      created_at: { type: DataTypes.DATE(3) },
      updated_at: { type: DataTypes.DATE(3) },
    },
    { sequelize, tableName: 'characters', timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  CharacterTranslation.init(
    {
      character_id: { type: DataTypes.CHAR(36), primaryKey: true },
      language: { type: DataTypes.STRING(5), primaryKey: true },
      name: { type: DataTypes.STRING(120), allowNull: false },
      tagline: { type: DataTypes.STRING(300), allowNull: false },
      description: { type: DataTypes.TEXT, allowNull: false },
      greeting: { type: DataTypes.TEXT, allowNull: false },
    },
    { sequelize, tableName: 'character_translations', timestamps: false },
  );
  UserCharacterSetting.init(
    {
      user_id: { type: DataTypes.CHAR(36), primaryKey: true },
      character_id: { type: DataTypes.CHAR(36), primaryKey: true },
      nickname: { type: DataTypes.STRING(40), allowNull: true },
      avatar_key: { type: DataTypes.STRING(255), allowNull: true },
      created_at: { type: DataTypes.DATE(3) },
      updated_at: { type: DataTypes.DATE(3) },
    },
    { sequelize, tableName: 'user_character_settings', timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  Character.hasMany(CharacterTranslation, { foreignKey: 'character_id', as: 'translations' });
}

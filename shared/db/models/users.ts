import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { jsonColumn } from '../json.js';

export class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: string;
  declare email: string | null;
  declare password_hash: string | null;
  declare display_name: string | null;
  declare preferred_language: CreationOptional<string>;
  declare is_admin: CreationOptional<boolean>;
  /** Maintained by the billing pool; read by the edge and the quota pool. */
  declare plan: CreationOptional<'free' | 'pro'>;
  declare plan_expires_at: CreationOptional<Date | null>;
  declare last_matched_character_id: CreationOptional<string | null>;
  declare deleted_at: CreationOptional<Date | null>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

/** A signed-in device. Its id is the access token's `session_id`. */
export class Session extends Model<InferAttributes<Session>, InferCreationAttributes<Session>> {
  declare id: string;
  declare user_id: string;
  declare user_agent: string | null;
  declare ip: string | null;
  declare expires_at: Date;
  declare revoked_at: CreationOptional<Date | null>;
  declare last_seen_at: CreationOptional<Date>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

/** Refresh tokens are stored as SHA-256 hashes; a used one stays, so its reuse can be detected. */
export class RefreshToken extends Model<InferAttributes<RefreshToken>, InferCreationAttributes<RefreshToken>> {
  declare token_hash: string;
  declare session_id: string;
  declare used_at: CreationOptional<Date | null>;
  declare created_at: CreationOptional<Date>;
}

export class Interest extends Model<InferAttributes<Interest>, InferCreationAttributes<Interest>> {
  declare slug: string;
  /** Language code → localised name. */
  declare names: Record<string, string>;
  declare position: CreationOptional<number>;
}

export class UserInterest extends Model<InferAttributes<UserInterest>, InferCreationAttributes<UserInterest>> {
  declare user_id: string;
  declare interest_slug: string;
}

const date3 = { type: DataTypes.DATE(3) };

export function initUserModels(sequelize: Sequelize): void {
  User.init(
    {
      id: { type: DataTypes.CHAR(36), primaryKey: true },
      email: { type: DataTypes.STRING(320), allowNull: true },
      password_hash: { type: DataTypes.STRING(255), allowNull: true },
      display_name: { type: DataTypes.STRING(80), allowNull: true },
      preferred_language: { type: DataTypes.STRING(5), allowNull: false, defaultValue: 'en' },
      is_admin: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      plan: { type: DataTypes.ENUM('free', 'pro'), allowNull: false, defaultValue: 'free' },
      plan_expires_at: { ...date3, allowNull: true },
      last_matched_character_id: { type: DataTypes.CHAR(36), allowNull: true },
      deleted_at: { ...date3, allowNull: true },
      created_at: { type: DataTypes.DATE(3) },
      updated_at: { type: DataTypes.DATE(3) },
    },
    { sequelize, tableName: 'users', timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  Session.init(
    {
      id: { type: DataTypes.CHAR(36), primaryKey: true },
      user_id: { type: DataTypes.CHAR(36), allowNull: false },
      user_agent: { type: DataTypes.STRING(255), allowNull: true },
      ip: { type: DataTypes.STRING(64), allowNull: true },
      expires_at: { ...date3, allowNull: false },
      revoked_at: { ...date3, allowNull: true },
      last_seen_at: { ...date3, defaultValue: DataTypes.NOW },
      created_at: { type: DataTypes.DATE(3) },
      updated_at: { type: DataTypes.DATE(3) },
    },
    { sequelize, tableName: 'sessions', timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  RefreshToken.init(
    {
      token_hash: { type: DataTypes.CHAR(64), primaryKey: true },
      session_id: { type: DataTypes.CHAR(36), allowNull: false },
      used_at: { ...date3, allowNull: true },
      created_at: { type: DataTypes.DATE(3) },
    },
    { sequelize, tableName: 'refresh_tokens', timestamps: true, createdAt: 'created_at', updatedAt: false },
  );
  Interest.init(
    {
      slug: { type: DataTypes.STRING(40), primaryKey: true },
      names: jsonColumn('names'),
      position: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    },
    { sequelize, tableName: 'interests', timestamps: false },
  );
  UserInterest.init(
    {
      user_id: { type: DataTypes.CHAR(36), primaryKey: true },
      interest_slug: { type: DataTypes.STRING(40), primaryKey: true },
    },
    { sequelize, tableName: 'user_interests', timestamps: false },
  );
}

import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { jsonColumn } from '../json.js';

/** A user's usage on one Asia/Kolkata calendar day. */
export class UsageDaily extends Model<InferAttributes<UsageDaily>, InferCreationAttributes<UsageDaily>> {
  declare user_id: string;
  declare date: string;
  declare messages: number;
  declare prompt_tokens: number;
  declare completion_tokens: number;
  declare updated_at: CreationOptional<Date>;
}

export function initUsageModels(sequelize: Sequelize): void {
  UsageDaily.init(
    {
      user_id: { type: DataTypes.CHAR(36), primaryKey: true },
      date: { type: DataTypes.DATEONLY, primaryKey: true },
      messages: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      prompt_tokens: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
      completion_tokens: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
      updated_at: { type: DataTypes.DATE(3) },
    },
    { sequelize, tableName: 'usage_daily', timestamps: true, createdAt: false, updatedAt: 'updated_at' },
  );
}

/** Analytics of one Asia/Kolkata day; money in paise, LLM cost in millionths of a US dollar. */
export class DailyStat extends Model<InferAttributes<DailyStat>, InferCreationAttributes<DailyStat>> {
  declare date: string;
  declare active_users: number;
  declare new_users: number;
  declare messages: number;
  declare prompt_tokens: number;
  declare completion_tokens: number;
  declare by_language: Record<string, number>;
  declare by_character: Record<string, number>;
  declare by_plan: Record<string, number>;
  declare conversions: number;
  declare revenue_paise: number;
  declare llm_cost_usd_micros: number;
  declare computed_at: Date;
}

export function initDailyStatModel(sequelize: Sequelize): void {
  DailyStat.init(
    {
      date: { type: DataTypes.DATEONLY, primaryKey: true },
      active_users: { type: DataTypes.INTEGER, allowNull: false },
      new_users: { type: DataTypes.INTEGER, allowNull: false },
      messages: { type: DataTypes.INTEGER, allowNull: false },
      prompt_tokens: { type: DataTypes.BIGINT, allowNull: false },
      completion_tokens: { type: DataTypes.BIGINT, allowNull: false },
      by_language: jsonColumn('by_language'),
      by_character: jsonColumn('by_character'),
      by_plan: jsonColumn('by_plan'),
      conversions: { type: DataTypes.INTEGER, allowNull: false },
      revenue_paise: { type: DataTypes.BIGINT, allowNull: false },
      llm_cost_usd_micros: { type: DataTypes.BIGINT, allowNull: false },
      computed_at: { type: DataTypes.DATE(3), allowNull: false },
    },
    { sequelize, tableName: 'daily_stats', timestamps: false },
  );
}

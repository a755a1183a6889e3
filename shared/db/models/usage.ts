import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';

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

import { DataTypes, type QueryInterface } from 'sequelize';

/** One row per Asia/Kolkata day, written by the analytics job. */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('daily_stats', {
    date: { type: DataTypes.DATEONLY, allowNull: false, primaryKey: true },
    active_users: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    new_users: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    messages: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    prompt_tokens: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
    completion_tokens: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
    by_language: { type: DataTypes.JSON, allowNull: false },
    by_character: { type: DataTypes.JSON, allowNull: false },
    by_plan: { type: DataTypes.JSON, allowNull: false },
    conversions: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    revenue_paise: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
    llm_cost_usd_micros: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
    computed_at: { type: DataTypes.DATE(3), allowNull: false },
  }, { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci', engine: 'InnoDB' });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('daily_stats');
}

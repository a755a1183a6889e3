import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { jsonColumn } from '../json.js';

/** A Razorpay subscription; its id is Razorpay's (`sub_…`). */
export class Subscription extends Model<InferAttributes<Subscription>, InferCreationAttributes<Subscription>> {
  declare id: string;
  declare user_id: string | null;
  declare plan_id: string;
  declare razorpay_plan_id: string;
  declare status: string;
  declare current_start: CreationOptional<Date | null>;
  declare current_end: CreationOptional<Date | null>;
  declare cancel_at_period_end: CreationOptional<boolean>;
  declare short_url: CreationOptional<string | null>;
  /** `created_at` (unix seconds) of the webhook event that last set the state; older events never win. */
  declare last_event_at: CreationOptional<number | null>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

/** Money is whole paise in a BIGINT, never a float. */
export class Payment extends Model<InferAttributes<Payment>, InferCreationAttributes<Payment>> {
  declare id: string;
  declare subscription_id: string | null;
  declare user_id: string | null;
  declare amount_paise: number;
  declare currency: string;
  declare method: string | null;
  declare status: string;
  declare paid_at: CreationOptional<Date | null>;
  declare created_at: CreationOptional<Date>;
  declare updated_at: CreationOptional<Date>;
}

export class WebhookEvent extends Model<InferAttributes<WebhookEvent>, InferCreationAttributes<WebhookEvent>> {
  declare id: string;
  declare event: string;
  declare payload: Record<string, unknown>;
  declare event_created_at: number;
  declare received_at: CreationOptional<Date>;
  declare processed_at: CreationOptional<Date | null>;
}

const date3 = { type: DataTypes.DATE(3) };

export function initBillingModels(sequelize: Sequelize): void {
  Subscription.init(
    {
      id: { type: DataTypes.STRING(64), primaryKey: true },
      user_id: { type: DataTypes.CHAR(36), allowNull: true },
      plan_id: { type: DataTypes.STRING(40), allowNull: false },
      razorpay_plan_id: { type: DataTypes.STRING(64), allowNull: false },
      status: { type: DataTypes.STRING(20), allowNull: false },
      current_start: { ...date3, allowNull: true },
      current_end: { ...date3, allowNull: true },
      cancel_at_period_end: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      short_url: { type: DataTypes.STRING(500), allowNull: true },
      last_event_at: { type: DataTypes.BIGINT, allowNull: true },
      created_at: { type: DataTypes.DATE(3) },
      updated_at: { type: DataTypes.DATE(3) },
    },
    { sequelize, tableName: 'subscriptions', timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  Payment.init(
    {
      id: { type: DataTypes.STRING(64), primaryKey: true },
      subscription_id: { type: DataTypes.STRING(64), allowNull: true },
      user_id: { type: DataTypes.CHAR(36), allowNull: true },
      amount_paise: { type: DataTypes.BIGINT, allowNull: false },
      currency: { type: DataTypes.CHAR(3), allowNull: false },
      method: { type: DataTypes.STRING(30), allowNull: true },
      status: { type: DataTypes.STRING(20), allowNull: false },
      paid_at: { ...date3, allowNull: true },
      created_at: { type: DataTypes.DATE(3) },
      updated_at: { type: DataTypes.DATE(3) },
    },
    { sequelize, tableName: 'payments', timestamps: true, createdAt: 'created_at', updatedAt: 'updated_at' },
  );
  WebhookEvent.init(
    {
      id: { type: DataTypes.STRING(64), primaryKey: true },
      event: { type: DataTypes.STRING(60), allowNull: false },
      payload: jsonColumn('payload'),
      event_created_at: { type: DataTypes.BIGINT, allowNull: false },
      received_at: { ...date3, defaultValue: DataTypes.NOW },
      processed_at: { ...date3, allowNull: true },
    },
    { sequelize, tableName: 'webhook_events', timestamps: false },
  );
}

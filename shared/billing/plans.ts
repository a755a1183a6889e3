import type { Config } from '../config.js';

export type BillingPlanId = 'pro_monthly' | 'pro_yearly';
export type BillingInterval = 'monthly' | 'yearly';

/** A plan a user can buy: our id and price, and the Razorpay plan that charges it. */
export interface BillingPlan {
  id: BillingPlanId;
  name: string;
  /** Must equal the amount of the Razorpay plan behind it; whole paise, never a float. */
  amount_paise: number;
  currency: 'INR';
  interval: BillingInterval;
  features: string[];
  razorpay_plan_id: string | null;
  /** Billing cycles a subscription runs for before Razorpay completes it. */
  total_count: number;
}

const proFeatures = (config: Config): string[] => [
  `${config.PRO_DAILY_MESSAGES} messages a day (free: ${config.FREE_DAILY_MESSAGES})`,
  `${config.PRO_CHAT_PER_MINUTE} messages a minute`,
  `Up to ${config.PRO_MAX_ACTIVE_CONVERSATIONS} active conversations`,
  'Premium characters',
  'Your own avatar for a character',
  'Character match',
  'Resume ended conversations',
  'Replies from the Pro model',
];

/**
 * The plans on sale. `pro_monthly` is always listed (subscribing fails with `unavailable` until its
 * Razorpay plan id is configured); `pro_yearly` only once RAZORPAY_PLAN_PRO_YEARLY names its plan.
 */
export function billingPlans(config: Config): BillingPlan[] {
  const plans: BillingPlan[] = [
    {
      id: 'pro_monthly',
      name: 'Saathi Pro (monthly)',
      amount_paise: 19_900,
      currency: 'INR',
      interval: 'monthly',
      features: proFeatures(config),
      razorpay_plan_id: config.RAZORPAY_PLAN_PRO_MONTHLY ?? null,
      total_count: 120,
    },
  ];
  if (config.RAZORPAY_PLAN_PRO_YEARLY) {
    plans.push({
      id: 'pro_yearly',
      name: 'Saathi Pro (yearly)',
      amount_paise: 199_900,
      currency: 'INR',
      interval: 'yearly',
      features: proFeatures(config),
      razorpay_plan_id: config.RAZORPAY_PLAN_PRO_YEARLY,
      total_count: 10,
    });
  }
  return plans;
}

export const findPlan = (config: Config, planId: string): BillingPlan | undefined =>
  billingPlans(config).find((plan) => plan.id === planId);

/** Our plan id behind a Razorpay plan id, for subscriptions that reach us through webhooks only. */
export const planIdForRazorpayPlan = (config: Config, razorpayPlanId: string): BillingPlanId | undefined =>
  billingPlans(config).find((plan) => plan.razorpay_plan_id === razorpayPlanId)?.id;

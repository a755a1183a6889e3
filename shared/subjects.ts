import type { ErrorBody } from './errors.js';

/**
 * The subject catalogue: every NATS subject and JetStream stream Saathi uses, built from one
 * deployment prefix by `buildSubjects`. No other module writes a subject string.
 */

export const poolNames = ['llm', 'quota', 'billing', 'archival'] as const;
export type PoolName = (typeof poolNames)[number];

export type Plan = 'free' | 'pro';

/** A request/reply subject whose payloads are typed at both ends. */
export interface RpcSubject<Request, Reply> {
  readonly subject: string;
  readonly request?: Request;
  readonly reply?: Reply;
}

/** A fire-and-forget (core NATS) or JetStream subject with a typed payload. */
export interface EventSubject<Payload> {
  readonly subject: string;
  readonly payload?: Payload;
}

export type RequestOf<S> = S extends RpcSubject<infer Request, unknown> ? Request : never;
export type ReplyOf<S> = S extends RpcSubject<unknown, infer Reply> ? Reply : never;
export type PayloadOf<S> = S extends EventSubject<infer Payload> ? Payload : never;

/** What a worker answers on every request/reply subject. */
/** A refusal keeps its response headers (Retry-After, X-Quota-*) on its way to the edge. */
export type RpcEnvelope<Reply> = { ok: true; data: Reply } | { ok: false; error: ErrorBody; headers?: Record<string, string> };

// ---- payloads ---------------------------------------------------------------------------------

export interface PingReply {
  pool: PoolName;
  instance: string;
  /** The llm pool says whether it talks to a real provider or the offline stand-in. */
  mode?: 'openai' | 'offline';
}

export interface QuotaSnapshot {
  plan: Plan;
  limit: number;
  used: number;
  remaining: number;
  /** ISO-8601: the next 00:00 Asia/Kolkata. */
  resets_at: string;
}

export interface QuotaReserveRequest {
  user_id: string;
  /** Makes refund and commit idempotent; the generation id of the chat turn. */
  reservation_id: string;
}

/**
 * Allowed: the message is charged (the same reservation_id again charges nothing). Denied: nothing is
 * charged; `rate_limited` past the per-minute rate, `quota_exceeded` at the daily limit, with
 * retry_after_s until the window or the IST day ends.
 */
export type QuotaReserveReply =
  | ({ allowed: true } & QuotaSnapshot)
  | ({ allowed: false; reason: 'quota_exceeded' | 'rate_limited'; retry_after_s: number } & QuotaSnapshot);

/**
 * Settles a reservation as used: the message and its tokens count in the usage of the IST day it
 * was reserved on. Answers `{committed: false}` for one already committed, refunded or unknown.
 */
export interface QuotaCommitRequest {
  user_id: string;
  reservation_id: string;
  prompt_tokens: number;
  completion_tokens: number;
}

/** Gives a `reserved` message back once; `{refunded: false}` when already refunded, committed or unknown. */
export interface QuotaRefundRequest {
  user_id: string;
  reservation_id: string;
}

export interface QuotaStatusRequest {
  user_id: string;
}

/**
 * One chat turn, sent by the edge as soon as the token is checked (reservation id = generation id).
 * The worker lets it in (quota, owner, claims) while it starts the model, stores the user message
 * (idempotent on `client_message_id`) once it is let in, and answers; no token is published before.
 */
export interface GenerateRequest {
  generation_id: string;
  conversation_id: string;
  user_id: string;
  user_message_id: string;
  plan: Plan;
  content: string;
  client_message_id: string | null;
}

/** The API.md Message, as the edge presents it and the generation events carry it. */
export interface MessageView {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  language: string;
  status: 'complete' | 'partial' | 'failed';
  created_at: string;
  usage?: TokenUsage;
}

/**
 * `joined`: the `client_message_id` was stored by an earlier attempt, whose generation this is.
 * `quota`: after this message was charged (for a joined one, as it stands; null if the pool was silent).
 */
export interface GenerateAccepted {
  generation_id: string;
  instance: string;
  user_message: MessageView;
  joined: boolean;
  quota: QuotaSnapshot | null;
}

/** What a generation's JetStream subject carries, in order: tokens, heartbeats, then done or error. */
export type GenerationEvent =
  | { type: 'token'; seq: number; delta: string }
  | { type: 'heartbeat'; at: string }
  | { type: 'done'; assistant_message: MessageView; usage: TokenUsage; quota: Pick<QuotaSnapshot, 'remaining' | 'resets_at'> }
  | { type: 'error'; code: ErrorBody['code']; message: string };

export interface TokenUsage {
  prompt_tokens: number;
  completion_tokens: number;
}

export interface CreateSubscriptionRequest {
  user_id: string;
  plan_id: string;
}

export interface CreateSubscriptionReply {
  subscription_id: string;
  razorpay_key_id: string;
  status: string;
  short_url: string | null;
}

export interface VerifyCheckoutRequest {
  user_id: string;
  razorpay_payment_id: string;
  razorpay_subscription_id: string;
  razorpay_signature: string;
}

export interface VerifyCheckoutReply {
  status: string;
  plan: Plan;
  current_period_end: string | null;
}

export interface CancelSubscriptionRequest {
  user_id: string;
  at_period_end: boolean;
}

export interface SubscriptionView {
  plan: Plan;
  status: string;
  current_period_end: string | null;
  cancel_at_period_end: boolean;
}

export interface RazorpayWebhookEvent {
  event_id: string;
  /** The verified raw body, as received. */
  body: string;
}

export interface PlanChanged {
  user_id: string;
  plan: Plan;
}

export interface ProfileChanged {
  user_id: string;
}

export interface CharactersChanged {
  character_id: string | null;
}

export interface SessionRevoked {
  session_id: string;
  user_id: string;
}

// ---- the catalogue ----------------------------------------------------------------------------

/** Stream and consumer names may not hold dots; subjects may. */
const streamSafe = (prefix: string) => prefix.replace(/[^A-Za-z0-9_-]/g, '_');

export function buildSubjects(prefix: string) {
  const rpc = <Request, Reply>(name: string): RpcSubject<Request, Reply> => ({ subject: `${prefix}.${name}` });
  const event = <Payload>(name: string): EventSubject<Payload> => ({ subject: `${prefix}.${name}` });
  const streamName = streamSafe(prefix);

  return {
    prefix,
    /** Every instance of a pool answers (no queue group), so the edge can count them. */
    ping: (pool: PoolName) => rpc<Record<string, never>, PingReply>(`ping.${pool}`),
    quota: {
      reserve: rpc<QuotaReserveRequest, QuotaReserveReply>('quota.reserve'),
      commit: rpc<QuotaCommitRequest, { committed: boolean }>('quota.commit'),
      refund: rpc<QuotaRefundRequest, { refunded: boolean }>('quota.refund'),
      status: rpc<QuotaStatusRequest, QuotaSnapshot>('quota.status'),
    },
    chat: {
      generate: rpc<GenerateRequest, GenerateAccepted>('chat.generate'),
      cancel: (generationId: string) => event<{ generation_id: string }>(`chat.cancel.${generationId}`),
      cancelAll: event<{ generation_id: string }>('chat.cancel.*'),
    },
    generation: {
      events: (generationId: string) => event<GenerationEvent>(`gen.${generationId}`),
    },
    billing: {
      createSubscription: rpc<CreateSubscriptionRequest, CreateSubscriptionReply>('billing.subscription.create'),
      verifyCheckout: rpc<VerifyCheckoutRequest, VerifyCheckoutReply>('billing.subscription.verify'),
      cancelSubscription: rpc<CancelSubscriptionRequest, SubscriptionView>('billing.subscription.cancel'),
      reconcileSubscription: rpc<{ subscription_id: string }, { status: string; current_period_end: string | null }>('billing.subscription.reconcile'),
      razorpayWebhook: event<RazorpayWebhookEvent>('webhooks.razorpay'),
    },
    cache: {
      planChanged: event<PlanChanged>('cache.plan'),
      charactersChanged: event<CharactersChanged>('cache.characters'),
      profileChanged: event<ProfileChanged>('cache.profile'),
      sessionRevoked: event<SessionRevoked>('cache.session'),
    },
    streams: {
      generations: {
        name: `${streamName}_generations`,
        subjects: [`${prefix}.gen.>`],
        /** Replays must work for at least 10 minutes after a generation ends (API.md). */
        maxAgeMs: 15 * 60 * 1000,
      },
      webhooks: {
        name: `${streamName}_webhooks`,
        subjects: [`${prefix}.webhooks.>`],
        maxAgeMs: 7 * 24 * 60 * 60 * 1000,
        consumer: `${streamName}_billing`,
      },
    },
  } as const;
}

export type Subjects = ReturnType<typeof buildSubjects>;

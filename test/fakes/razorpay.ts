import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Razorpay API stand-in for the official SDK (pointed here through RAZORPAY_API_BASE): the
 * subscription endpoints Saathi uses, Basic auth with the key pair, and Razorpay's error shape.
 */
export interface FakeRazorpay {
  url: string;
  keyId: string;
  keySecret: string;
  subscriptions: Map<string, Record<string, any>>;
  requests: Array<{ method: string; path: string; body: Record<string, any> }>;
  /** The next request is answered with this status and a Razorpay error (5xx: an outage). */
  failNext: (status: number) => void;
  /** What Razorpay Checkout does: the authorisation payment, then the first charge. */
  completeCheckout: (subscriptionId: string, periodStart: Date, periodEnd: Date) => { paymentId: string; signature: string };
  close: () => Promise<void>;
}

const rzpId = (prefix: string) => `${prefix}_${randomBytes(7).toString('base64url').replace(/[-_]/g, 'x').slice(0, 14)}`;
const seconds = (at: Date) => Math.floor(at.getTime() / 1000);

const errorBody = (description: string) => ({
  error: { code: 'BAD_REQUEST_ERROR', description, source: 'business', step: 'payment_initiation', reason: 'input_validation_failed', metadata: {} },
});

async function readBody(req: IncomingMessage): Promise<Record<string, any>> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  const text = Buffer.concat(parts).toString('utf8');
  return text ? JSON.parse(text) : {};
}

/** A subscription entity shaped like ../shared/fixtures/razorpay/subscription_*.json. */
function newSubscription(body: Record<string, any>, now: Date): Record<string, any> {
  const id = rzpId('sub');
  return {
    id,
    entity: 'subscription',
    plan_id: body.plan_id,
    customer_id: null,
    status: 'created',
    current_start: null,
    current_end: null,
    ended_at: null,
    quantity: 1,
    notes: body.notes && Object.keys(body.notes).length ? body.notes : [],
    charge_at: null,
    start_at: null,
    end_at: null,
    auth_attempts: 0,
    total_count: body.total_count,
    paid_count: 0,
    customer_notify: true,
    created_at: seconds(now),
    expire_by: null,
    short_url: `https://rzp.io/i/${id.slice(4, 12)}`,
    has_scheduled_changes: false,
    change_scheduled_at: null,
    source: 'api',
    remaining_count: body.total_count,
  };
}

export async function startFakeRazorpay(options: { planIds: string[]; now?: () => Date }): Promise<FakeRazorpay> {
  const keyId = 'rzp_test_SaathiFake01';
  const keySecret = randomBytes(12).toString('hex');
  const now = options.now ?? (() => new Date());
  const subscriptions = new Map<string, Record<string, any>>();
  const requests: FakeRazorpay['requests'] = [];
  const failures: number[] = [];
  const expectedAuth = `Basic ${Buffer.from(`${keyId}:${keySecret}`).toString('base64')}`;

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const body = await readBody(req);
    requests.push({ method: req.method ?? 'GET', path, body });
    if (req.headers.authorization !== expectedAuth) return send(res, 401, errorBody('The api key provided is invalid'));
    const failure = failures.shift();
    if (failure) return send(res, failure, errorBody('We are facing some trouble completing your request at the moment.'));

    if (req.method === 'POST' && path === '/v1/subscriptions') {
      if (!options.planIds.includes(body.plan_id)) return send(res, 400, errorBody('The id provided does not exist'));
      const subscription = newSubscription(body, now());
      subscriptions.set(subscription.id, subscription);
      return send(res, 200, subscription);
    }
    const match = /^\/v1\/subscriptions\/([^/]+)(\/cancel)?$/.exec(path);
    const subscription = match ? subscriptions.get(match[1]!) : undefined;
    if (!match || !subscription) return send(res, 400, errorBody('The id provided does not exist'));
    if (req.method === 'GET' && !match[2]) return send(res, 200, subscription);
    if (req.method === 'POST' && match[2]) {
      if (['cancelled', 'completed', 'expired'].includes(subscription.status)) {
        return send(res, 400, errorBody('Subscription is not cancellable in cancelled status.'));
      }
      if (body.cancel_at_cycle_end === 1) {
        Object.assign(subscription, { has_scheduled_changes: true, change_scheduled_at: subscription.current_end });
      } else {
        Object.assign(subscription, { status: 'cancelled', ended_at: seconds(now()), charge_at: null });
      }
      return send(res, 200, subscription);
    }
    return send(res, 400, errorBody('The requested URL was not found on the server.'));
  };

  const server = createServer((req, res) => {
    route(req, res).catch(() => send(res, 500, errorBody('fake failure')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    keyId,
    keySecret,
    subscriptions,
    requests,
    failNext: (status) => failures.push(status),
    completeCheckout: (subscriptionId, periodStart, periodEnd) => {
      const subscription = subscriptions.get(subscriptionId);
      if (!subscription) throw new Error(`no fake subscription ${subscriptionId}`);
      Object.assign(subscription, {
        status: 'active',
        current_start: seconds(periodStart),
        current_end: seconds(periodEnd),
        charge_at: seconds(periodEnd),
        start_at: seconds(periodStart),
        paid_count: 1,
        remaining_count: subscription.total_count - 1,
      });
      const paymentId = rzpId('pay');
      const signature = createHmac('sha256', keySecret).update(`${paymentId}|${subscriptionId}`).digest('hex');
      return { paymentId, signature };
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolvePlan, type SubscriptionTerms } from '../../shared/billing/plan-resolution.js';

const now = new Date('2026-12-01T10:00:00Z');
const DAY_MS = 24 * 60 * 60 * 1000;
const at = (days: number) => new Date(now.getTime() + days * DAY_MS);
const GRACE_DAYS = 3;
const terms = (status: string, currentEnd: Date | null, cancelAtPeriodEnd = false): SubscriptionTerms => ({
  status,
  current_end: currentEnd,
  cancel_at_period_end: cancelAtPeriodEnd,
});
const planOf = (...subscriptions: SubscriptionTerms[]) => resolvePlan(subscriptions, now, GRACE_DAYS).plan;

test('active is Pro, even before the renewal webhook of a lapsed period arrives', () => {
  assert.equal(planOf(terms('active', at(10))), 'pro');
  assert.equal(planOf(terms('active', at(-1))), 'pro');
  assert.deepEqual(resolvePlan([terms('active', at(10))], now, GRACE_DAYS), { plan: 'pro', expires_at: at(10) });
});

test('authenticated is Pro only with a paid period', () => {
  assert.equal(planOf(terms('authenticated', null)), 'free');
  assert.equal(planOf(terms('authenticated', at(30))), 'pro');
});

test('pending is Pro within the grace period after the period ended', () => {
  assert.equal(planOf(terms('pending', at(-2))), 'pro');
  assert.equal(planOf(terms('pending', at(-3.01))), 'free');
  assert.deepEqual(resolvePlan([terms('pending', at(-1))], now, GRACE_DAYS).expires_at, at(2));
});

test('cancelled at period end is Pro until current_end; cancelled at once is free', () => {
  assert.equal(planOf(terms('active', at(5), true)), 'pro');
  assert.equal(planOf(terms('cancelled', at(5), true)), 'pro');
  assert.equal(planOf(terms('active', at(-0.001), true)), 'free');
  assert.equal(planOf(terms('cancelled', at(5))), 'free');
});

test('created, halted, paused, completed and expired grant nothing', () => {
  for (const status of ['created', 'halted', 'paused', 'completed', 'expired']) {
    assert.equal(planOf(terms(status, at(5))), 'free', status);
  }
  assert.deepEqual(resolvePlan([], now, GRACE_DAYS), { plan: 'free', expires_at: null });
});

test('any one subscription granting Pro is enough; the furthest paid end is the expiry', () => {
  const resolved = resolvePlan([terms('halted', at(1)), terms('cancelled', at(20), true), terms('pending', at(-1))], now, GRACE_DAYS);
  assert.deepEqual(resolved, { plan: 'pro', expires_at: at(20) });
});

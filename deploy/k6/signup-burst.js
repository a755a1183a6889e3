// A sign-up burst (a campaign going live): argon2id hashing dominates. Run it from many source IPs or
// raise AUTH_PER_MINUTE on the edge under test, or the per-IP auth limit answers 429 by design.
import { check } from 'k6';
import http from 'k6/http';
import { BASE_URL } from './common.js';

export const options = {
  scenarios: {
    burst: { executor: 'ramping-arrival-rate', startRate: 10, timeUnit: '1s', preAllocatedVUs: 200, stages: [
      { target: 100, duration: '30s' },
      { target: 100, duration: '1m' },
      { target: 0, duration: '10s' },
    ] },
  },
  thresholds: { 'http_req_duration{name:POST /v1/auth/signup}': ['p(95)<1500'] },
};

export default function () {
  const email = `burst-${__VU}-${__ITER}-${Date.now()}@example.test`;
  const res = http.post(`${BASE_URL}/v1/auth/signup`, JSON.stringify({ email, password: 'k6-password-123', age_confirmed: true }), {
    headers: { 'Content-Type': 'application/json' },
    tags: { name: 'POST /v1/auth/signup' },
  });
  check(res, { 'signup 201 or rate limited': (r) => r.status === 201 || r.status === 429 });
}

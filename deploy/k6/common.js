// Shared helpers for the k6 scenarios. BASE_URL points at an edge (default http://localhost:8080).
import http from 'k6/http';
import { check } from 'k6';

export const BASE_URL = __ENV.BASE_URL || 'http://localhost:8080';
const json = { 'Content-Type': 'application/json' };

export function signUp(label) {
  const email = `k6-${label}-${Date.now()}-${Math.floor(Math.random() * 1e9)}@example.test`;
  const res = http.post(`${BASE_URL}/v1/auth/signup`, JSON.stringify({ email, password: 'k6-password-123', age_confirmed: true }), {
    headers: json,
    tags: { name: 'POST /v1/auth/signup' },
  });
  check(res, { 'signup 201': (r) => r.status === 201 });
  return res.status === 201 ? res.json('access_token') : null;
}

export const authed = (token, extra = {}) => ({ headers: { ...json, Authorization: `Bearer ${token}`, ...extra } });

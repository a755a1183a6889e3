// Browsing the catalogue: list pages in the user's language, open a character. Exercises the
// character cache (Redis + in-process LRU) and the ETag / If-None-Match path.
import http from 'k6/http';
import { check } from 'k6';
import { BASE_URL, authed, signUp } from './common.js';

export const options = {
  scenarios: { browse: { executor: 'constant-vus', vus: Number(__ENV.VUS || 100), duration: __ENV.DURATION || '1m' } },
  thresholds: { http_req_failed: ['rate<0.01'], http_req_duration: ['p(95)<200'] },
};

const languages = ['en', 'hi', 'ta', 'bn', 'te', 'mr'];

export function setup() {
  return { token: signUp('browse') };
}

export default function ({ token }) {
  const language = languages[__ITER % languages.length];
  const list = http.get(`${BASE_URL}/v1/characters?language=${language}&limit=20`, { ...authed(token), tags: { name: 'GET /v1/characters' } });
  check(list, { 'list 200': (r) => r.status === 200 });
  const etag = list.headers.Etag || list.headers.ETag;
  if (etag) {
    const again = http.get(`${BASE_URL}/v1/characters?language=${language}&limit=20`, {
      ...authed(token, { 'If-None-Match': etag }),
      tags: { name: 'GET /v1/characters (conditional)' },
    });
    check(again, { 'unchanged 304': (r) => r.status === 304 });
  }
  const items = list.json('items') || [];
  if (items.length) {
    const one = http.get(`${BASE_URL}/v1/characters/${items[__ITER % items.length].id}?language=${language}`, {
      ...authed(token),
      tags: { name: 'GET /v1/characters/{id}' },
    });
    check(one, { 'character 200': (r) => r.status === 200 });
  }
}

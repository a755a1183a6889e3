// A chat turn over SSE, as the app sends it. k6 reads the whole stream before it returns, so this
// measures full-turn latency and throughput; time to first token needs `npm run bench` (our SSE client).
// Every VU is a free user by default: raise FREE_DAILY_MESSAGES / FREE_CHAT_PER_MINUTE on the edge
// under test, or the quota answers 429 — which the script counts separately.
import http from 'k6/http';
import { check, fail } from 'k6';
import { Counter } from 'k6/metrics';
import { BASE_URL, authed, signUp } from './common.js';

const quotaRefusals = new Counter('quota_refusals');

export const options = {
  scenarios: { chat: { executor: 'constant-vus', vus: Number(__ENV.VUS || 50), duration: __ENV.DURATION || '1m' } },
  thresholds: { http_req_failed: ['rate<0.01'], 'http_req_duration{name:POST /v1/conversations/{id}/messages}': ['p(95)<5000'] },
};

export function setup() {
  const characters = http.get(`${BASE_URL}/v1/characters?tier=free&limit=1`, authed(signUp('setup'))).json('items');
  if (!characters || characters.length === 0) fail('no free character to chat with');
  return { characterId: characters[0].id };
}

export default function (data) {
  if (!globalThis.session) {
    const token = signUp(`vu${__VU}`);
    const conversation = http.post(`${BASE_URL}/v1/conversations`, JSON.stringify({ character_id: data.characterId }), authed(token));
    check(conversation, { 'conversation 201': (r) => r.status === 201 });
    globalThis.session = { token, conversationId: conversation.json('id') };
  }
  const { token, conversationId } = globalThis.session;
  const res = http.post(
    `${BASE_URL}/v1/conversations/${conversationId}/messages`,
    JSON.stringify({ content: 'Namaste! Aaj ka din kaisa raha?', client_message_id: `k6-${__VU}-${__ITER}` }),
    { ...authed(token, { Accept: 'text/event-stream' }), tags: { name: 'POST /v1/conversations/{id}/messages' } },
  );
  if (res.status === 429) return quotaRefusals.add(1);
  check(res, {
    'stream 200': (r) => r.status === 200,
    'stream ends with done': (r) => r.body.includes('event: done'),
  });
}

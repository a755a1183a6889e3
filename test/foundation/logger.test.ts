import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { createLogger } from '../../shared/logger.js';

test('secrets are redacted wherever they appear in a log line', () => {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
  const logger = createLogger({ LOG_LEVEL: 'info' }, {}, sink);
  logger.info({
    password: 'hunter2-hunter2',
    body: { refresh_token: 'rt-secret', password: 'p4ss' },
    req: { headers: { authorization: 'Bearer eyJhbGciOi.secret', 'x-razorpay-signature': 'abc123' } },
    razorpay_signature: 'sig-secret',
  }, 'login');
  const line = lines.join('');
  for (const secret of ['hunter2', 'rt-secret', 'p4ss', 'eyJhbGciOi', 'abc123', 'sig-secret']) {
    assert.ok(!line.includes(secret), `${secret} leaked: ${line}`);
  }
  assert.match(line, /\[redacted\]/);
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../shared/config.js';
import { createBlobStore } from '../../shared/storage/index.js';
import { LocalDirStore } from '../../shared/storage/local-dir.js';
import { S3BlobStore } from '../../shared/storage/s3.js';
import { startFakeS3, type FakeS3 } from '../fakes/s3.js';

describe('S3-compatible blob store', () => {
  let s3: FakeS3;
  let store: S3BlobStore;

  before(async () => {
    s3 = await startFakeS3();
    store = new S3BlobStore({
      bucket: s3.bucket,
      region: 'ap-south-1',
      endpoint: s3.url,
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    });
  });

  after(() => s3.close());

  it('round-trips bytes and content type through a path-style bucket', async () => {
    const bytes = Buffer.from([0x52, 0x49, 0x46, 0x46, 0x00, 0xff, 0x10, 0x57, 0x45, 0x42, 0x50]);
    await store.put('avatars/round-trip.webp', bytes, 'image/webp');

    assert.deepEqual(await store.get('avatars/round-trip.webp'), { bytes, contentType: 'image/webp' });
    assert.ok(s3.requests.some((request) => request.method === 'PUT' && request.path === `/${s3.bucket}/avatars/round-trip.webp`));
  });

  it('answers null for a key that was never stored', async () => {
    assert.equal(await store.get('avatars/never-stored.webp'), null);
  });

  it('forgets a deleted object, and deleting again is harmless', async () => {
    await store.put('avatars/deleted.webp', Buffer.from('bytes'), 'image/webp');
    await store.delete('avatars/deleted.webp');

    assert.equal(await store.get('avatars/deleted.webp'), null);
    await store.delete('avatars/deleted.webp');
  });

  it('rejects unsafe keys before any request is made', async () => {
    const requestsBefore = s3.requests.length;
    await assert.rejects(store.put('../escape.webp', Buffer.from('x'), 'image/webp'), /unsafe storage key/);
    await assert.rejects(store.delete('avatars/../other'), /unsafe storage key/);
    assert.equal(await store.get('/absolute'), null);
    assert.equal(s3.requests.length, requestsBefore);
  });

  it('is chosen by createBlobStore when S3_BUCKET is set, with the key prefix applied', async () => {
    const config = loadConfig({
      S3_BUCKET: s3.bucket,
      S3_ENDPOINT: s3.url,
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
      S3_KEY_PREFIX: 'deployment-a/',
    });
    const configured = createBlobStore(config);
    assert.ok(configured instanceof S3BlobStore);

    await configured.put('avatars/configured.webp', Buffer.from('webp bytes'), 'image/webp');
    assert.equal(s3.objects.get('deployment-a/avatars/configured.webp')?.contentType, 'image/webp');
    assert.equal((await configured.get('avatars/configured.webp'))?.bytes.toString(), 'webp bytes');
  });

  it('keeps the local directory when S3_BUCKET is not set', () => {
    assert.ok(createBlobStore(loadConfig({})) instanceof LocalDirStore);
  });

  it('refuses half a key pair', () => {
    assert.throws(
      () => loadConfig({ S3_BUCKET: 'avatars', S3_ACCESS_KEY_ID: 'AKIAONLYTHEID' }),
      (error: unknown) => error instanceof ConfigError && error.problems.some((problem) => problem.startsWith('S3_ACCESS_KEY_ID')),
    );
  });
});

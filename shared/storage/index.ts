import type { Config } from '../config.js';
import { LocalDirStore } from './local-dir.js';
import { S3BlobStore } from './s3.js';

/** Where uploaded files (custom avatars) live. Keys are slash-separated, e.g. `avatars/<file>`. */
export interface BlobStore {
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** null when nothing is stored under the key. */
  get(key: string): Promise<{ bytes: Buffer; contentType: string } | null>;
  delete(key: string): Promise<void>;
}

const SAFE_KEY = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;

export const isSafeKey = (key: string): boolean => SAFE_KEY.test(key) && !key.split('/').includes('..');

type StorageConfig = Pick<
  Config,
  'STORAGE_DIR' | 'S3_BUCKET' | 'S3_REGION' | 'S3_ENDPOINT' | 'S3_ACCESS_KEY_ID' | 'S3_SECRET_ACCESS_KEY' | 'S3_KEY_PREFIX'
>;

/** An S3-compatible bucket when S3_BUCKET is set, otherwise the STORAGE_DIR directory. */
export function createBlobStore(config: StorageConfig): BlobStore {
  if (!config.S3_BUCKET) return new LocalDirStore(config.STORAGE_DIR);
  return new S3BlobStore({
    bucket: config.S3_BUCKET,
    region: config.S3_REGION,
    endpoint: config.S3_ENDPOINT,
    // config guarantees the pair comes together; without it the SDK's default chain (env, profile, instance role) applies
    credentials: config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
      ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY }
      : undefined,
    keyPrefix: config.S3_KEY_PREFIX,
  });
}

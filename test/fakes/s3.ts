import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An S3-compatible service stand-in for the official SDK (pointed here through S3_ENDPOINT): one
 * bucket, path-style object PUT/GET/DELETE, SigV4-signed requests and S3's XML errors.
 */
export interface FakeS3 {
  url: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** By full object key, prefix included. */
  objects: Map<string, { bytes: Buffer; contentType: string }>;
  requests: Array<{ method: string; path: string }>;
  close: () => Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`);

export async function startFakeS3(options: { bucket?: string } = {}): Promise<FakeS3> {
  const bucket = options.bucket ?? 'saathi-test';
  const accessKeyId = 'AKIASAATHIFAKE000001';
  const secretAccessKey = randomBytes(20).toString('base64');
  const objects: FakeS3['objects'] = new Map();
  const requests: FakeS3['requests'] = [];

  const fail = (res: ServerResponse, status: number, code: string, message: string, resource: string) => {
    const requestId = randomBytes(8).toString('hex').toUpperCase();
    res.writeHead(status, { 'content-type': 'application/xml', 'x-amz-request-id': requestId });
    res.end(
      '<?xml version="1.0" encoding="UTF-8"?>\n'
      + `<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message><Resource>${escapeXml(resource)}</Resource>`
      + `<RequestId>${requestId}</RequestId></Error>`,
    );
  };

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    requests.push({ method, path });

    // The SDK signs with SigV4; a request without it (or under another key) is not from our client.
    if (!req.headers.authorization?.startsWith(`AWS4-HMAC-SHA256 Credential=${accessKeyId}/`)) {
      return fail(res, 403, 'AccessDenied', 'Access Denied', path);
    }
    const declaredHash = req.headers['x-amz-content-sha256'];
    if (typeof declaredHash === 'string' && /^[0-9a-f]{64}$/.test(declaredHash)
      && declaredHash !== createHash('sha256').update(body).digest('hex')) {
      return fail(res, 400, 'XAmzContentSHA256Mismatch', 'The provided x-amz-content-sha256 header does not match what was computed.', path);
    }

    // Path-style only: /<bucket>/<key>, each key segment URI-encoded.
    const [, bucketName, ...segments] = path.split('/');
    if (bucketName !== bucket) return fail(res, 404, 'NoSuchBucket', 'The specified bucket does not exist', path);
    const key = segments.map(decodeURIComponent).join('/');
    if (!key) return fail(res, 501, 'NotImplemented', 'Only object requests are implemented', path);

    if (method === 'PUT') {
      objects.set(key, { bytes: body, contentType: req.headers['content-type'] ?? 'binary/octet-stream' });
      res.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` });
      return res.end();
    }
    if (method === 'GET') {
      const object = objects.get(key);
      if (!object) return fail(res, 404, 'NoSuchKey', 'The specified key does not exist.', path);
      res.writeHead(200, {
        'content-type': object.contentType,
        'content-length': object.bytes.length,
        etag: `"${createHash('md5').update(object.bytes).digest('hex')}"`,
      });
      return res.end(object.bytes);
    }
    if (method === 'DELETE') {
      // S3 answers 204 whether or not the key existed.
      objects.delete(key);
      res.writeHead(204);
      return res.end();
    }
    return fail(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.', path);
  };

  const server = createServer((req, res) => {
    route(req, res).catch((error: Error) => fail(res, 500, 'InternalError', error.message, req.url ?? '/'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    bucket,
    accessKeyId,
    secretAccessKey,
    objects,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

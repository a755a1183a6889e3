import sharp from 'sharp';
import { AppError } from '../errors.js';

export const MAX_AVATAR_BYTES = 2 * 1024 * 1024;
export const AVATAR_SIZE = 512;
/** Decompression bombs: a small file may claim a huge canvas. */
const MAX_INPUT_PIXELS = 40_000_000;

export type ImageType = 'png' | 'jpeg' | 'webp';

const startsWith = (bytes: Buffer, signature: number[], at = 0) => signature.every((byte, index) => bytes[at + index] === byte);

/** The real type by magic bytes; the file name and the declared content type are not trusted. */
export function sniffImage(bytes: Buffer): ImageType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  return null;
}

const notAnImage = (message: string) =>
  new AppError('validation_failed', message, { issues: [{ path: 'file', message }] });

/** Checks an upload and re-encodes it as a 512×512 WebP, which also strips metadata (EXIF location…). */
export async function normaliseAvatar(bytes: Buffer): Promise<Buffer> {
  if (bytes.length > MAX_AVATAR_BYTES) throw new AppError('payload_too_large', `An avatar may be at most ${MAX_AVATAR_BYTES} bytes`);
  const type = sniffImage(bytes);
  if (!type) throw notAnImage('The file must be a PNG, JPEG or WebP image');
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' });
    const { format } = await image.metadata();
    if (format !== type) throw new Error(`declared ${type}, decoded ${format}`);
    return await image.rotate().resize(AVATAR_SIZE, AVATAR_SIZE, { fit: 'cover' }).webp({ quality: 82 }).toBuffer();
  } catch {
    throw notAnImage('The image could not be decoded');
  }
}

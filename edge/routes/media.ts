import { z } from 'zod';
import { avatarSvg, lookOfCharacter } from '../../shared/characters/index.js';
import { lookFor } from '../../shared/characters/avatar-svg.js';
import { notFound } from '../../shared/errors.js';
import type { EdgeDeps } from '../deps.js';
import type { ApiRouter } from '../route.js';

const SVG_FILE = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.svg$/;
const AVATAR_FILE = /^[0-9a-f-]{36}_[0-9a-f-]{36}_[0-9a-f]{24}\.webp$/;

/**
 * Public images, so that `avatar_url` works in an <img> without a token: the generated character
 * avatars, and uploaded avatars under unguessable, content-immutable keys.
 */
export function mediaRoutes(api: ApiRouter, { characters, storage }: EdgeDeps): void {
  api.add(
    {
      method: 'get', path: '/v1/media/characters/:file', summary: 'A character\'s generated avatar (`<slug>.svg`)', tag: 'media',
      access: 'public',
      responses: { 200: { description: 'SVG', schema: z.string(), contentType: 'image/svg+xml' } },
    },
    async (ctx, { params }) => {
      const slug = SVG_FILE.exec(params.file!)?.[1];
      if (!slug) throw notFound('image');
      const record = (await characters.all()).find((candidate) => candidate.slug === slug);
      ctx.type = 'image/svg+xml';
      ctx.set('Cache-Control', 'public, max-age=3600');
      return avatarSvg(record ? lookOfCharacter(record) : lookFor(slug));
    },
  );

  api.add(
    {
      method: 'get', path: '/v1/media/avatars/:file', summary: 'An uploaded avatar', tag: 'media', access: 'public',
      responses: { 200: { description: 'WebP', schema: z.string(), contentType: 'image/webp' } },
    },
    async (ctx, { params }) => {
      if (!AVATAR_FILE.test(params.file!)) throw notFound('image');
      const stored = await storage.get(`avatars/${params.file}`);
      if (!stored) throw notFound('image');
      ctx.type = stored.contentType;
      ctx.set('Cache-Control', 'public, max-age=31536000, immutable');
      return stored.bytes;
    },
  );
}

import { createHash } from 'node:crypto';
import {
  liveCharacter, loadViewer, matchCharacter, mediaBaseOf, pageOf, requirePro, setCustomAvatar, setNickname, toView,
  type CharacterRecord,
} from '../../shared/characters/index.js';
import { MAX_AVATAR_BYTES } from '../../shared/characters/avatar-image.js';
import { uploadedAvatarPath } from '../../shared/characters/views.js';
import type { LanguageCode } from '../../shared/languages.js';
import type { AuthContext, EdgeContext } from '../context.js';
import type { EdgeDeps } from '../deps.js';
import { readMultipartFile } from '../multipart.js';
import type { ApiRouter } from '../route.js';
import {
  avatarReply, characterPage, characterView, customizationBody, listQuery, matchBody, viewQuery, matchReply,
} from './characters.schema.js';

const TAG = 'characters';

/** Koa 3's `ctx.origin` is the Origin header; avatars need the address this request reached. */
const originOf = (ctx: EdgeContext) => `${ctx.protocol}://${ctx.host}`;

/** Views for the caller: their language, plan, nicknames and avatars. */
export async function presenter(ctx: EdgeContext, deps: EdgeDeps, auth: AuthContext, language?: LanguageCode) {
  const viewer = await loadViewer(auth, language);
  const mediaBase = mediaBaseOf(deps.infra, originOf(ctx));
  return (record: CharacterRecord) => toView(record, viewer, mediaBase);
}

/** A weak ETag over the exact body, so anything the caller would see differently changes it. */
function answerWithEtag(ctx: EdgeContext, body: unknown): unknown {
  const etag = `W/"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 32)}"`;
  ctx.set('ETag', etag);
  ctx.set('Cache-Control', 'private, no-cache');
  const presented = ctx.get('If-None-Match').split(',').map((tag) => tag.trim());
  if (presented.includes(etag) || presented.includes('*')) {
    ctx.status = 304;
    ctx.body = null;
    return undefined;
  }
  return body;
}

export function characterRoutes(api: ApiRouter, deps: EdgeDeps): void {
  const { infra, characters } = deps;

  api.add(
    {
      method: 'get', path: '/v1/characters', summary: 'List characters (ETag / If-None-Match → 304)', tag: TAG, access: 'user',
      query: listQuery,
      responses: { 200: { description: 'A page of characters', schema: characterPage }, 304: { description: 'Unchanged since the ETag sent' } },
    },
    async (ctx, { query, auth }) => {
      const page = pageOf(await characters.all(), query, query.limit, query.cursor);
      const present = await presenter(ctx, deps, auth, query.language);
      return answerWithEtag(ctx, { items: page.items.map(present), next_cursor: page.next_cursor });
    },
  );

  api.add(
    {
      method: 'post', path: '/v1/characters/match', summary: 'Pick a character for me (Pro)', tag: TAG, access: 'user',
      body: matchBody,
      responses: { 200: { description: 'A character and why', schema: matchReply } },
    },
    async (ctx, { body, auth }) => {
      requirePro(auth.plan, 'Matching');
      const { record, reason } = await matchCharacter(infra, await characters.all(), auth.user_id, body.language);
      const present = await presenter(ctx, deps, auth, body.language);
      return { character: present(record), reason };
    },
  );

  api.add(
    {
      method: 'get', path: '/v1/characters/:id', summary: 'One character', tag: TAG, access: 'user',
      query: viewQuery,
      responses: { 200: { description: 'The character', schema: characterView } },
    },
    async (ctx, { params, query, auth }) => {
      const record = await liveCharacter(characters, params.id!);
      return (await presenter(ctx, deps, auth, query.language))(record);
    },
  );

  api.add(
    {
      method: 'put', path: '/v1/characters/:id/customization', summary: 'Set or clear my nickname for a character', tag: TAG, access: 'user',
      body: customizationBody, query: viewQuery,
      responses: { 200: { description: 'The character as I see it now', schema: characterView } },
    },
    async (ctx, { params, body, query, auth }) => {
      await setNickname(characters, auth.user_id, params.id!, body.nickname);
      const record = await liveCharacter(characters, params.id!);
      return (await presenter(ctx, deps, auth, query.language))(record);
    },
  );

  api.add(
    {
      method: 'put', path: '/v1/characters/:id/avatar', summary: 'Upload my avatar for a character (Pro; multipart field `file`)', tag: TAG,
      access: 'user',
      responses: {
        200: { description: 'Stored as a 512×512 WebP', schema: avatarReply },
        413: { description: 'Over 2 MiB' },
        422: { description: 'Not a PNG, JPEG or WebP image' },
      },
    },
    async (ctx, { params, auth }) => {
      requirePro(auth.plan, 'A custom avatar');
      await liveCharacter(characters, params.id!);
      const upload = await readMultipartFile(ctx, 'file', MAX_AVATAR_BYTES);
      const key = await setCustomAvatar(infra, deps.storage, auth.user_id, params.id!, upload);
      return { avatar_url: `${mediaBaseOf(infra, originOf(ctx))}${uploadedAvatarPath(key)}` };
    },
  );
}

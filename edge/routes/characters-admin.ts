import {
  cardFromCharacter, characterCardSchema, characterFromCard, createCharacter, deleteCharacter, liveCharacter, updateCharacter,
} from '../../shared/characters/index.js';
import type { EdgeDeps } from '../deps.js';
import type { ApiRouter } from '../route.js';
import { presenter } from './characters.js';
import { characterView, createCharacterBody, importQuery, patchCharacterBody } from './characters.schema.js';

const TAG = 'characters (admin)';

/** Catalogue writes: every one commits, then bumps the shared cache generation and tells every edge. */
export function characterAdminRoutes(api: ApiRouter, deps: EdgeDeps): void {
  const { infra, characters } = deps;

  api.add(
    {
      method: 'post', path: '/v1/characters', summary: 'Create a character', tag: TAG, access: 'admin',
      body: createCharacterBody,
      responses: { 201: { description: 'Created', schema: characterView }, 409: { description: 'The slug is taken' } },
    },
    async (ctx, { body, auth }) => {
      const record = await createCharacter(infra, body);
      characters.invalidate();
      ctx.status = 201;
      return (await presenter(ctx, deps, auth))(record);
    },
  );

  api.add(
    {
      method: 'patch', path: '/v1/characters/:id', summary: 'Change a character', tag: TAG, access: 'admin',
      body: patchCharacterBody,
      responses: { 200: { description: 'The character', schema: characterView }, 409: { description: 'The slug is taken' } },
    },
    async (ctx, { params, body, auth }) => {
      const record = await updateCharacter(infra, params.id!, body);
      characters.invalidate();
      return (await presenter(ctx, deps, auth))(record);
    },
  );

  api.add(
    {
      method: 'delete', path: '/v1/characters/:id', summary: 'Remove a character (soft: its conversations keep working)', tag: TAG,
      access: 'admin',
      responses: { 204: { description: 'Removed from the catalogue' } },
    },
    async (_ctx, { params }) => {
      await deleteCharacter(infra, params.id!);
      characters.invalidate();
    },
  );

  api.add(
    {
      method: 'post', path: '/v1/characters/import', summary: 'Import a Character Card V2 (query: slug, tier)', tag: TAG, access: 'admin',
      body: characterCardSchema, query: importQuery,
      responses: { 201: { description: 'Created from the card', schema: characterView }, 409: { description: 'The slug is taken' } },
    },
    async (ctx, { body, query, auth }) => {
      const record = await createCharacter(infra, await characterFromCard(body, query));
      characters.invalidate();
      ctx.status = 201;
      return (await presenter(ctx, deps, auth))(record);
    },
  );

  api.add(
    {
      method: 'get', path: '/v1/characters/:id/card', summary: 'Export a character as a Character Card V2', tag: TAG, access: 'admin',
      responses: { 200: { description: 'The card (`spec: "chara_card_v2"`)', schema: characterCardSchema } },
    },
    async (ctx, { params }) => {
      const record = await liveCharacter(characters, params.id!);
      ctx.set('Content-Disposition', `attachment; filename="${record.slug}.card.json"`);
      return cardFromCharacter(record);
    },
  );
}

import { Op } from 'sequelize';
import { Interest } from './db/models/index.js';
import { AppError } from './errors.js';

/** The catalogue localised to a language, `en` where a name is missing. */
export async function listInterests(language: string): Promise<Array<{ slug: string; name: string }>> {
  const rows = await Interest.findAll({ order: [['position', 'ASC'], ['slug', 'ASC']] });
  return rows.map((row) => ({ slug: row.slug, name: row.names[language] ?? row.names.en ?? row.slug }));
}

/** A 422 naming every slug of a body's `interests` that is not in the interest catalogue. */
export async function requireKnownInterests(slugs: string[]): Promise<void> {
  if (slugs.length === 0) return;
  const known = new Set((await Interest.findAll({ where: { slug: { [Op.in]: slugs } }, attributes: ['slug'] })).map((row) => row.slug));
  const issues = slugs.flatMap((slug, index) => (known.has(slug) ? [] : [{ path: `interests.${index}`, message: `unknown interest "${slug}"` }]));
  if (issues.length) throw new AppError('validation_failed', 'Unknown interest', { issues });
}

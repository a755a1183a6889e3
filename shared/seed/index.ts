import type { Sequelize } from 'sequelize';
import type { Logger } from '../logger.js';
import { charactersSeeder } from './characters/seeder.js';
import { interestsSeeder } from './interests.js';

/** A catalogue seeder: idempotent, returns how many rows it wrote. */
export interface Seeder {
  name: string;
  isEmpty: () => Promise<boolean>;
  run: (sequelize: Sequelize) => Promise<number>;
}

const seeders: Seeder[] = [interestsSeeder, charactersSeeder];

/** Seeds every catalogue, or with `onlyIfEmpty` only those that hold nothing yet (what `npm start` does). */
export async function seed(sequelize: Sequelize, log: Logger, onlyIfEmpty = false): Promise<void> {
  for (const seeder of seeders) {
    if (onlyIfEmpty && !(await seeder.isEmpty())) continue;
    const written = await seeder.run(sequelize);
    log.info({ seeder: seeder.name, written }, 'seeded');
  }
}

import { loadConfigOrExit } from '../config.js';
import { User } from '../db/models/index.js';
import { createSequelize } from '../db/sequelize.js';
import { createLogger } from '../logger.js';
import { normaliseEmail } from './provisioning.js';

/**
 * `npm run admin -- grant-admin <email>` / `revoke-admin <email>`: the local provider's admin flag.
 * The user's tokens carry `app_metadata.role = "admin"` from their next login or refresh.
 */
const usage = 'usage: npm run admin -- grant-admin|revoke-admin <email>';
const [command, email] = process.argv.slice(2);
if ((command !== 'grant-admin' && command !== 'revoke-admin') || !email) {
  process.stderr.write(`${usage}\n`);
  process.exit(64);
}

const config = loadConfigOrExit();
const sequelize = createSequelize(config, createLogger(config, { role: 'admin-cli' }));
try {
  const [updated] = await User.update(
    { is_admin: command === 'grant-admin' },
    { where: { email: normaliseEmail(email), deleted_at: null } },
  );
  if (updated === 0) {
    process.stderr.write(`no account with the email ${email}\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(`${email} ${command === 'grant-admin' ? 'is now an admin' : 'is no longer an admin'}; effective from the next login or refresh\n`);
  }
} finally {
  await sequelize.close();
}

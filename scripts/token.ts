// Prints a signed token for one of the local development issuer's demo users, for the embedded
// default only (a deployment's users get tokens from its identity provider):
//
//   npm run --silent token -- sc-practitioner          the token, nothing else (for $(...))
//   npm run --silent token -- --list                   the demo users
//   npm run --silent token -- police-mash --ttl 600    a token that expires in 10 minutes
import { loadConfigOrExit } from '../shared/config';
import { DEMO_USERS, DEV_TOKEN_TTL_SECONDS, mintDevToken } from '../dev/dev-issuer';
import { ensureDevKeys } from '../shared/keys';

function usage(): never {
  process.stderr.write(
    'usage: npm run --silent token -- <demo-user> [--ttl <seconds>] | --list\n' +
      `demo users: ${Object.keys(DEMO_USERS).join(', ')}\n`,
  );
  process.exit(2);
}

// `--list | head` closes the pipe early; that is the reader's choice, not a failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--list')) {
    for (const [handle, u] of Object.entries(DEMO_USERS)) {
      process.stdout.write(
        `${handle.padEnd(22)} ${u.name.padEnd(18)} ${u.agency.padEnd(10)} ${u.role.padEnd(19)} ${u.team ?? ''}\n`,
      );
    }
    return;
  }
  const [handle, flag, value] = args;
  const user = handle ? DEMO_USERS[handle] : undefined;
  if (!user) usage();
  let ttlSeconds = DEV_TOKEN_TTL_SECONDS;
  if (flag !== undefined) {
    ttlSeconds = Number(value);
    if (flag !== '--ttl' || !Number.isInteger(ttlSeconds) || ttlSeconds < 1) usage();
  }
  const config = loadConfigOrExit();
  if (!config.auth.devKeysDir) {
    process.stderr.write(
      'The development issuer is off (production mode or AUTH_JWKS set): get a token from your identity provider\n',
    );
    process.exit(2);
  }
  await ensureDevKeys(config.auth.devKeysDir);
  process.stdout.write(`${await mintDevToken(config.auth.devKeysDir, user, { ttlSeconds })}\n`);
}

void main();

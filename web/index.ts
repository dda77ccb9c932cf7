// The workbench's entrypoint: config -> build the app if its sources changed -> listen.
import { DEMO_USERS, mintDevToken } from '../dev/dev-issuer';
import { loadConfigOrExit } from '../shared/config';
import { listen } from '../shared/http';
import { createLogger } from '../shared/logger';
import { onShutdown } from '../shared/process';
import { buildWeb, WEB_DIST_DIR } from './build';
import { createWebServer } from './server';

const config = loadConfigOrExit();
const logger = createLogger('web', config.logLevel);

async function main(): Promise<void> {
  if (await buildWeb({ quiet: true })) logger.info('built the workbench', { dist: WEB_DIST_DIR });
  const devKeysDir = config.auth.devKeysDir;
  const server = createWebServer({
    distDir: WEB_DIST_DIR,
    gatewayUrl: config.web.gatewayUrl,
    devSignIn: devKeysDir
      ? { users: Object.values(DEMO_USERS), mint: (user) => mintDevToken(devKeysDir, user) }
      : undefined,
  });
  const running = await listen(server, config.web.port, config.web.host);
  logger.info('listening', { url: running.url.replace(/\/graphql$/, '/') });
  onShutdown(logger, () => running.close());
}

main().catch((error: unknown) => {
  process.stderr.write(`web failed to start: ${String(error)}\n`);
  process.exit(1);
});

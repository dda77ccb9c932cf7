import { createInternalTokenSigner, createUserTokenVerifier } from '../shared/auth';
import { loadConfigOrExit, requireSettings } from '../shared/config';
import { ensureDevKeys, loadJwks, loadSigningKey } from '../shared/keys';
import { listen } from '../shared/http';
import { createLogger } from '../shared/logger';
import { onShutdown } from '../shared/process';
import { createGateway } from './gateway';

const config = loadConfigOrExit();
const logger = createLogger('gateway', config.logLevel);

async function main(): Promise<void> {
  const { auth } = config;
  if (auth.devKeysDir) await ensureDevKeys(auth.devKeysDir);
  const keys = requireSettings({
    AUTH_JWKS: auth.userJwks,
    INTERNAL_SIGNING_KEY: auth.internalSigningKey,
  });
  const gateway = createGateway({
    config: config.gateway,
    logger,
    verifyUser: createUserTokenVerifier({
      keys: loadJwks(keys.AUTH_JWKS),
      issuer: auth.issuer,
      audience: auth.audience,
    }),
    signInternal: createInternalTokenSigner(await loadSigningKey(keys.INTERNAL_SIGNING_KEY)),
  });
  const server = await gateway.start();
  const running = await listen(server, config.gateway.port, config.gateway.host);
  logger.info('listening', { url: running.url });
  onShutdown(logger, async () => {
    await running.close();
    await gateway.apollo.stop();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`gateway failed to start: ${String(error)}\n`);
  process.exit(1);
});

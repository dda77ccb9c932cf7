import { loadConfigOrExit } from '../shared/config';
import { listen } from '../shared/http';
import { createLogger } from '../shared/logger';
import { onShutdown } from '../shared/process';
import { createGateway } from './gateway';

const config = loadConfigOrExit();
const logger = createLogger('gateway', config.logLevel);

async function main(): Promise<void> {
  const gateway = createGateway({ config: config.gateway, logger });
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

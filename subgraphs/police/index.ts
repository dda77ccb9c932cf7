import 'reflect-metadata';
import { loadConfigOrExit } from '../../shared/config';
import { runSubgraph } from '../../shared/subgraph';
import { entities } from './entities';
import { migrations } from './migrations';
import { createServer } from './server';

const config = loadConfigOrExit();
runSubgraph({
  config: config.subgraphs.police,
  logLevel: config.logLevel,
  production: config.gateway.production,
  entities,
  migrations,
  createServer,
}).catch((error: unknown) => {
  process.stderr.write(`police failed to start: ${String(error)}\n`);
  process.exit(1);
});

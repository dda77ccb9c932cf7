import 'reflect-metadata';
import { loadPartnerSettings } from '../../shared/partner/settings';
import { runSubgraph } from '../../shared/subgraph';
import { entities } from './entities';
import { migrations } from './migrations';
import { createServer } from './server';

runSubgraph('probation', {
  entities,
  migrations,
  settings: (env) => loadPartnerSettings(env),
  createServer,
});

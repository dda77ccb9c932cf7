import 'reflect-metadata';
import { runSubgraph } from '../../shared/subgraph';
import { entities } from './entities';
import { migrations } from './migrations';
import { createServer } from './server';

runSubgraph('socialcare', { entities, migrations, createServer });

import { state } from './globalSetup';

/** Stops and removes the run's embedded cluster, if `globalSetup` started one. */
export default async function globalTeardown(): Promise<void> {
  await state.mashTestCluster?.destroy();
  delete process.env.TEST_DATABASE_URL;
}

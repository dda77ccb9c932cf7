import { ensurePgliteTemplate } from './template';

/** Runs once before all test files: prepares the PGlite template every test database loads. */
export default async function globalSetup(): Promise<void> {
  if (!process.env.TEST_DATABASE_URL) await ensurePgliteTemplate();
}

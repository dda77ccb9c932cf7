import { ensurePgliteTemplate } from './template';

/**
 * Runs once before all test files: prepares the PGlite template every test database loads. Made
 * on either engine: some tests open an embedded database of their own (as `npm start` leaves one)
 * even when TEST_DATABASE_URL points the rest at PostgreSQL.
 */
export default async function globalSetup(): Promise<void> {
  await ensurePgliteTemplate();
}

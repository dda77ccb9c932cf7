import type { MigrationInterface, QueryRunner } from 'typeorm';
import { syncWorkingDayCalendar } from '../analytics/calendar';

/**
 * The working-day calendar as a table (analytics/calendar.ts), so the analysts' measures count
 * working days in SQL: one row per date shared/bank-holidays.json covers, with whether it is a
 * working day and the running count of working days from the first covered day through it.
 * Filled here from shared/working-days.ts; socialcare refreshes it at every start, so a year added
 * later with `npm run holidays:add` needs no migration.
 */
export class AddWorkingDayCalendar1766000000002 implements MigrationInterface {
  name = 'AddWorkingDayCalendar1766000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE working_day_calendar (
        day date PRIMARY KEY,
        is_working_day boolean NOT NULL,
        working_days_through integer NOT NULL CHECK (working_days_through >= 0)
      )`);
    await syncWorkingDayCalendar(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE working_day_calendar`);
  }
}

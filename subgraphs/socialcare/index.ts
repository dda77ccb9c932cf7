import 'reflect-metadata';
import { runSubgraph } from '../../shared/subgraph';
import { BANK_HOLIDAY_YEARS } from '../../shared/working-days';
import { syncWorkingDayCalendar } from './analytics/calendar';
import { entities } from './entities';
import { migrations } from './migrations';
import { createServer } from './server';
import { loadSocialcareSettings, pseudonymKeyFor } from './settings';

runSubgraph('socialcare', {
  entities,
  migrations,
  settings: (env, config) => {
    const { pseudonymKey, ...settings } = loadSocialcareSettings(env);
    return { ...settings, pseudonymKey: pseudonymKeyFor({ pseudonymKey }, config) ?? undefined };
  },
  createServer,
  // The bank holidays as this build knows them, for the measures that count working days in SQL:
  // a year added with `npm run holidays:add` takes effect here, at the next start.
  onStart: async (dataSource, logger) => {
    const { written, removed } = await syncWorkingDayCalendar(dataSource);
    logger.info('working-day calendar', {
      years: `${BANK_HOLIDAY_YEARS.first}-${BANK_HOLIDAY_YEARS.last}`,
      written,
      removed,
    });
  },
});

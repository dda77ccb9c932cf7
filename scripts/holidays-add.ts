// Adds one year's England and Wales bank holidays to shared/bank-holidays.json, computed with the
// date-holidays library. The library is a devDependency: runtime code reads only the committed
// JSON (shared/working-days.ts), so a holiday reaches production only by a reviewed commit.
//
//   npm run holidays:add -- 2029           the year after lastYear, the usual case
//   npm run holidays:add -- 2028 --force   recompute a covered year (drops days added by hand)
//
// gov.uk is the authority: check the printed list against https://www.gov.uk/bank-holidays and
// add any one-off day (a jubilee, a state funeral, a coronation) by hand if the library has not
// caught up (`npm update date-holidays` first, then re-run with --force).
import fs from 'node:fs';
import path from 'node:path';
import Holidays from 'date-holidays';

const DATA_FILE = path.join(__dirname, '..', 'shared', 'bank-holidays.json');
const GOV_UK = 'https://www.gov.uk/bank-holidays';
const SOURCE =
  `${GOV_UK} (the authority), generated with the date-holidays library ` +
  '(country GB, state ENG, type public; a holiday falling on a Saturday or Sunday is dropped ' +
  'and its substitute weekday kept, as gov.uk lists them)';

interface BankHoliday {
  date: string;
  title: string;
}

interface HolidayFile {
  division: string;
  source: string;
  firstYear: number;
  lastYear: number;
  events: BankHoliday[];
}

function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

function publicHolidays(state: 'ENG' | 'WLS', year: number): (BankHoliday & { sub: boolean })[] {
  return new Holidays('GB', state)
    .getHolidays(year)
    .filter((h) => h.type === 'public')
    .map((h) => ({ date: h.date.slice(0, 10), title: h.name, sub: h.substitute === true }));
}

/**
 * One year's bank holidays as gov.uk lists them, with anything that looks wrong. date-holidays
 * lists a holiday on its calendar date even at a weekend (Christmas Day on Sunday 25 December
 * 2022) beside its substitute (Tuesday 27 December); gov.uk lists only the day off, so weekend
 * dates are dropped. Observances (Mother's Day, Easter Sunday) are not type 'public'.
 */
function bankHolidaysFromLibrary(year: number): { events: BankHoliday[]; warnings: string[] } {
  const england = publicHolidays('ENG', year);
  const warnings: string[] = [];
  const weekend = england.filter((h) => isWeekend(h.date));
  const substitutes = england.filter((h) => h.sub && !isWeekend(h.date));
  if (weekend.length !== substitutes.length) {
    warnings.push(
      `${weekend.length} holiday(s) fall at a weekend (${weekend.map((h) => h.date).join(', ')}) ` +
        `but there are ${substitutes.length} substitute day(s): check the substitutes on gov.uk`,
    );
  }
  const key = (hs: BankHoliday[]) => hs.map((h) => `${h.date} ${h.title}`).join('\n');
  if (key(england) !== key(publicHolidays('WLS', year))) {
    warnings.push('date-holidays gives England and Wales different days: check gov.uk');
  }
  const events = england
    .filter((h) => !isWeekend(h.date))
    .map(({ date, title }) => ({ date, title }));
  return { events, warnings };
}

/** The file as prettier would leave it: one event a line. */
function serialise(file: HolidayFile): string {
  const s = JSON.stringify;
  const events = file.events.map((e) => `    { "date": ${s(e.date)}, "title": ${s(e.title)} }`);
  return (
    '{\n' +
    `  "division": ${s(file.division)},\n` +
    `  "source": ${s(file.source)},\n` +
    `  "firstYear": ${file.firstYear},\n` +
    `  "lastYear": ${file.lastYear},\n` +
    `  "events": [\n${events.join(',\n')}\n  ]\n` +
    '}\n'
  );
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function main(): void {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const rest = args.filter((a) => a !== '--force');
  if (rest.length !== 1 || !/^\d{4}$/.test(rest[0])) {
    fail('usage: npm run holidays:add -- <year> [--force]');
  }
  const year = Number(rest[0]);
  const file = JSON.parse(fs.readFileSync(DATA_FILE, 'utf8')) as HolidayFile;
  const { firstYear, lastYear } = file;

  // The calendar treats every day of firstYear..lastYear as known, so coverage must stay
  // contiguous: even --force may not leave a gap of years with no holidays at all.
  if (year < firstYear - 1 || year > lastYear + 1) {
    fail(
      `${year} would leave a gap: the file covers ${firstYear}-${lastYear}; ` +
        `add ${lastYear + 1} first.`,
    );
  }
  if (year !== lastYear + 1 && !force) {
    fail(
      `The file covers ${firstYear}-${lastYear}; the next year to add is ${lastYear + 1}. ` +
        `To recompute ${year} (dropping any day added by hand), pass --force.`,
    );
  }

  const { events, warnings } = bankHolidaysFromLibrary(year);
  const inYear = (e: BankHoliday) => e.date.startsWith(`${year}-`);
  const replaced = file.events.filter(inYear);
  const dropped = replaced.filter((e) => !events.some((n) => n.date === e.date));
  const next: HolidayFile = {
    division: 'england-and-wales',
    source: SOURCE,
    firstYear: Math.min(firstYear, year),
    lastYear: Math.max(lastYear, year),
    events: [...file.events.filter((e) => !inYear(e)), ...events].sort((a, b) =>
      a.date < b.date ? -1 : a.date > b.date ? 1 : 0,
    ),
  };
  fs.writeFileSync(DATA_FILE, serialise(next));

  const weekday = (date: string) =>
    new Date(`${date}T00:00:00Z`).toLocaleDateString('en-GB', { weekday: 'short' });
  process.stdout.write(`England and Wales bank holidays ${year} (date-holidays):\n`);
  for (const e of events) process.stdout.write(`  ${weekday(e.date)} ${e.date}  ${e.title}\n`);
  for (const e of dropped) {
    process.stdout.write(`Removed ${e.date} ${e.title}: the library does not list it.\n`);
  }
  for (const w of warnings) process.stdout.write(`WARNING: ${w}\n`);
  process.stdout.write(
    `Wrote ${path.relative(process.cwd(), DATA_FILE)} (now ${next.firstYear}-${next.lastYear}).\n` +
      `Check these against ${GOV_UK} and add any one-off bank holiday by hand ` +
      '(weekday dates only, in date order; list it in ADDED_BY_HAND in ' +
      'tests/unit/working-days.unit.test.ts), then run the unit tests.\n',
  );
}

main();

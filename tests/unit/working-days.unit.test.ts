import Holidays from 'date-holidays';
import {
  BANK_HOLIDAY_YEARS,
  CalendarRangeError,
  addWorkingDays,
  bankHolidaysIn,
  isBankHoliday,
  isWorkingDay,
  nextWorkingDay,
  workingDaysBetween,
} from '../../shared/working-days';

/**
 * One-off days added to shared/bank-holidays.json by hand because date-holidays does not know them:
 * the royal wedding of 29 April 2011.
 */
const ADDED_BY_HAND: { date: string; title: string }[] = [
  { date: '2011-04-29', title: 'Royal wedding' },
];

/**
 * Days date-holidays puts on the wrong date, moved by hand to gov.uk's: in 2012 the spring bank
 * holiday moved from Monday 28 May to Monday 4 June, beside the Diamond Jubilee.
 */
const MOVED_BY_HAND: Record<string, string> = { '2012-05-28': '2012-06-04' };

const years = Array.from(
  { length: BANK_HOLIDAY_YEARS.last - BANK_HOLIDAY_YEARS.first + 1 },
  (_, k) => BANK_HOLIDAY_YEARS.first + k,
);

function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** What was thrown, as a plain object to compare whole. */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    const e = error as Error;
    return { type: e.constructor.name, message: e.message };
  }
  return 'nothing thrown';
}

describe('the bank holiday data', () => {
  it('covers 2010 to 2028', () => {
    expect(BANK_HOLIDAY_YEARS).toEqual({ first: 2010, last: 2028 });
  });

  it("matches date-holidays' public holidays for England in every covered year, weekend dates left out", () => {
    const england = new Holidays('GB', 'ENG');
    for (const year of years) {
      const library = england
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => ({ date: h.date.slice(0, 10), title: h.name }))
        .filter((h) => !isWeekend(h.date))
        .map((h) => ({ ...h, date: MOVED_BY_HAND[h.date] ?? h.date }));
      const byHand = ADDED_BY_HAND.filter((h) => h.date.startsWith(`${year}-`));
      const expected = [...library, ...byHand].sort((a, b) => a.date.localeCompare(b.date));
      expect({ year, holidays: bankHolidaysIn(year) }).toEqual({ year, holidays: expected });
    }
  });

  it('leaves out a holiday whose own date is a weekend, as gov.uk does, keeping its substitute', () => {
    // date-holidays lists Christmas Day on Sunday 25 December 2022 beside its substitute, Tuesday
    // 27 December; gov.uk lists only the 27th, the day off.
    const library = new Holidays('GB', 'ENG')
      .getHolidays(2022)
      .filter((h) => h.type === 'public' && h.date.startsWith('2022-12-25'))
      .map((h) => h.name);
    expect({
      library,
      '2022-12-25': isBankHoliday('2022-12-25'),
      '2022-12-27': isBankHoliday('2022-12-27'),
    }).toEqual({ library: ['Christmas Day'], '2022-12-25': false, '2022-12-27': true });
  });

  it('has 8 bank holidays a year, but 9 in 2011, 2012 and 2023 and 10 in 2022', () => {
    // 2011 adds the royal wedding (29 April); 2012 the Diamond Jubilee (5 June), with the spring
    // holiday moved to 4 June. 2020 keeps 8: VE day (Fri 8 May) replaced the early May Monday.
    // 2022 adds the Platinum Jubilee (3 June) and the state funeral (19 September); 2023 the
    // coronation (8 May).
    const counts = Object.fromEntries(years.map((y) => [y, bankHolidaysIn(y).length]));
    expect(counts).toEqual({
      2010: 8,
      2011: 9,
      2012: 9,
      2013: 8,
      2014: 8,
      2015: 8,
      2016: 8,
      2017: 8,
      2018: 8,
      2019: 8,
      2020: 8,
      2021: 8,
      2022: 10,
      2023: 9,
      2024: 8,
      2025: 8,
      2026: 8,
      2027: 8,
      2028: 8,
    });
  });

  it('moves the 2020 early May bank holiday to Friday 8 May for VE day', () => {
    expect(bankHolidaysIn(2020).filter((h) => h.date.startsWith('2020-05'))).toEqual([
      { date: '2020-05-08', title: 'Early May bank holiday (VE day)' },
      { date: '2020-05-25', title: 'Spring bank holiday' },
    ]);
  });

  it('has the 2022 one-offs: spring bank holiday moved to 2 June, the Jubilee, the state funeral', () => {
    expect(
      bankHolidaysIn(2022).filter((h) => h.date >= '2022-05-01' && h.date <= '2022-09-30'),
    ).toEqual([
      { date: '2022-05-02', title: 'Early May bank holiday' },
      { date: '2022-06-02', title: 'Spring bank holiday' },
      { date: '2022-06-03', title: 'Queen’s Platinum Jubilee' },
      { date: '2022-08-29', title: 'Summer bank holiday' },
      { date: '2022-09-19', title: "Queen Elizabeth's Funeral Day" },
    ]);
  });

  it('has the coronation on Monday 8 May 2023', () => {
    expect(bankHolidaysIn(2023).filter((h) => h.date.startsWith('2023-05'))).toEqual([
      { date: '2023-05-01', title: 'Early May bank holiday' },
      { date: '2023-05-08', title: "King Charles III's Coronation" },
      { date: '2023-05-29', title: 'Spring bank holiday' },
    ]);
  });

  it('substitutes Monday 3 January 2022 for New Year’s Day on a Saturday', () => {
    expect(bankHolidaysIn(2022)[0]).toEqual({
      date: '2022-01-03',
      title: "New Year's Day (substitute day)",
    });
  });

  describe('Christmas substitute days', () => {
    const december = (year: number) =>
      bankHolidaysIn(year).filter((h) => h.date.startsWith(`${year}-12`));

    it('2026: Christmas on Friday, Boxing Day (Saturday) moves to Monday 28 December', () => {
      expect(december(2026)).toEqual([
        { date: '2026-12-25', title: 'Christmas Day' },
        { date: '2026-12-28', title: 'Boxing Day (substitute day)' },
      ]);
    });

    it('2027: Christmas (Saturday) and Boxing Day (Sunday) move to Monday 27 and Tuesday 28', () => {
      expect(december(2027)).toEqual([
        { date: '2027-12-27', title: 'Christmas Day (substitute day)' },
        { date: '2027-12-28', title: 'Boxing Day (substitute day)' },
      ]);
    });

    it('2022: Boxing Day on Monday 26, Christmas (Sunday) moves to Tuesday 27', () => {
      expect(december(2022)).toEqual([
        { date: '2022-12-26', title: 'Boxing Day' },
        { date: '2022-12-27', title: 'Christmas Day (substitute day)' },
      ]);
    });

    it('2021: Christmas (Saturday) and Boxing Day (Sunday) move to Monday 27 and Tuesday 28', () => {
      expect(december(2021)).toEqual([
        { date: '2021-12-27', title: 'Christmas Day (substitute day)' },
        { date: '2021-12-28', title: 'Boxing Day (substitute day)' },
      ]);
    });
  });

  it('has Good Friday and Easter Monday for Easter 2025 (20 April), 2026 (5 April), 2027 (28 March)', () => {
    const easter = (year: number) =>
      bankHolidaysIn(year).filter((h) => h.title === 'Good Friday' || h.title === 'Easter Monday');
    expect([easter(2025), easter(2026), easter(2027)]).toEqual([
      [
        { date: '2025-04-18', title: 'Good Friday' },
        { date: '2025-04-21', title: 'Easter Monday' },
      ],
      [
        { date: '2026-04-03', title: 'Good Friday' },
        { date: '2026-04-06', title: 'Easter Monday' },
      ],
      [
        { date: '2027-03-26', title: 'Good Friday' },
        { date: '2027-03-29', title: 'Easter Monday' },
      ],
    ]);
  });

  it('hands out copies, so a caller cannot change the calendar', () => {
    bankHolidaysIn(2026)[0].date = '2026-01-02';
    expect(bankHolidaysIn(2026)[0]).toEqual({ date: '2026-01-01', title: "New Year's Day" });
  });
});

describe('isBankHoliday and isWorkingDay', () => {
  it('counts an ordinary weekday as a working day and no bank holiday', () => {
    // Wednesday 14 January 2026.
    expect([isWorkingDay('2026-01-14'), isBankHoliday('2026-01-14')]).toEqual([true, false]);
  });

  it('counts a bank holiday as no working day', () => {
    // Monday 28 December 2026, the Boxing Day substitute.
    expect([isWorkingDay('2026-12-28'), isBankHoliday('2026-12-28')]).toEqual([false, true]);
  });

  it('counts Saturday and Sunday as no working days', () => {
    expect([isWorkingDay('2026-01-10'), isWorkingDay('2026-01-11')]).toEqual([false, false]);
  });

  it('knows 29 February in a leap year', () => {
    // Tuesday 29 February 2028.
    expect(isWorkingDay('2028-02-29')).toBe(true);
  });
});

describe('nextWorkingDay', () => {
  it('goes from a Wednesday to the Thursday', () => {
    expect(nextWorkingDay('2026-01-14')).toBe('2026-01-15');
  });

  it('goes from a Friday over the weekend to the Monday', () => {
    expect(nextWorkingDay('2026-01-09')).toBe('2026-01-12');
  });

  it('goes from a Saturday to the Monday', () => {
    expect(nextWorkingDay('2026-01-10')).toBe('2026-01-12');
  });

  it('goes from Maundy Thursday 2 April 2026 over Easter to Tuesday 7 April', () => {
    // Fri 3 Good Friday, Sat 4, Sun 5, Mon 6 Easter Monday.
    expect(nextWorkingDay('2026-04-02')).toBe('2026-04-07');
  });

  it('goes from Thursday 24 December 2026 over Christmas to Tuesday 29 December', () => {
    // Fri 25 Christmas Day, Sat 26, Sun 27, Mon 28 Boxing Day substitute.
    expect(nextWorkingDay('2026-12-24')).toBe('2026-12-29');
  });

  it('goes over New Year into the next year', () => {
    // Thu 31 Dec 2026, Fri 1 Jan 2027 New Year's Day, weekend, Mon 4 Jan.
    expect(nextWorkingDay('2026-12-31')).toBe('2027-01-04');
  });
});

describe('addWorkingDays', () => {
  it('returns the date itself for 0 days, even a Saturday', () => {
    expect(addWorkingDays('2026-01-10', 0)).toBe('2026-01-10');
  });

  it('counts from the day after the start', () => {
    // After Thu 2 Apr 2026: Tue 7 Apr is 1, Wed 8 Apr is 2.
    expect(addWorkingDays('2026-04-02', 2)).toBe('2026-04-08');
  });

  it('reaches 45 working days from Monday 1 December 2025 on Thursday 5 February 2026', () => {
    // The same span as the workingDaysBetween example below.
    expect(addWorkingDays('2025-12-01', 45)).toBe('2026-02-05');
  });

  it('refuses a negative or fractional number of days', () => {
    expect([
      thrown(() => addWorkingDays('2026-01-14', -1)),
      thrown(() => addWorkingDays('2026-01-14', 1.5)),
    ]).toEqual([
      { type: 'RangeError', message: 'addWorkingDays needs a whole number of days >= 0, not -1' },
      { type: 'RangeError', message: 'addWorkingDays needs a whole number of days >= 0, not 1.5' },
    ]);
  });

  it('throws CalendarRangeError when the answer would fall in an uncovered year', () => {
    // Fri 29 Dec 2028: the next working day is in 2029, whose bank holidays are unknown.
    expect(thrown(() => nextWorkingDay('2028-12-29'))).toEqual({
      type: 'CalendarRangeError',
      message: new CalendarRangeError(2029).message,
    });
  });

  it('agrees with workingDaysBetween from every covered day', () => {
    const disagreements: string[] = [];
    for (let date = '2016-01-01'; date <= '2028-11-15'; date = nextDay(date)) {
      for (const n of [0, 1, 2, 5, 20]) {
        if (workingDaysBetween(date, addWorkingDays(date, n)) !== n)
          disagreements.push(`${date}+${n}`);
      }
    }
    expect(disagreements).toEqual([]);
  });
});

describe('workingDaysBetween', () => {
  it('counts 45 from a referral on Monday 1 December 2025 to Thursday 5 February 2026', () => {
    // December after Mon 1: Tue 2-Fri 5 = 4, weeks of 8, 15 = 10, 22-24 = 3 (25, 26 holidays),
    // 29-31 = 3: 20. January: Thu 1 holiday, Fri 2 = 1, four full weeks = 20: 21. February:
    // Mon 2-Thu 5 = 4. 20 + 21 + 4 = 45.
    expect(workingDaysBetween('2025-12-01', '2026-02-05')).toBe(45);
  });

  it('counts 46 to Friday 6 February 2026, one working day more', () => {
    expect(workingDaysBetween('2025-12-01', '2026-02-06')).toBe(46);
  });

  it('counts 0 from a day to itself and to any earlier day', () => {
    expect([
      workingDaysBetween('2026-01-14', '2026-01-14'),
      workingDaysBetween('2026-01-14', '2026-01-13'),
    ]).toEqual([0, 0]);
  });

  it('counts 1 from a Friday to the Monday', () => {
    expect(workingDaysBetween('2026-01-09', '2026-01-12')).toBe(1);
  });

  it('counts 0 from a Saturday to the Sunday', () => {
    expect(workingDaysBetween('2026-01-10', '2026-01-11')).toBe(0);
  });

  it('counts 4 from Christmas Eve 2026 to Monday 4 January 2027', () => {
    // Fri 25 and Mon 28 Dec holidays; Tue 29, Wed 30, Thu 31 = 3; Fri 1 Jan holiday; Mon 4 = 1.
    expect(workingDaysBetween('2026-12-24', '2027-01-04')).toBe(4);
  });

  it('counts 253 working days in 2026', () => {
    // 2026 starts on a Thursday and has 365 days: 52 weeks and a Thursday, 52 x 5 + 1 = 261
    // weekdays, less its 8 bank holidays, all on weekdays.
    expect(workingDaysBetween('2025-12-31', '2026-12-31')).toBe(253);
  });

  it('answers a million questions in well under five seconds', () => {
    const started = performance.now();
    let total = 0;
    for (let k = 0; k < 1_000_000; k += 1) total += workingDaysBetween('2016-03-01', '2028-10-31');
    expect({ total: total / 1_000_000, fast: performance.now() - started < 5000 }).toEqual({
      total: workingDaysBetween('2016-03-01', '2028-10-31'),
      fast: true,
    });
  });
});

describe('dates the calendar refuses', () => {
  it('throws CalendarRangeError for a date in 2009, before the data starts', () => {
    expect(thrown(() => isWorkingDay('2009-12-31'))).toEqual({
      type: 'CalendarRangeError',
      message:
        'No bank holiday data for 2009: shared/bank-holidays.json covers 2010-2028. Add the next ' +
        'year with `npm run holidays:add -- 2029` and check it against ' +
        'https://www.gov.uk/bank-holidays (see shared/working-days.ts).',
    });
  });

  it('throws CalendarRangeError for a date in 2029, after the data ends, never guessing', () => {
    expect(
      [
        () => isWorkingDay('2029-01-02'),
        () => isBankHoliday('2029-12-25'),
        () => workingDaysBetween('2028-12-01', '2029-01-05'),
        () => bankHolidaysIn(2029),
      ].map(thrown),
    ).toEqual(
      Array(4).fill({
        type: 'CalendarRangeError',
        message:
          'No bank holiday data for 2029: shared/bank-holidays.json covers 2010-2028. Add the ' +
          'next year with `npm run holidays:add -- 2029` and check it against ' +
          'https://www.gov.uk/bank-holidays (see shared/working-days.ts).',
      }),
    );
  });

  it('gives CalendarRangeError the year it lacks', () => {
    expect(new CalendarRangeError(2029)).toMatchObject({ name: 'CalendarRangeError', year: 2029 });
  });

  it('throws RangeError for strings that are not real YYYY-MM-DD dates', () => {
    const bad = [
      '2026-02-30',
      'x',
      '',
      '2026-2-3',
      '2026-13-01',
      '2026-00-10',
      '2026-02-29',
      ' 2026-01-05',
      '2026-01-05T00:00',
    ];
    expect(bad.map((d) => thrown(() => isWorkingDay(d)))).toEqual(
      bad.map((d) => ({
        type: 'RangeError',
        message: `${JSON.stringify(d)} is not a calendar date written YYYY-MM-DD`,
      })),
    );
  });
});

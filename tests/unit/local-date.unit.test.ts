import { localDate } from '../../shared/time';

// The local (Europe/London) calendar date of an instant: the date every clock, age and "today"
// in the system is taken on.
describe('localDate', () => {
  it.each([
    ['the last second of a winter day', '2026-01-15T23:59:59.999Z', '2026-01-15'],
    ['the first instant of a winter day', '2026-01-16T00:00:00.000Z', '2026-01-16'],
    ['the last second of a summer day (23:59 BST)', '2026-07-15T22:59:59.999Z', '2026-07-15'],
    ['the first instant of a summer day (00:00 BST)', '2026-07-15T23:00:00.000Z', '2026-07-16'],
    ['the hour the clocks go forward', '2026-03-29T00:59:59.999Z', '2026-03-29'],
    ['just after the clocks go forward', '2026-03-29T01:00:00.000Z', '2026-03-29'],
    ['the last BST midnight before the clocks go back', '2026-10-24T23:00:00.000Z', '2026-10-25'],
    ['the hour after the clocks go back', '2026-10-25T01:30:00.000Z', '2026-10-25'],
    ['a date of birth in 1950', '1950-06-01T12:00:00.000Z', '1950-06-01'],
    ['an instant before 1900', '1890-06-01T23:59:00.000Z', '1890-06-01'],
  ])('gives %s (%s) as %s', (_, instant, date) => {
    expect(localDate(new Date(instant))).toBe(date);
  });

  it('gives every instant of an hour the same date as Intl does, asked in any order', () => {
    const intl = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    const start = Date.UTC(2026, 2, 28, 20);
    const wrong: string[] = [];
    // Across the spring change, minute by minute, late minutes of each hour first.
    for (let m = 30 * 60 - 1; m >= 0; m -= 7) {
      const at = new Date(start + m * 60_000);
      if (localDate(at) !== intl.format(at)) wrong.push(at.toISOString());
    }
    expect(wrong).toEqual([]);
  });
});

import { describeRecency } from '../../shared/summary';

const now = new Date('2026-11-20T12:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 24 * 60 * 60 * 1000);

describe('describeRecency', () => {
  it('says so when there is nothing', () => {
    expect(describeRecency([], 'occurrence', now)).toBe('No occurrences recorded');
  });

  it('counts the last 12 months and names the most recent', () => {
    const events = [
      { at: daysAgo(9), kind: 'DOMESTIC_ABUSE' },
      { at: daysAgo(200), kind: 'VIOLENCE' },
      { at: daysAgo(400), kind: 'THEFT' },
    ];
    expect(describeRecency(events, 'occurrence', now)).toBe(
      '2 occurrences in the last 12 months, most recent 9 days ago (DOMESTIC_ABUSE); 3 in all',
    );
  });

  it('leads with none in the last 12 months when everything is older', () => {
    expect(describeRecency([{ at: daysAgo(423), kind: 'THEFT' }], 'occurrence', now)).toBe(
      'None in the last 12 months; 1 occurrence in all, most recent 423 days ago (THEFT)',
    );
  });

  it('says today for an event earlier the same day', () => {
    expect(describeRecency([{ at: daysAgo(0.5), kind: 'Fever' }], 'attendance', now)).toBe(
      '1 attendance in the last 12 months, most recent today (Fever); 1 in all',
    );
  });
});

import { adultsBornOnOrBefore, AGE_OF_MAJORITY, isAdultOn } from '../../shared/age';
import { addDays, ageInYears } from '../../shared/time';

// Who is a child (under 18) on a local date: the rule socialcare's front door and import and every
// partner apply. A 29 February birthday falls on 1 March in other years.

describe('ageInYears', () => {
  it.each([
    ['2008-11-20', '2026-11-20', 18],
    ['2008-11-21', '2026-11-20', 17],
    ['2008-11-19', '2026-11-20', 18],
    ['2008-12-01', '2026-11-20', 17],
    ['2008-01-01', '2026-12-31', 18],
    ['2008-12-31', '2026-01-01', 17],
    ['2026-11-20', '2026-11-20', 0],
    ['2008-02-29', '2026-02-28', 17],
    ['2008-02-29', '2026-03-01', 18],
    ['2008-02-29', '2028-02-29', 20],
    ['2008-02-29', '2028-02-28', 19],
  ])('born %s is %s years old on %s', (born, on, age) => {
    expect(ageInYears(born, on)).toBe(age);
  });
});

describe('isAdultOn', () => {
  it.each([
    ['the 18th birthday', '2008-11-20', '2026-11-20', true],
    ['the day before the 18th birthday', '2008-11-20', '2026-11-19', false],
    ['the day after the 18th birthday', '2008-11-20', '2026-11-21', true],
    ['a 1994 date of birth', '1994-05-01', '2026-11-20', true],
    ['a newborn', '2026-11-20', '2026-11-20', false],
    ['29 February, on 28 February of a year without one', '2008-02-29', '2026-02-28', false],
    ['29 February, on 1 March of a year without one', '2008-02-29', '2026-03-01', true],
    ['29 February, on the 18th 29 February (a leap year)', '2006-02-28', '2024-02-29', true],
    ['1 March, on 29 February 18 years on', '2006-03-01', '2024-02-29', false],
    ['the last day of a year, on the first of the next', '2007-12-31', '2026-01-01', true],
  ])('%s: born %s, on %s, is an adult: %s', (_what, born, on, adult) => {
    expect(isAdultOn(born, on)).toBe(adult);
  });

  it('is 18', () => {
    expect(AGE_OF_MAJORITY).toBe(18);
  });
});

describe('adultsBornOnOrBefore', () => {
  it.each([
    ['2026-11-20', '2008-11-20'],
    ['2024-02-29', '2006-02-28'],
    ['2026-03-01', '2008-03-01'],
    ['2026-02-28', '2008-02-28'],
    ['2018-02-28', '2000-02-28'],
    ['2018-03-01', '2000-03-01'],
  ])('on %s is %s', (on, latest) => {
    expect(adultsBornOnOrBefore(on)).toBe(latest);
  });

  it('divides adults from children exactly as an age of 18 does, leap days included', () => {
    // Every day of 2023 to 2028 (two leap years), against every date of birth within four days
    // of the cut-off: neither the SQL comparison partners run nor isAdultOn (which compares dates
    // the same way) may ever disagree with the age.
    const disagreements: string[] = [];
    for (let on = '2023-01-01'; on <= '2028-12-31'; on = addDays(on, 1)) {
      const latest = adultsBornOnOrBefore(on);
      for (let d = -4; d <= 4; d++) {
        const born = addDays(latest, d);
        const adult = ageInYears(born, on) >= AGE_OF_MAJORITY;
        if (isAdultOn(born, on) !== adult || born <= latest !== adult) {
          disagreements.push(`${born} on ${on}`);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });
});

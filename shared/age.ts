/**
 * Who is a child: under 18 on a local (Europe/London) calendar date. One rule for every service,
 * so socialcare's front door, its import and every partner agree on who is an adult. Ages come
 * from shared/time.ts `ageInYears`: a person is 18 from the start of their 18th birthday, and a
 * birthday on 29 February falls on 1 March in a year that has no 29 February (the usual reading in
 * England and Wales, where the Family Law Reform Act 1969 s9 reaches an age at the start of the
 * anniversary of the birth, and a 28 February anniversary would come a day early).
 */

/** The age at which a person is an adult and no longer a child. */
export const AGE_OF_MAJORITY = 18;

/** True when a person born on `dateOfBirth` is 18 or over on `on` (both 'YYYY-MM-DD'). */
export function isAdultOn(dateOfBirth: string, on: string): boolean {
  // The same as ageInYears(dateOfBirth, on) >= AGE_OF_MAJORITY, as a comparison of dates (a page
  // of children asks it of thousands of records on one day).
  if (on !== lastAdultsBorn.on) lastAdultsBorn = { on, bornBy: adultsBornOnOrBefore(on) };
  return dateOfBirth <= lastAdultsBorn.bornBy;
}

/** The last day `isAdultOn` was asked about, and the latest birth date of an adult on it. */
let lastAdultsBorn = { on: '', bornBy: '' };

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * The latest date of birth of an adult on `on`: everyone born on or before it is 18 or over that
 * day, everyone born after it is a child (`isAdultOn` exactly, for a SQL comparison on an index's
 * date-of-birth column). On 29 February it is 28 February 18 years before, when that year has no
 * 29 February.
 */
export function adultsBornOnOrBefore(on: string): string {
  const [y, m, d] = on.split('-').map(Number);
  const year = y - AGE_OF_MAJORITY;
  const day = m === 2 && d === 29 && !isLeapYear(year) ? 28 : d;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Check algorithms for the identifiers agencies use to find a child (../shared/DOMAIN.md). Pure
 * functions, no I/O. Each `isValid*` accepts the usual written forms (spaces in NHS numbers,
 * lower-case UPN letters) through its `normalise*` partner.
 */

/** Letters used for UPN and PNC check characters: A-Z without I, O and S. */
export const CHECK_ALPHABET = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/** Strips spaces and hyphens: '943 476 5919' -> '9434765919'. */
export function normaliseNhsNumber(value: string): string {
  return value.replace(/[\s-]/g, '');
}

/**
 * The modulus-11 check digit for the first nine digits of an NHS number, or null when the weighted
 * sum gives 10 (no valid NHS number has those nine digits).
 */
export function nhsCheckDigit(firstNine: string): number | null {
  if (!/^\d{9}$/.test(firstNine)) throw new Error('nhsCheckDigit needs exactly nine digits');
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

/** True for a 10-digit NHS number whose last digit is its modulus-11 check digit. */
export function isValidNhsNumber(value: string): boolean {
  const digits = normaliseNhsNumber(value);
  if (!/^\d{10}$/.test(digits)) return false;
  return nhsCheckDigit(digits.slice(0, 9)) === Number(digits[9]);
}

/** Removes spaces and upper-cases a UPN: ' a123 4567 8901 2' -> 'A123456789012'. */
export function normaliseUpn(value: string): string {
  return value.replace(/\s/g, '').toUpperCase();
}

/**
 * The check letter for the last twelve characters of a UPN (LA, school, year, serial). A temporary
 * UPN has a letter from `CHECK_ALPHABET` as its last character; it counts as its index there.
 */
export function upnCheckLetter(lastTwelve: string): string {
  if (!/^\d{11}[0-9ABCDEFGHJKLMNPQRTUVWXYZ]$/.test(lastTwelve)) {
    throw new Error('upnCheckLetter needs eleven digits and a digit or check-alphabet letter');
  }
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const ch = lastTwelve[i];
    const value = /\d/.test(ch) ? Number(ch) : CHECK_ALPHABET.indexOf(ch);
    sum += value * (i + 2);
  }
  return CHECK_ALPHABET[sum % 23];
}

/** True for a well-formed UPN (permanent or temporary) with a correct check letter. */
export function isValidUpn(value: string): boolean {
  const upn = normaliseUpn(value);
  if (!/^[A-Z]\d{11}[0-9A-Z]$/.test(upn)) return false;
  const last = upn[12];
  if (!/\d/.test(last) && !CHECK_ALPHABET.includes(last)) return false;
  return upnCheckLetter(upn.slice(1)) === upn[0];
}

/** True when the UPN is a temporary one (its last character is a letter). */
export function isTemporaryUpn(value: string): boolean {
  return isValidUpn(value) && /[A-Z]$/.test(normaliseUpn(value));
}

/** The reasons a pupil has no UPN, from the DfE common basic data set. */
export const UPN_UNKNOWN_REASONS = {
  UN1: 'Child is aged under 6 years old and is not yet attending school',
  UN2: 'Child has never attended a school in England',
  UN3: 'Child is educated at home',
  UN4: 'Child is a refugee or asylum seeker',
  UN5: 'Sources collating UPNs reflect discrepancy',
} as const;

/** Upper-cases and removes spaces: '99/1234567x ' -> '99/1234567X'. */
export function normalisePncId(value: string): string {
  return value.replace(/\s/g, '').toUpperCase();
}

/**
 * The PNC check letter for a two-digit year and a seven-digit serial: (YYNNNNNNN mod 23) on the
 * check alphabet, where remainder 0 is Z and 1..22 are A..Y.
 */
export function pncCheckLetter(year: string, serial: string): string {
  if (!/^\d{2}$/.test(year) || !/^\d{1,7}$/.test(serial)) {
    throw new Error('pncCheckLetter needs a two-digit year and a serial of up to seven digits');
  }
  const remainder = Number(`${year}${serial.padStart(7, '0')}`) % 23;
  return remainder === 0 ? 'Z' : CHECK_ALPHABET[remainder - 1];
}

/** True for a PNC id written YY/NNNNNNND with a correct check letter. */
export function isValidPncId(value: string): boolean {
  const match = /^(\d{2})\/(\d{7})([A-Z])$/.exec(normalisePncId(value));
  if (!match) return false;
  return pncCheckLetter(match[1], match[2]) === match[3];
}

/** Upper-cases and removes spaces: ' x123456' -> 'X123456'. */
export function normaliseCrn(value: string): string {
  return value.replace(/\s/g, '').toUpperCase();
}

/**
 * True for a probation case reference number (CRN) as the National Probation Service's case
 * management system issues it: one letter and six digits, e.g. X123456. It carries no check
 * character, so a mistyped digit cannot be caught here.
 */
export function isValidCrn(value: string): boolean {
  return /^[A-Z]\d{6}$/.test(normaliseCrn(value));
}

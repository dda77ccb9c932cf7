import { accessError, AccessCode, isMashRole } from '../../../shared/access';
import type { Agency } from '../../../shared/auth';
import { badUserInput, codedError, ErrorCode } from '../../../shared/errors';
import {
  isValidNhsNumber,
  isValidUpn,
  normaliseNhsNumber,
  normaliseUpn,
} from '../../../shared/identifiers';
import { cleanName, nameProblem } from '../../../shared/names';
import type { SocialcareContext } from '../context';

/** Trimmed text of `min` to `max` characters, or BAD_USER_INPUT naming `field`. */
export function text(value: string, field: string, min: number, max: number): string {
  const trimmed = value.trim();
  if (trimmed.length < min || trimmed.length > max) {
    throw badUserInput(
      field,
      min > 0
        ? `\`${field}\` must be ${min} to ${max} characters`
        : `\`${field}\` must be at most ${max} characters`,
    );
  }
  return trimmed;
}

/**
 * Why a child was refused, in `extensions.refusal` beside BAD_USER_INPUT and in the audit's
 * reason: the refusals that may be someone recording an adult or a look-alike child on purpose
 * (issue 18), so `recordContact` records each as DENIED for a manager to see.
 */
export const REFUSAL = {
  NOT_A_CHILD: 'NOT_A_CHILD',
  MIXED_SCRIPT_NAME: 'MIXED_SCRIPT_NAME',
} as const;

/**
 * A person's name of 1 to `max` characters in its stored form (shared/names.ts `cleanName`:
 * NFKC, nothing invisible, single spaces), or BAD_USER_INPUT naming `field`: too short or long
 * once cleaned, or mixing the letters of two scripts ("mixes Latin and Cyrillic letters").
 */
export function name(value: string, field: string, max: number): string {
  const cleaned = text(cleanName(value), field, 1, max);
  const problem = nameProblem(cleaned);
  if (problem) {
    throw codedError(ErrorCode.BAD_USER_INPUT, `\`${field}\` ${problem}`, {
      field,
      refusal: REFUSAL.MIXED_SCRIPT_NAME,
    });
  }
  return cleaned;
}

/** An id argument: at most 64 characters. */
export function id(value: string, field: string): string {
  return text(value, field, 1, 64);
}

/** A contact's version as the user last saw it. */
export function version(value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw badUserInput('version', '`version` must be the contact version you last saw (1 or more)');
  }
  return value;
}

/** An NHS number given by a referrer: ten digits passing modulus 11, stored without spaces. */
export function nhsNumber(value: string, field: string): string {
  const n = normaliseNhsNumber(value);
  if (!/^\d{10}$/.test(n)) throw badUserInput(field, `\`${field}\` must be 10 digits`);
  if (!isValidNhsNumber(n)) {
    throw badUserInput(field, `\`${field}\` fails its modulus-11 check, so it was mistyped`);
  }
  return n;
}

/** A UPN given by a referrer: 13 characters passing the check letter. */
export function upn(value: string, field: string): string {
  const u = normaliseUpn(value);
  if (!/^[A-Z0-9]{13}$/.test(u))
    throw badUserInput(field, `\`${field}\` must be 13 letters and digits`);
  if (!isValidUpn(u)) {
    throw badUserInput(field, `\`${field}\` fails its check letter, so it was mistyped`);
  }
  return u;
}

// The shapes of UK postcodes (outward code, a space, inward code).
const POSTCODE = /^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$/;

/** A UK postcode, upper case with one space, e.g. "N15 4AB". */
export function postcode(value: string, field: string): string {
  const match = POSTCODE.exec(value.trim().toUpperCase().replace(/\s+/g, ' '));
  if (!match) throw badUserInput(field, `\`${field}\` must be a UK postcode, e.g. N15 4AB`);
  return `${match[1]} ${match[2]}`;
}

/**
 * Refuses anyone but the MASH roles (practitioners and managers) of `agencies` (any agency when
 * not given), with FORBIDDEN_ROLE and what they would need.
 */
export function requireMashRole(
  ctx: SocialcareContext,
  action: string,
  agencies?: readonly Agency[],
): void {
  const { role, agency } = ctx.principal.user;
  if (isMashRole(role) && (!agencies || agencies.includes(agency))) return;
  throw accessError({
    allowed: false,
    code: AccessCode.FORBIDDEN_ROLE,
    message: `Only ${agencies ? `${agencies.join(' or ')} ` : ''}MASH practitioners and managers ${action}`,
  });
}

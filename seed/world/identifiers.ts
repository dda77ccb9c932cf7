/**
 * Agency identifiers as the generator issues them: NHS numbers (in the 999 test range), UPNs
 * (permanent, temporary, or from another local authority) and PNC IDs, each valid by its check
 * character and never issued twice.
 */
import {
  CHECK_ALPHABET,
  nhsCheckDigit,
  pncCheckLetter,
  upnCheckLetter,
} from '../../shared/identifiers';
import { pad } from '../model';
import { OTHER_LAS } from '../names';
import type { Rng } from '../random';

/** The identifiers issued so far, and the last UPN serial per local authority, school and year. */
export interface IssuedIdentifiers {
  readonly nhs: Set<string>;
  readonly upns: Set<string>;
  readonly pnc: Set<string>;
  readonly upnSerials: Map<string, number>;
}

/** None issued yet. */
export function createIssuedIdentifiers(): IssuedIdentifiers {
  return { nhs: new Set(), upns: new Set(), pnc: new Set(), upnSerials: new Map() };
}

/** A valid NHS number in the 999 range kept for test data, so never a real patient's. */
export function newNhsNumber(issued: IssuedIdentifiers, rng: Rng): string {
  for (;;) {
    const firstNine = `999${pad(rng.int(0, 999999), 6)}`;
    const check = nhsCheckDigit(firstNine);
    if (check === null) continue;
    const nhs = `${firstNine}${check}`;
    if (issued.nhs.has(nhs)) continue;
    issued.nhs.add(nhs);
    return nhs;
  }
}

/** The same number with one digit mistyped, which modulus 11 always catches. */
export function mistypedNhs(rng: Rng, nhs: string): string {
  const i = rng.int(3, 9);
  const digit = (Number(nhs[i]) + rng.int(1, 9)) % 10;
  return nhs.slice(0, i) + digit + nhs.slice(i + 1);
}

/**
 * A UPN issued by local authority `la` at school `estab` in `year`: permanent (the next serial;
 * the next school number once a school runs out) or temporary (ending in a letter).
 */
export function newUpn(
  issued: IssuedIdentifiers,
  rng: Rng,
  la: string,
  estab: string,
  year: number,
  temporary: boolean,
): string {
  const yy = pad(year % 100, 2);
  for (;;) {
    let body: string;
    if (temporary) {
      body = `${la}${estab}${yy}${pad(rng.int(0, 99), 2)}${rng.pick([...CHECK_ALPHABET])}`;
    } else {
      const key = `${la}${estab}${yy}`;
      const serial = (issued.upnSerials.get(key) ?? rng.int(0, 40)) + 1;
      issued.upnSerials.set(key, serial);
      if (serial > 999) {
        estab = String(Number(estab) + 1).slice(-4);
        continue;
      }
      body = `${key}${pad(serial, 3)}`;
    }
    const upn = upnCheckLetter(body) + body;
    if (issued.upns.has(upn)) continue;
    issued.upns.add(upn);
    return upn;
  }
}

/** A permanent UPN another local authority issued in `year`. */
export function otherLaUpn(issued: IssuedIdentifiers, rng: Rng, year: number): string {
  return newUpn(issued, rng, rng.pick(OTHER_LAS).number, String(rng.int(2000, 3999)), year, false);
}

/** A PNC ID first issued in a year between the two given. */
export function newPncId(
  issued: IssuedIdentifiers,
  rng: Rng,
  firstYear: number,
  lastYear: number,
): string {
  for (;;) {
    const yy = pad(rng.int(firstYear, lastYear) % 100, 2);
    const serial = pad(rng.int(1, 9999999), 7);
    const pnc = `${yy}/${serial}${pncCheckLetter(yy, serial)}`;
    if (issued.pnc.has(pnc)) continue;
    issued.pnc.add(pnc);
    return pnc;
  }
}

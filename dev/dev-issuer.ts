import path from 'node:path';
import { SignJWT } from 'jose';
import type { SigningKey, User } from '../shared/auth';
import { DEV_AUDIENCE, DEV_ISSUER, DEV_KEY_PAIRS } from '../shared/config';
import { PRIVATE_KEY_FILE, loadSigningKey } from '../shared/keys';

/**
 * The local development issuer's demo users: every role, every agency, two MASH teams. Entirely
 * fictional. The MASH teams match the teams the generator allocates contacts to, so "the user's
 * team holds the case" can be tried with the demo data.
 */
export const DEMO_USERS: Readonly<Record<string, User>> = {
  'sc-practitioner': {
    id: 'sc-practitioner',
    name: 'Sam Okafor',
    agency: 'SOCIALCARE',
    role: 'MASH_PRACTITIONER',
    team: 'MASH North',
  },
  'sc-practitioner-south': {
    id: 'sc-practitioner-south',
    name: 'Priya Raman',
    agency: 'SOCIALCARE',
    role: 'MASH_PRACTITIONER',
    team: 'MASH South',
  },
  'sc-manager': {
    id: 'sc-manager',
    name: 'Helen Achterberg',
    agency: 'SOCIALCARE',
    role: 'MASH_MANAGER',
    team: 'MASH North',
  },
  'sc-social-worker': {
    id: 'sc-social-worker',
    name: 'Tom Brennan',
    agency: 'SOCIALCARE',
    role: 'AGENCY_PRACTITIONER',
    team: 'Assessment Team 2',
  },
  'police-mash': {
    id: 'police-mash',
    name: 'DC Ruth Mensah',
    agency: 'POLICE',
    role: 'MASH_PRACTITIONER',
    team: 'MASH North',
  },
  'probation-mash': {
    id: 'probation-mash',
    name: 'Joanne Osei',
    agency: 'PROBATION',
    role: 'MASH_PRACTITIONER',
    team: 'MASH North',
  },
  'police-officer': {
    id: 'police-officer',
    name: 'PC Dan Kowalski',
    agency: 'POLICE',
    role: 'AGENCY_PRACTITIONER',
    team: 'Response Team B',
  },
  'health-mash': {
    id: 'health-mash',
    name: 'Aisha Begum',
    agency: 'HEALTH',
    role: 'MASH_PRACTITIONER',
    team: 'MASH North',
  },
  'health-visitor': {
    id: 'health-visitor',
    name: 'Clare Doyle',
    agency: 'HEALTH',
    role: 'AGENCY_PRACTITIONER',
    team: 'Health Visiting East',
  },
  'education-mash': {
    id: 'education-mash',
    name: 'Marcus Hill',
    agency: 'EDUCATION',
    role: 'MASH_PRACTITIONER',
    team: 'MASH North',
  },
  'education-dsl': {
    id: 'education-dsl',
    name: 'Joanne Price',
    agency: 'EDUCATION',
    role: 'AGENCY_PRACTITIONER',
    team: 'Northside Primary',
  },
  'early-help': {
    id: 'early-help',
    name: 'Nadia Kerrigan',
    agency: 'SOCIALCARE',
    role: 'EARLY_HELP_PRACTITIONER',
    team: 'Early Help North',
  },
  analyst: {
    id: 'analyst',
    name: 'Leo Fischer',
    agency: 'SOCIALCARE',
    role: 'ANALYST',
    team: null,
  },
  admin: { id: 'admin', name: 'Ivy Nakamura', agency: 'SOCIALCARE', role: 'ADMIN', team: null },
};

/** How long a development token lasts unless asked otherwise. */
export const DEV_TOKEN_TTL_SECONDS = 8 * 60 * 60;

/** Options for a user token: who issues it, for whom, and for how long. */
export interface UserTokenOptions {
  issuer?: string;
  audience?: string;
  ttlSeconds?: number;
  now?: Date;
}

/**
 * Signs a user token as an identity provider would: issuer, audience, issued-at, expiry, and the
 * user's claims (sub, name, agency, role, team). Defaults to the development issuer's names.
 */
export function signUserToken(
  signing: SigningKey,
  user: User,
  options: UserTokenOptions = {},
): Promise<string> {
  const issuedAt = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return new SignJWT({ name: user.name, agency: user.agency, role: user.role, team: user.team })
    .setProtectedHeader({ alg: signing.alg, kid: signing.kid, typ: 'JWT' })
    .setIssuer(options.issuer ?? DEV_ISSUER)
    .setAudience(options.audience ?? DEV_AUDIENCE)
    .setSubject(user.id)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + (options.ttlSeconds ?? DEV_TOKEN_TTL_SECONDS))
    .sign(signing.key);
}

/** Mints a token for a user with the development issuer's private key in `keysDir`. */
export async function mintDevToken(
  keysDir: string,
  user: User,
  options: UserTokenOptions = {},
): Promise<string> {
  const signing = await loadSigningKey(path.join(keysDir, DEV_KEY_PAIRS.issuer, PRIVATE_KEY_FILE));
  return signUserToken(signing, user, options);
}

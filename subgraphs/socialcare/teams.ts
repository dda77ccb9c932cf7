import { LEAD_AGENCY, teamOf } from '../../shared/agencies';
import type { User } from '../../shared/auth';
import { badUserInput } from '../../shared/errors';

/**
 * Socialcare's registered teams (shared/agencies.json): a contact is worked by one of them, and
 * "the user's team holds the case" compares them by id (./relationship.ts `holdsCase`).
 */
export const SOCIALCARE_TEAMS = LEAD_AGENCY.teams.filter((t) => !t.earlyHelp);

/**
 * The registered name of the socialcare team `idOrName` names, or null when it names none or an
 * early help team (which works early help episodes, not contacts).
 */
export function socialcareTeam(idOrName: string): string | null {
  const team = teamOf(LEAD_AGENCY.code, idOrName.trim());
  return team && !team.earlyHelp ? team.name : null;
}

/**
 * The registered name of the socialcare team `given` names; otherwise BAD_USER_INPUT on `field`,
 * listing the teams (`what` says what they do, e.g. "a contact is worked by").
 */
export function requireSocialcareTeam(
  given: string,
  field: string,
  what = 'a contact is worked by',
): string {
  const name = socialcareTeam(given);
  if (name !== null) return name;
  const names = SOCIALCARE_TEAMS.map((t) => `${t.name} (${t.id})`).join(', ');
  throw badUserInput(
    field,
    `\`${field}\` "${given}" is not a socialcare team; ${what} one of: ${names}`,
  );
}

/** The socialcare team a user's contacts default to: theirs, when they are socialcare's. */
export function defaultTeamOf(user: User): string | null {
  return user.agency === LEAD_AGENCY.code && user.team ? socialcareTeam(user.team) : null;
}

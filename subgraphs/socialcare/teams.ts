import { LEAD_AGENCY, teamOf } from '../../shared/agencies';
import type { User } from '../../shared/auth';

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

/** Why a contact's team is refused: it must be one of socialcare's registered teams. */
export function unknownTeamMessage(given: string): string {
  const names = SOCIALCARE_TEAMS.map((t) => `${t.name} (${t.id})`).join(', ');
  return `\`team\` "${given}" is not a socialcare team; a contact is worked by one of: ${names}`;
}

/** The socialcare team a user's contacts default to: theirs, when they are socialcare's. */
export function defaultTeamOf(user: User): string | null {
  return user.agency === LEAD_AGENCY.code && user.team ? socialcareTeam(user.team) : null;
}

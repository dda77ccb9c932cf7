import { errorsAt, type ApiError } from '../../api';
import { PARTNER_AGENCIES } from '../../agencies';
import type { Episode } from '../early-help/episode';

/** A partner agency's subgraph name (its section's field on Child). */
export type Partner = string;
/** The partner agencies, each with a section on the child's page. */
export const PARTNERS: Partner[] = PARTNER_AGENCIES.map((a) => a.name);

const MATCH =
  'match { level reasons agencyReference score candidates { agencyReference score reasons } }';
/**
 * The child query; with `earlyHelp`, the child's early help episodes too (asked only by a user who
 * may read them, so nobody else's view records a refusal).
 */
export const childQuery = (earlyHelp: boolean) => `query Child($id: ID!) {
  child(id: $id) {
    id givenName familyName dateOfBirth sex postcode nhsNumber upn hasOpenContact caseTeam
    matchDecisions { agency agencyReference decision reason decidedBy decidedAt }
    household { id addressLine postcode
      adults { id givenName familyName dateOfBirth relationship }
      children { id givenName familyName dateOfBirth } }
    ${earlyHelp ? 'earlyHelpEpisodes { id steppedDownAt provider { id name } response respondedOn assessment { startedOn completedOn organisation } open closedOn closureReason }' : ''}
    ${PARTNERS.map((p) => `${p} { ${MATCH} summary }`).join('\n    ')}
    chronology { at agency kind summary severity }
  }
}`;

/** How a partner's record was matched to the child. */
export interface Match {
  level: string;
  reasons: string[];
  agencyReference: string | null;
  score: number | null;
  candidates: { agencyReference: string; score: number; reasons: string[] }[];
}
/** A partner's section of the child: its match and its summary. */
export interface Section {
  match: Match;
  summary: string;
}
/** A child as the child query (or a search, in part) fetched it. */
export interface ChildRecord {
  id: string;
  givenName: string | null;
  familyName: string | null;
  dateOfBirth: string | null;
  sex: string;
  postcode: string | null;
  nhsNumber: string | null;
  upn: string | null;
  hasOpenContact: boolean;
  caseTeam: string | null;
  matchDecisions:
    | {
        agency: string;
        agencyReference: string;
        decision: string;
        reason: string;
        decidedBy: string;
        decidedAt: string;
      }[]
    | null;
  household: {
    id: string;
    addressLine: string;
    postcode: string;
    adults: {
      id: string;
      givenName: string;
      familyName: string;
      dateOfBirth: string | null;
      relationship: string;
    }[];
    children: {
      id: string;
      givenName: string | null;
      familyName: string | null;
      dateOfBirth: string | null;
    }[];
  } | null;
  /** Each partner's section, by its name (`police`). */
  [partner: string]: unknown;
  chronology:
    { at: string; agency: string; kind: string; summary: string; severity: string }[] | null;
  /** Asked only of a user who reads early help episodes (`readsEarlyHelp`). */
  earlyHelpEpisodes?:
    | Pick<
        Episode,
        | 'id'
        | 'steppedDownAt'
        | 'provider'
        | 'response'
        | 'respondedOn'
        | 'assessment'
        | 'open'
        | 'closedOn'
        | 'closureReason'
      >[]
    | null;
}

/** A partner's section of the child, as the child query fetched it. */
export const sectionOf = (child: ChildRecord, partner: Partner) => child[partner] as Section | null;

/** Each match level in words. */
export const MATCH_WORDS: Record<string, string> = {
  CONFIRMED: 'Confirmed',
  PROBABLE: 'Probable',
  POSSIBLE: 'Possible: nothing is shown until a practitioner confirms it',
  NONE: 'No record found',
};

/** A person's name, or "Name not known". */
export const name = (p: { givenName?: string | null; familyName?: string | null }) =>
  [p.givenName, p.familyName].filter(Boolean).join(' ') || 'Name not known';

/**
 * An agency that cannot answer: down or slow (AGENCY_UNAVAILABLE), or up but unable to record the
 * disclosure in its audit, so disclosing nothing (AUDIT_UNAVAILABLE, e.g. its database is down).
 */
export const UNAVAILABLE = new Set(['AGENCY_UNAVAILABLE', 'AUDIT_UNAVAILABLE']);

/**
 * The errors that explain a missing section: those at its path, and an agency's unavailability
 * wherever the gateway put it (a failed entity fetch may carry no path into the child).
 */
export function sectionErrors(errors: ApiError[], agency: Partner): ApiError[] {
  const atPath = errorsAt(errors, ['child', agency]);
  const down = errors.filter(
    (e) => e.code === 'AGENCY_UNAVAILABLE' && e.serviceName === agency && !atPath.includes(e),
  );
  return [...down, ...atPath];
}

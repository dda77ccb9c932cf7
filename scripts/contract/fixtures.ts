import type { RelationshipBasis } from '../../shared/access';
import { normaliseNhsNumber, normaliseUpn } from '../../shared/identifiers';
import {
  indexCandidates,
  matchPerson,
  type Candidate,
  type ChildReference,
  type MatchDecision,
  type MatchingAgency,
  type MatchLevel,
  type MatchResult,
} from '../../shared/partner/matching';
import { PARTNER_AGENCIES } from '../../shared/agencies';
import { localDate } from '../../shared/time';
import type { ScChild, TruthPerson, World } from '../../seed/world';
import type { FieldTree } from './sdl';

/**
 * The fixture people: children of the synthetic world (seed/world) whose right answer the suite
 * knows. The ground truth says which of the agency's records each child really is; the matching
 * rules (shared/partner/matching.ts `matchPerson`, run here over the agency's own part of the
 * world, exactly as match:accuracy and the tests decide) say what level that record must get from
 * what the gateway sends. A partner in another stack loads the same world's part for its agency
 * (docs/contract.md#fixture-people).
 */

/** The partner agencies: every subgraph but socialcare, which owns the child. */
/** A partner agency: its part of the generated world bears its name. */
export type Partner = Exclude<keyof World, 'socialcare' | 'truth'>;
export const PARTNERS = PARTNER_AGENCIES.map((a) => a.name as Partner);

/** How one partner's part of the world reads as the matcher's candidates, and its identifier. */
interface PartnerIndex {
  agency: MatchingAgency;
  candidates(world: World): Candidate<null>[];
  /** The identifier a child reference carries for this agency, normalised, as its loader does. */
  identifier(probe: ChildReference): { label: string; value: string | null };
}

const INDEXES: Record<Partner, PartnerIndex> = {
  police: {
    agency: 'POLICE',
    candidates: (w) => w.police.persons.map((p) => ({ ...p, identifiers: [], record: null })),
    identifier: () => ({ label: 'PNC id', value: null }),
  },
  health: {
    agency: 'HEALTH',
    candidates: (w) =>
      w.health.patients.map((p) => ({
        ...p,
        identifiers: p.nhsNumber ? [p.nhsNumber] : [],
        record: null,
      })),
    identifier: (p) => ({
      label: 'NHS number',
      value: p.nhsNumber ? normaliseNhsNumber(p.nhsNumber) : null,
    }),
  },
  education: {
    agency: 'EDUCATION',
    candidates: (w) => {
      const former = new Map<string, string[]>();
      for (const f of w.education.formerUpns) {
        former.set(f.pupilId, [...(former.get(f.pupilId) ?? []), f.upn]);
      }
      return w.education.pupils.map((p) => ({
        ...p,
        identifiers: [...(p.upn ? [p.upn] : []), ...(former.get(p.id) ?? [])],
        record: null,
      }));
    },
    identifier: (p) => ({ label: 'UPN', value: p.upn ? normaliseUpn(p.upn) : null }),
  },
  // Probation matches a child against the children offender managers recorded on their cases,
  // on demographics alone: a child has no CRN.
  probation: {
    agency: 'PROBATION',
    candidates: (w) =>
      w.probation.knownChildren.map((c) => ({ ...c, identifiers: [], record: null })),
    identifier: () => ({ label: 'CRN', value: null }),
  },
};

/** How the suite spoils a grant, for the clauses that check a partner refuses it. */
export type GrantFault =
  /** Right in every claim, but signed by a key the suite makes on the spot, under the same key id. */
  | 'forged'
  /** Signed by the right key ten minutes ago (a grant lives 60 s). */
  | 'expired'
  /** Right for the child and the request, but issued to another user. */
  | 'another-user'
  /** Right for the child and the user, but issued for another request. */
  | 'another-request';

/**
 * The relationship grant a representation carries, before it is signed. A grant names the user
 * and the request it is for (shared/grants.ts), so the suite signs it as each request is sent
 * (`ContractContext.entities`), as socialcare would for that request: the basis socialcare states
 * (null: no relationship), about the representation's own child unless `about` names another, and
 * spoiled when `fault` says how. It refuses to be sent unsigned.
 */
export class UnsignedGrant {
  constructor(
    readonly basis: RelationshipBasis | null,
    readonly options: {
      fault?: GrantFault;
      about?: string;
      /**
       * Other children the grant names too, each with its own basis: a grant of several subjects
       * (`subjects`), as socialcare signs one for the children and adults of a page or a view.
       */
      alongside?: { id: string; basis: RelationshipBasis | null }[];
    } = {},
  ) {}

  toJSON(): never {
    throw new Error('a relationship grant was about to be sent unsigned');
  }
}

/** An open MASH contact, as socialcare grants it: the relationship every fixture is sent with. */
export const OPEN_CONTACT = new UnsignedGrant('OPEN_CONTACT');
/** No open contact, no case, no break-glass: socialcare's grant then states no basis. */
export const NO_RELATIONSHIP = new UnsignedGrant(null);

/** A child the suite asks about, and what the agency must answer. */
export interface Fixture {
  /** Why it is in the set, e.g. "CONFIRMED by identifier", "twin 1 of 2". */
  label: string;
  childId: string;
  /**
   * `_entities` representation of `Child` with what the section `@requires`: its
   * `relationshipGrant` an open contact's, signed as each request is sent.
   */
  representation: Record<string, unknown>;
  /** The level the rules give. */
  expected: MatchLevel;
  /** The agency's record of this person in the ground truth; null when it holds none. */
  heldAs: string | null;
  /** For a twin: the agency's record of the other twin. */
  twinOf: string | null;
}

/** Everything the clauses ask about. */
export interface Fixtures {
  people: Fixture[];
  /** The slots no child of the world could fill (e.g. no twins held by the agency). */
  unfilled: string[];
  /** 50 children the agency holds (for the backend-calls clause), the richest first. */
  page: Record<string, unknown>[];
}

/** What the gateway would send for `child`, before trimming to the requires. */
function fullReference(
  child: ScChild,
  postcode: string | null,
  grant: UnsignedGrant,
  matchLinks: MatchDecision[],
): Record<string, unknown> {
  return {
    __typename: 'Child',
    id: child.id,
    givenName: child.givenName,
    familyName: child.familyName,
    dateOfBirth: child.dateOfBirth,
    sex: child.sex,
    postcode,
    nhsNumber: child.nhsNumber,
    upn: child.upn,
    relationshipGrant: grant,
    matchLinks,
  };
}

/** A 'YYYY-MM-DD' date `days` later. */
function shiftDate(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Keeps `__typename`, `id` and the fields `requires` names (the rest the gateway never sends). */
export function trimToRequires(
  reference: Record<string, unknown>,
  requires: FieldTree,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(reference).filter(([k]) => k === '__typename' || k === 'id' || requires.has(k)),
  );
}

/** A child as the matcher sees the trimmed representation. */
function probeOf(rep: Record<string, unknown>): ChildReference {
  return {
    id: rep.id as string,
    givenName: (rep.givenName as string | undefined) ?? '',
    familyName: (rep.familyName as string | undefined) ?? '',
    dateOfBirth: (rep.dateOfBirth as string | null | undefined) ?? null,
    sex: (rep.sex as string | null | undefined) ?? null,
    postcode: (rep.postcode as string | null | undefined) ?? null,
    nhsNumber: (rep.nhsNumber as string | null | undefined) ?? null,
    upn: (rep.upn as string | null | undefined) ?? null,
    matchLinks: (rep.matchLinks as MatchDecision[] | undefined) ?? [],
  };
}

/** The world read for one partner: each child's reference and what the rules answer for it. */
export interface PartnerView {
  index: PartnerIndex;
  truthOf: (childId: string) => TruthPerson | undefined;
  heldAs: (p: TruthPerson | undefined) => string | null;
  /** The trimmed representation of a child, and the rules' answer to it. */
  ask(child: ScChild, options?: AskOptions): Asked;
}

/** How a fixture's representation departs from what the gateway would send today. */
export interface AskOptions {
  /** The grant it carries; an open contact's by default. */
  grant?: UnsignedGrant;
  /** Practitioners' decisions on the agency's records (socialcare's `matchLinks`). */
  links?: MatchDecision[];
  /** Fields sent as null, as for a child socialcare knows without them. */
  blank?: ('nhsNumber' | 'upn' | 'postcode')[];
  /** Days added to the date of birth, as for one mistyped. */
  dobOffsetDays?: number;
}

/** A representation and the rules' answer to it. */
export interface Asked {
  representation: Record<string, unknown>;
  result: MatchResult<null>;
}

/** Reads `world` for `partner`, given what its section `@requires`. */
export function viewWorld(world: World, partner: Partner, requires: FieldTree): PartnerView {
  const index = INDEXES[partner];
  const blocks = indexCandidates(index.candidates(world));
  const postcodes = new Map(world.socialcare.households.map((h) => [h.id, h.postcode]));
  const truth = new Map(
    world.truth.people.filter((p) => p.socialcareId).map((p) => [p.socialcareId as string, p]),
  );
  return {
    index,
    truthOf: (id) => truth.get(id),
    heldAs: (p) => (p ? p[`${partner}Id`] : null),
    ask(child, options = {}) {
      const postcode = child.householdId ? (postcodes.get(child.householdId) ?? null) : null;
      const full = fullReference(
        child,
        postcode,
        options.grant ?? OPEN_CONTACT,
        options.links ?? [],
      );
      for (const field of options.blank ?? []) full[field] = null;
      if (options.dobOffsetDays && child.dateOfBirth) {
        full.dateOfBirth = shiftDate(child.dateOfBirth, options.dobOffsetDays);
      }
      const representation = trimToRequires(full, requires);
      const probe = probeOf(representation);
      const identifier = index.identifier(probe);
      const decisions = (probe.matchLinks ?? []).filter((d) => d.agency === index.agency);
      const block = blocks.blockFor(probe, identifier.value, index.agency);
      // A child is never matched to an adult's record; the partner's today is the world's.
      const childOn = localDate(new Date(world.truth.asOf));
      return {
        representation,
        result: matchPerson(probe, { identifier, decisions, childOn }, block),
      };
    },
  };
}

/**
 * A fixture's representation carrying `grant` in place of its own: none at all when `grant` is
 * undefined, and a null one when it is null (as when socialcare sends no grant).
 */
export function withGrant(
  f: Fixture,
  grant: UnsignedGrant | null | undefined,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const r: Record<string, unknown> = { ...f.representation, ...extra };
  if (grant === undefined) delete r.relationshipGrant;
  else r.relationshipGrant = grant;
  return r;
}

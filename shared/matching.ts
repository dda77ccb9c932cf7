import DataLoader from 'dataloader';

/**
 * How a partner agency decides which of its own records, if any, is the child it is asked about.
 * Generic over the agency's record type: the agency supplies candidates (its own rows, blocked by
 * identifier or date of birth) and this module grades them. Exact rules only for now; the scored
 * demographic match plugs in behind `matchPerson` without changing its callers or the schema.
 */

/** How sure an agency is that its record is the child asked about. */
export type MatchLevel = 'CONFIRMED' | 'PROBABLE' | 'POSSIBLE' | 'NONE';

/** The demographics a partner receives about a child (via `@requires`) and holds on its own. */
export interface Demographics {
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  sex: string | null;
  postcode: string | null;
}

/** An agency's record as the matcher sees it: demographics plus its identifiers. */
export interface Candidate<R> extends Demographics {
  /** The agency's own reference for the record. */
  id: string;
  /** Identifiers the agency holds for this person (e.g. NHS number, current and former UPNs). */
  identifiers: string[];
  record: R;
}

/** The outcome: the level, why, and the record when the level allows disclosure. */
export interface MatchResult<R> {
  level: MatchLevel;
  reasons: string[];
  /** The agency's reference of the matched record; null for NONE or an ambiguous POSSIBLE. */
  agencyReference: string | null;
  /** Set for CONFIRMED and PROBABLE only: a POSSIBLE match must be confirmed before disclosure. */
  record: R | null;
}

/**
 * A comparable form of a name: accents removed, lower case, letters only, so that "Zoë O'Brien-Smith"
 * and "zoe obriensmith" compare equal.
 */
export function nameKey(name: string | null | undefined): string {
  return (name ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/** Postcode without spaces, upper case. */
export function postcodeKey(postcode: string | null): string | null {
  return postcode ? postcode.replace(/\s/g, '').toUpperCase() : null;
}

const NONE = { level: 'NONE', reasons: [], agencyReference: null, record: null } as const;

function agreement(probe: Demographics, c: Demographics): string[] {
  const reasons: string[] = [];
  if (nameKey(probe.familyName) === nameKey(c.familyName)) reasons.push('family name matches');
  if (nameKey(probe.givenName) === nameKey(c.givenName)) reasons.push('given name matches');
  if (probe.dateOfBirth && probe.dateOfBirth === c.dateOfBirth)
    reasons.push('date of birth matches');
  if (probe.sex && probe.sex !== 'UNKNOWN' && probe.sex === c.sex) reasons.push('sex matches');
  const pc = postcodeKey(probe.postcode);
  if (pc && pc === postcodeKey(c.postcode)) reasons.push('postcode matches');
  return reasons;
}

/**
 * Grades `candidates` against the child asked about.
 * - CONFIRMED: one candidate holds the identifier given (`identifier`, already normalised) and
 *   agrees on date of birth (an identifier alone could be mistyped, or a sibling's).
 * - PROBABLE: exactly one candidate agrees exactly on given name, family name and date of birth,
 *   and does not contradict a known sex.
 * - POSSIBLE: an identifier match that the demographics contradict, or several exact candidates
 *   (nothing is disclosed until a practitioner confirms which).
 * - NONE otherwise. Twins differ in given name, so they never match each other.
 */
export function matchPerson<R>(
  probe: Demographics,
  identifier: { label: string; value: string | null },
  candidates: Candidate<R>[],
): MatchResult<R> {
  if (identifier.value) {
    const byId = candidates.filter((c) => c.identifiers.includes(identifier.value as string));
    if (byId.length === 1) {
      const c = byId[0];
      const reasons = [`${identifier.label} matches`, ...agreement(probe, c)];
      const corroborated = reasons.includes('date of birth matches');
      return corroborated
        ? { level: 'CONFIRMED', reasons, agencyReference: c.id, record: c.record }
        : {
            level: 'POSSIBLE',
            reasons: [...reasons, 'date of birth differs'],
            agencyReference: c.id,
            record: null,
          };
    }
  }
  if (!probe.dateOfBirth) return { ...NONE, reasons: [] };
  const exact = candidates.filter(
    (c) =>
      c.dateOfBirth === probe.dateOfBirth &&
      nameKey(c.givenName) === nameKey(probe.givenName) &&
      nameKey(c.familyName) === nameKey(probe.familyName) &&
      !(
        probe.sex &&
        c.sex &&
        probe.sex !== 'UNKNOWN' &&
        c.sex !== 'UNKNOWN' &&
        probe.sex !== c.sex
      ),
  );
  if (exact.length === 1) {
    const c = exact[0];
    return {
      level: 'PROBABLE',
      reasons: agreement(probe, c),
      agencyReference: c.id,
      record: c.record,
    };
  }
  if (exact.length > 1) {
    return {
      level: 'POSSIBLE',
      reasons: [`${exact.length} records share this name and date of birth`],
      agencyReference: null,
      record: null,
    };
  }
  return { ...NONE, reasons: [] };
}

/**
 * The child as a partner receives it in an entity representation: socialcare's id plus the
 * identifiers and demographics its fields `@require`.
 */
export interface ChildReference extends Demographics {
  id: string;
  nhsNumber?: string | null;
  upn?: string | null;
}

export interface MatchLoaderOptions<R> {
  /** One query for the whole batch: every candidate worth grading for any of the probes. */
  fetchCandidates: (probes: readonly ChildReference[]) => Promise<Candidate<R>[]>;
  /** The identifier this agency matches exactly on, normalised, with its label for reasons. */
  identifier: (probe: ChildReference) => { label: string; value: string | null };
  /** Narrows the batch's candidates to those worth grading for one probe. */
  isCandidateFor: (probe: ChildReference, candidate: Candidate<R>) => boolean;
}

/**
 * A per-request loader answering "which of our records is this child?" for a batch of children in
 * one candidate query, so a page of 50 children costs the same statements as one.
 */
export function createMatchLoader<R>(
  options: MatchLoaderOptions<R>,
): DataLoader<ChildReference, MatchResult<R>, string> {
  return new DataLoader<ChildReference, MatchResult<R>, string>(
    async (probes) => {
      const candidates = await options.fetchCandidates(probes);
      return probes.map((probe) =>
        matchPerson(
          probe,
          options.identifier(probe),
          candidates.filter((c) => options.isCandidateFor(probe, c)),
        ),
      );
    },
    {
      cacheKeyFn: (p) =>
        JSON.stringify([
          p.id,
          p.givenName,
          p.familyName,
          p.dateOfBirth,
          p.sex,
          p.postcode,
          p.nhsNumber ?? null,
          p.upn ?? null,
        ]),
    },
  );
}

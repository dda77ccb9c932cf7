import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { prepared, runPrepared, type PreparedStatement } from '../database';
import { TurnBatcher } from '../loaders';
import { adultsBornOnOrBefore, isAdultOn } from '../age';
import { cleanName } from '../names';
import {
  daysBetween,
  MATCH_WEIGHTS,
  nameKey,
  nameParts,
  scoreCandidate,
  swappedDate,
  type Demographics,
  type Score,
} from './scoring';

// The comparisons and scores the matcher grades are ./scoring.ts; partners import them from here.
export {
  isShortForm,
  MATCH_WEIGHTS,
  nameKey,
  nameKeySql,
  nameParts,
  postcodeKey,
  scoreCandidate,
  swappedDate,
  type Demographics,
  type Score,
} from './scoring';

/**
 * How a partner agency decides which of its own records, if any, is the person it is asked about.
 * Generic over the agency's record type: the agency fetches candidates from its own index in one
 * query per batch (blocked by identifier, date of birth, swapped date of birth, family name with
 * a close date of birth, and a practitioner's links; `blockedCandidatesQuery`) and this module
 * grades them:
 *
 * - a link a practitioner confirmed is used exactly (CONFIRMED), and a rejected record is never
 *   offered again;
 * - an identifier (NHS number, UPN current or former) held by exactly one record, with
 *   demographics that do not contradict it, is CONFIRMED;
 * - otherwise each candidate gets a demographic score (`scoreCandidate`): the best is PROBABLE at or
 *   above `thresholds.probable` when it stands clear of the next and its given name agrees exactly
 *   or as a short form, POSSIBLE at or above `thresholds.possible`, else there is no match.
 *
 * Twins share family name, date of birth, sex and address and differ in given name: a given name
 * that disagrees costs more than those agreements earn, so a twin scores below POSSIBLE, and a
 * given name that only looks alike (edit distance) can never reach PROBABLE.
 *
 * A child is never matched to a record that is an adult's by the agency's own date of birth
 * (`MatchContext.childOn`): a child's section never shows an adult's records, whatever date of
 * birth the child was recorded with. The names asked about are cleaned first (shared/names.ts:
 * NFKC, nothing invisible), so a zero-width space or a full-width letter changes no match.
 */

/** How sure an agency is that its record is the person asked about. */
export type MatchLevel = 'CONFIRMED' | 'PROBABLE' | 'POSSIBLE' | 'NONE';

/** The code of an agency that matches against its own index: a partner in the registry. */
export type MatchingAgency = string;

/** An agency's record as the matcher sees it: demographics plus its identifiers. */
export interface Candidate<R> extends Demographics {
  /** The agency's own reference for the record. */
  id: string;
  /** Identifiers the agency holds for this person (e.g. NHS number, current and former UPNs). */
  identifiers: string[];
  record: R;
}

/** A record that may be the person asked about, for a practitioner to confirm or reject. */
export interface MatchCandidate {
  agencyReference: string;
  score: number;
  reasons: string[];
}

/** The outcome: the level, why, and the record when the level allows disclosure. */
export interface MatchResult<R> {
  level: MatchLevel;
  reasons: string[];
  /** The agency's reference of the matched record; null for NONE or an ambiguous POSSIBLE. */
  agencyReference: string | null;
  /** The best candidate's demographic score; null when matched by identifier or link, or NONE. */
  score: number | null;
  /** For POSSIBLE only: every record worth a practitioner's look, best first. */
  candidates: MatchCandidate[];
  /** Set for CONFIRMED and PROBABLE only: a POSSIBLE match must be confirmed before disclosure. */
  record: R | null;
}

/** A practitioner's decision on one of an agency's records, as socialcare stores it. */
export interface MatchDecision {
  agency: string;
  agencyReference: string;
  decision: 'CONFIRMED' | 'REJECTED';
}

/** Score thresholds, named settings (MATCH_PROBABLE_SCORE, MATCH_POSSIBLE_SCORE). */
export interface MatchThresholds {
  probable: number;
  possible: number;
}

/**
 * The defaults, checked against the synthetic borough's ground truth (results/matching-*.md): every
 * agreement at full weight scores 20. A moved postcode with one other departure (a short form, one
 * part of a double-barrelled name, a day-month swap) stays PROBABLE; a mistyped date of birth with a
 * moved postcode drops to POSSIBLE.
 */
export const DEFAULT_MATCH_THRESHOLDS: MatchThresholds = { probable: 15, possible: 10 };

/** How far the best candidate must score above the next for PROBABLE. */
const CLEAR_MARGIN = 3;
/** Most POSSIBLE candidates offered. */
const MAX_CANDIDATES = 5;

/** No match, for any record type. */
function none<R>(reasons: string[] = [], agencyReference: string | null = null): MatchResult<R> {
  return { level: 'NONE', reasons, agencyReference, score: null, candidates: [], record: null };
}

/** What the matcher is told besides the demographics. */
export interface MatchContext {
  /** The identifier this agency matches exactly on, normalised, with its label for reasons. */
  identifier: { label: string; value: string | null };
  /** This agency's decisions about this person, from socialcare. */
  decisions?: readonly MatchDecision[];
  thresholds?: MatchThresholds;
  /**
   * Set when the person asked about is a child: the local date ('YYYY-MM-DD', today) on which a
   * candidate 18 or over by the agency's own date of birth is an adult, and never matched.
   */
  childOn?: string | null;
}

/** Grades `candidates` against the person asked about; see the module comment for the rules. */
export function matchPerson<R>(
  probe: Demographics,
  context: MatchContext,
  offered: Candidate<R>[],
): MatchResult<R> {
  const thresholds = context.thresholds ?? DEFAULT_MATCH_THRESHOLDS;
  const decisions = context.decisions ?? [];
  const { childOn } = context;
  const isAdult = (c: Candidate<R>) =>
    Boolean(childOn && c.dateOfBirth && isAdultOn(c.dateOfBirth, childOn));
  const candidates = offered.filter((c) => !isAdult(c));
  const confirmed = decisions.find((d) => d.decision === 'CONFIRMED');
  const linked = confirmed && candidates.find((c) => c.id === confirmed.agencyReference);
  if (linked) {
    const s = scoreCandidate(probe, linked);
    // A link is a practitioner's judgement on a record that might be the child; one that does not
    // even resemble the child (a mistyped reference, a record of someone else) discloses nothing.
    return s.score >= thresholds.possible
      ? {
          level: 'CONFIRMED',
          reasons: ['linked by a practitioner'],
          agencyReference: linked.id,
          score: null,
          candidates: [],
          record: linked.record,
        }
      : {
          level: 'POSSIBLE',
          reasons: ['the record a practitioner linked does not resemble this person', ...s.reasons],
          agencyReference: linked.id,
          score: s.score,
          candidates: [{ agencyReference: linked.id, score: s.score, reasons: s.reasons }],
          record: null,
        };
  }
  // A linked record no longer held: match afresh, and say why.
  const linkedAdult = confirmed && offered.find((c) => c.id === confirmed.agencyReference);
  const lost = !confirmed
    ? []
    : linkedAdult
      ? ['the record a practitioner linked is an adult’s, and a child is never matched to an adult']
      : ['the record a practitioner linked is no longer held'];
  const result = matchUnlinked(probe, context, candidates, decisions, thresholds);
  return lost.length > 0 ? { ...result, reasons: [...lost, ...result.reasons] } : result;
}

/** The match when no linked record decides it: identifier, then demographic score. */
function matchUnlinked<R>(
  probe: Demographics,
  context: MatchContext,
  candidates: Candidate<R>[],
  decisions: readonly MatchDecision[],
  thresholds: MatchThresholds,
): MatchResult<R> {
  const rejected = new Set(
    decisions.filter((d) => d.decision === 'REJECTED').map((d) => d.agencyReference),
  );
  const open = candidates.filter((c) => !rejected.has(c.id));

  const { label, value } = context.identifier;
  if (value) {
    const byId = open.filter((c) => c.identifiers.includes(value));
    if (byId.length === 1) {
      const c = byId[0];
      const s = scoreCandidate(probe, c);
      const reasons = [`${label} matches`, ...s.reasons];
      // An identifier can be mistyped into a sibling's or a stranger's: the demographics must not
      // contradict it.
      return s.score >= thresholds.possible
        ? {
            level: 'CONFIRMED',
            reasons,
            agencyReference: c.id,
            score: null,
            candidates: [],
            record: c.record,
          }
        : {
            level: 'POSSIBLE',
            reasons: [...reasons, 'the demographics do not support the identifier'],
            agencyReference: c.id,
            score: s.score,
            candidates: [{ agencyReference: c.id, score: s.score, reasons }],
            record: null,
          };
    }
  }

  // Both sides hold an identifier of this kind and they differ: likely two people, whatever the
  // demographics say, so never more than POSSIBLE.
  const contradicts = (c: Candidate<R>) =>
    value !== null && c.identifiers.length > 0 && !c.identifiers.includes(value);
  const scored: { c: Candidate<R>; s: Score }[] = [];
  for (const c of open) {
    const s = scoreCandidate(probe, c);
    if (s.score < thresholds.possible) continue;
    if (contradicts(c)) {
      s.reasons.push(`${label} differs`);
      s.givenNameStrong = false;
    }
    scored.push({ c, s });
  }
  scored.sort((a, b) => b.s.score - a.s.score || a.c.id.localeCompare(b.c.id));
  if (scored.length === 0) return none();
  const [best, next] = scored;
  const clear = !next || best.s.score - next.s.score >= CLEAR_MARGIN;
  if (best.s.score >= thresholds.probable && clear && best.s.givenNameStrong) {
    return {
      level: 'PROBABLE',
      reasons: best.s.reasons,
      agencyReference: best.c.id,
      score: best.s.score,
      candidates: [],
      record: best.c.record,
    };
  }
  const offered = scored.slice(0, MAX_CANDIDATES).map((x) => ({
    agencyReference: x.c.id,
    score: x.s.score,
    reasons: x.s.reasons,
  }));
  const reasons =
    scored.length > 1
      ? [`${scored.length} records may be this person`, ...best.s.reasons]
      : best.s.reasons;
  return {
    level: 'POSSIBLE',
    reasons,
    agencyReference: scored.length === 1 ? best.c.id : null,
    score: best.s.score,
    candidates: offered,
    record: null,
  };
}

/**
 * The person as a partner receives it in an entity representation: socialcare's id plus the
 * identifiers, demographics and match decisions its fields `@require`.
 */
export interface ChildReference extends Demographics {
  id: string;
  nhsNumber?: string | null;
  upn?: string | null;
  matchLinks?: readonly MatchDecision[] | null;
}

/** Keys for one candidate query covering a whole batch of probes. */
export interface BlockingKeys {
  /** Dates of birth as given and with day and month swapped. */
  dates: string[];
  /**
   * Family-name keys (whole and each part) with the date of birth asked about: candidates born
   * within `FAMILY_BLOCK_DAYS` of it (only the close dates, under the usual thresholds).
   */
  families: { key: string; dateOfBirth: string }[];
  /** References of records a practitioner linked or rejected. */
  references: string[];
  /**
   * Family-name keys of probes with no date of birth (an unborn child, an adult socialcare knows
   * little about): every namesake, whatever their date.
   */
  familiesWithoutDob: string[];
}

/** Half-width of the birth-date window around a probe's date for family-name blocking, in days. */
export const FAMILY_BLOCK_DAYS = 400;

/**
 * The most a record can score when its date of birth differs outright from the one asked about
 * (not the same, not day and month swapped, not close: `compareDob`'s DOB_DIFFERS), with every
 * other comparison at its best. Under thresholds whose POSSIBLE score is above it such a record is
 * never offered and never stands in the way of another (`matchUnlinked` keeps only candidates at
 * or above POSSIBLE), so the family-name block need not read it: see `blockedCandidatesQuery`.
 */
export const BEST_SCORE_WITH_DATE_DIFFERING =
  Math.max(MATCH_WEIGHTS.familyExact, MATCH_WEIGHTS.familyPart, MATCH_WEIGHTS.familyClose) +
  Math.max(MATCH_WEIGHTS.givenExact, MATCH_WEIGHTS.givenShortForm, MATCH_WEIGHTS.givenClose) +
  MATCH_WEIGHTS.sexAgrees +
  Math.max(MATCH_WEIGHTS.postcodeExact, MATCH_WEIGHTS.postcodeDistrict) +
  MATCH_WEIGHTS.dobDiffers;

/** Whether, under `thresholds`, a record whose date of birth differs outright can matter. */
export function datesDifferingCanMatch(thresholds: MatchThresholds): boolean {
  return thresholds.possible <= BEST_SCORE_WITH_DATE_DIFFERING;
}

/** The blocking keys of a batch (see `BlockingKeys`), for the agency given. */
export function blockingKeys(
  probes: readonly ChildReference[],
  agency: MatchingAgency | null,
): BlockingKeys {
  const dates = new Set<string>();
  const families = new Map<string, { key: string; dateOfBirth: string }>();
  for (const p of probes) {
    if (!p.dateOfBirth) continue;
    dates.add(p.dateOfBirth);
    const swapped = swappedDate(p.dateOfBirth);
    if (swapped) dates.add(swapped);
    for (const key of new Set([nameKey(p.familyName), ...nameParts(p.familyName)])) {
      if (key) families.set(`${key}|${p.dateOfBirth}`, { key, dateOfBirth: p.dateOfBirth });
    }
  }
  return {
    dates: [...dates],
    families: [...families.values()],
    references: [...linkedReferences(probes, agency)],
    familiesWithoutDob: [...undatedFamilyKeys(probes)],
  };
}

/** The references of `agency`'s records that practitioners linked to or rejected for `probes`. */
function linkedReferences(
  probes: readonly ChildReference[],
  agency: MatchingAgency | null,
): Set<string> {
  const linked = new Set<string>();
  for (const p of probes) {
    for (const d of p.matchLinks ?? []) if (d.agency === agency) linked.add(d.agencyReference);
  }
  return linked;
}

/** Family-name keys (whole and each part) of the probes asked about without a date of birth. */
function undatedFamilyKeys(probes: readonly ChildReference[]): Set<string> {
  const keys = new Set<string>();
  for (const p of probes) {
    if (p.dateOfBirth) continue;
    for (const key of [nameKey(p.familyName), ...nameParts(p.familyName)]) if (key) keys.add(key);
  }
  return keys;
}

/**
 * Whether a record falls in one probe's blocks, taken whole (every date in the family window, and
 * adults too for a child): the batch query reads a subset of these, leaving out only records that
 * cannot change the probe's match (see `blockedCandidatesQuery`).
 */
export function isInBlock<R>(
  probe: ChildReference,
  c: Candidate<R>,
  identifier: string | null,
  agency: MatchingAgency | null,
): boolean {
  if (identifier && c.identifiers.includes(identifier)) return true;
  if ((probe.matchLinks ?? []).some((d) => d.agency === agency && d.agencyReference === c.id)) {
    return true;
  }
  const keys = new Set([nameKey(probe.familyName), ...nameParts(probe.familyName)]);
  // Without a date of birth on either side, the family name is the only block.
  if (!probe.dateOfBirth || !c.dateOfBirth) return keys.has(nameKey(c.familyName));
  if (c.dateOfBirth === probe.dateOfBirth || c.dateOfBirth === swappedDate(probe.dateOfBirth)) {
    return true;
  }
  return (
    keys.has(nameKey(c.familyName)) &&
    daysBetween(probe.dateOfBirth, c.dateOfBirth) <= FAMILY_BLOCK_DAYS
  );
}

/** Where an agency's index lives, for `blockedCandidatesQuery`. */
export interface IndexTable {
  /** The index table; it has id, date_of_birth and family_name_key columns. */
  table: string;
  /** The select list, over alias `p`. */
  select: string;
  /** A query of ids holding any of the identifiers in `$6::text[]`, when the agency has one. */
  idsByIdentifier?: string;
}

/**
 * The family-name block's dates narrowed to those `compareDob` calls close to the date asked
 * about (`blocks.d`): within two days, or one part differing (day or month in the same year, or
 * the year by one). The same and the swapped dates come from the date-of-birth block.
 */
const CLOSE_DATES = `
       AND (p.date_of_birth BETWEEN blocks.d - 2 AND blocks.d + 2
            OR (date_part('year', p.date_of_birth) = date_part('year', blocks.d)
                AND (date_part('month', p.date_of_birth) = date_part('month', blocks.d)
                     OR date_part('day', p.date_of_birth) = date_part('day', blocks.d)))
            OR (date_part('month', p.date_of_birth) = date_part('month', blocks.d)
                AND date_part('day', p.date_of_birth) = date_part('day', blocks.d)
                AND abs(date_part('year', p.date_of_birth) - date_part('year', blocks.d)) = 1))`;

/**
 * Family-name blocks of children asked about without a date of birth: only the records a child may
 * be matched to, those without a date of birth or born after `bornAfter` (the latest date of birth
 * of an adult, `adultsBornOnOrBefore`, on the earliest day any child of the batch is asked about;
 * null when no child is).
 */
export interface ChildOnlyBlocks {
  familiesWithoutDob: string[];
  bornAfter: string | null;
}

/**
 * One statement fetching every record in any block of a batch: same or swapped date of birth, a
 * family-name key with a date of birth within `FAMILY_BLOCK_DAYS` (only the close ones with
 * `closeDatesOnly`; any date, for a person asked about without one, and for a child then no one 18
 * or over: `ChildOnlyBlocks`), a practitioner's decision, or an identifier. Each block is an index lookup
 * returning whole rows, and the union removes duplicates: a plan that stays good as a prepared
 * statement's generic plan (a join of the blocks' ids back to the table would be priced at a few
 * hundred ids and read the whole table by hash join).
 */
export function blockedCandidatesQuery(
  index: IndexTable,
  keys: BlockingKeys,
  identifiers: readonly string[],
  {
    children = { familiesWithoutDob: [], bornAfter: null },
    closeDatesOnly = false,
  }: { children?: ChildOnlyBlocks; closeDatesOnly?: boolean } = {},
): [string, unknown[]] {
  const { table, select } = index;
  const params: unknown[] = [
    keys.dates,
    keys.families.map((f) => f.key),
    keys.families.map((f) => f.dateOfBirth),
    keys.references,
    keys.familiesWithoutDob,
  ];
  if (index.idsByIdentifier) params.push([...identifiers]);
  params.push(children.familiesWithoutDob, children.bornAfter);
  const [childFamilies, bornAfter] = [params.length - 1, params.length];
  const sql = `
    SELECT ${select} FROM ${table} p WHERE p.date_of_birth = ANY($1::date[])
    UNION
    SELECT ${select} FROM ${table} p JOIN unnest($2::text[], $3::date[]) AS blocks(k, d)
        ON p.family_name_key = blocks.k
       AND p.date_of_birth BETWEEN blocks.d - ${FAMILY_BLOCK_DAYS} AND blocks.d + ${FAMILY_BLOCK_DAYS}${closeDatesOnly ? CLOSE_DATES : ''}
    UNION
    SELECT ${select} FROM ${table} p WHERE p.id = ANY($4::text[])
    UNION
    SELECT ${select} FROM ${table} p WHERE p.family_name_key = ANY($5::text[])
    UNION
    SELECT ${select} FROM ${table} p
     WHERE p.family_name_key = ANY($${childFamilies}::text[])
       AND (p.date_of_birth IS NULL OR p.date_of_birth > $${bornAfter}::date)
    UNION
    SELECT ${select} FROM ${table} p
     WHERE p.date_of_birth IS NULL AND p.family_name_key = ANY($2::text[])
    ${index.idsByIdentifier ? `UNION SELECT ${select} FROM ${table} p WHERE p.id IN (${index.idsByIdentifier})` : ''}`;
  return [sql, params];
}

/** What `createCandidateSource` reads from an agency's index. */
export interface CandidateSourceOptions<Row, R> {
  dataSource: DataSource;
  agency: MatchingAgency;
  index: IndexTable;
  /** Names the statement, e.g. `police-candidates`. */
  label: string;
  /** The identifier of a probe the agency matches exactly on (`index.idsByIdentifier`), if any. */
  identifierOf?: (probe: ChildReference) => string | null;
  toCandidate: (row: Row) => Candidate<R>;
  /**
   * The thresholds the agency's matchers grade by (undefined: the defaults), required so that the
   * two cannot differ: under them a record that cannot reach POSSIBLE is not read
   * (`datesDifferingCanMatch`).
   */
  thresholds: MatchThresholds | undefined;
}

/**
 * A record as the matcher sees it: its demographics copied field by field (spreading a row that pg
 * built costs about ten times as much, and a page of children reads thousands of them).
 */
export function candidateOf<R extends Demographics & { id: string }>(
  record: R,
  identifiers: string[] = [],
): Candidate<R> {
  return {
    id: record.id,
    givenName: record.givenName,
    familyName: record.familyName,
    dateOfBirth: record.dateOfBirth,
    sex: record.sex,
    postcode: record.postcode,
    identifiers,
    record,
  };
}

/** Fetches the candidates for a batch of probes; `childrenOn` leaves out adults' records. */
export type CandidateSource<R> = (
  probes: readonly ChildReference[],
  childrenOn: string | null,
) => Promise<Candidate<R>[]>;

/**
 * One request's candidate fetches from one index, made one prepared statement: the batches of
 * every match loader sharing it (a view's child and its household adults) that are asked in the
 * same turn of the event loop are fetched together, and each gets the candidates it would have
 * got alone, a child's batch without the records of anyone 18 or over on `childrenOn`
 * (`withoutAdults`). Such records are not even read for a child's family-name-only block
 * (`ChildOnlyBlocks`), the largest block there is.
 */
export function createCandidateSource<Row, R>(
  options: CandidateSourceOptions<Row, R>,
): CandidateSource<R> {
  type Ask = { probes: readonly ChildReference[]; childrenOn: string | null };
  const closeDatesOnly = !datesDifferingCanMatch(options.thresholds ?? DEFAULT_MATCH_THRESHOLDS);
  const fetchAll = async (asks: readonly Ask[]) => {
    const probes = asks.flatMap((ask) => ask.probes);
    const identifiers = options.identifierOf
      ? [...new Set(probes.map(options.identifierOf).filter((i): i is string => i !== null))]
      : [];
    // A child asked about without a date of birth blocks on the family name alone: of those
    // records, only the ones a child may be matched to are fetched (`withoutAdults` would drop the
    // rest), unless an adult of the batch, asked about without a date too, needs the same name.
    const all = blockingKeys(probes, options.agency);
    const childAsks = asks.filter((ask) => ask.childrenOn !== null);
    const adults = asks.filter((ask) => ask.childrenOn === null).flatMap((ask) => ask.probes);
    const adultNames = undatedFamilyKeys(adults);
    const [text, values] = blockedCandidatesQuery(
      options.index,
      { ...all, familiesWithoutDob: [...adultNames] },
      identifiers,
      {
        children: {
          familiesWithoutDob: all.familiesWithoutDob.filter((key) => !adultNames.has(key)),
          bornAfter: childAsks
            .map((ask) => adultsBornOnOrBefore(ask.childrenOn!))
            .reduce<string | null>((first, d) => (first === null || d < first ? d : first), null),
        },
        closeDatesOnly,
      },
    );
    const rows = await runPrepared<Row>(
      options.dataSource,
      preparedOnce(options.label, text),
      values,
    );
    return rows.map(options.toCandidate);
  };
  const batches = new TurnBatcher<object, Ask, Candidate<R>[]>(async (asks) => {
    const candidates = await fetchAll(asks);
    return asks.map(({ probes, childrenOn }) =>
      childrenOn !== null
        ? withoutAdults(candidates, childrenOn, linkedReferences(probes, options.agency))
        : candidates,
    );
  });
  const request = {};
  return (probes, childrenOn) => batches.add(request, { probes, childrenOn });
}

/**
 * The candidates a child may be matched to on `childrenOn`: none the agency holds as 18 or over
 * by its own date of birth (born on or before that date 18 years ago); any without a date. A
 * record in `linked` (a practitioner's link or rejection) is kept whatever its date, for
 * `matchPerson` to say why an adult's record it was linked to discloses nothing.
 */
export function withoutAdults<R>(
  candidates: Candidate<R>[],
  childrenOn: string,
  linked: ReadonlySet<string> = new Set(),
): Candidate<R>[] {
  const bornBy = adultsBornOnOrBefore(childrenOn);
  return candidates.filter((c) => !c.dateOfBirth || c.dateOfBirth > bornBy || linked.has(c.id));
}

const statements = new Map<string, PreparedStatement>();
/** The prepared statement of a text built at run time, declared once. */
function preparedOnce(label: string, text: string): PreparedStatement {
  const key = `${label}\u0000${text}`;
  let statement = statements.get(key);
  if (!statement) {
    statement = prepared(label, text);
    statements.set(key, statement);
  }
  return statement;
}

/**
 * A batch's candidates indexed by date of birth, family-name key, reference and identifier, so
 * each probe's block (exactly `isInBlock`) is found by look-ups rather than a scan of the batch.
 * The partner contract suite indexes a whole agency's records this way to know, from the rules,
 * what level each of its fixture people must get.
 */
export function indexCandidates<R>(candidates: Candidate<R>[]) {
  const byDate = new Map<string, Candidate<R>[]>();
  const byFamily = new Map<string, Candidate<R>[]>();
  const byId = new Map<string, Candidate<R>[]>();
  const byIdentifier = new Map<string, Candidate<R>[]>();
  const put = (map: Map<string, Candidate<R>[]>, key: string | null, c: Candidate<R>) => {
    if (key === null) return;
    const list = map.get(key);
    if (list) list.push(c);
    else map.set(key, [c]);
  };
  const position = new Map<Candidate<R>, number>();
  candidates.forEach((c, i) => {
    put(byDate, c.dateOfBirth, c);
    put(byFamily, nameKey(c.familyName), c);
    put(byId, c.id, c);
    for (const identifier of c.identifiers) put(byIdentifier, identifier, c);
    position.set(c, i);
  });
  return {
    blockFor(
      probe: ChildReference,
      identifier: string | null,
      agency: MatchingAgency | null,
    ): Candidate<R>[] {
      const found = new Set<Candidate<R>>();
      const add = (
        list: Candidate<R>[] | undefined,
        keep: (c: Candidate<R>) => boolean = () => true,
      ) => list?.forEach((c) => keep(c) && found.add(c));
      if (identifier) add(byIdentifier.get(identifier));
      for (const d of probe.matchLinks ?? []) {
        if (d.agency === agency) add(byId.get(d.agencyReference));
      }
      const dob = probe.dateOfBirth;
      const keys = new Set([nameKey(probe.familyName), ...nameParts(probe.familyName)]);
      for (const key of keys) {
        add(
          byFamily.get(key),
          (c) => !dob || !c.dateOfBirth || daysBetween(dob, c.dateOfBirth) <= FAMILY_BLOCK_DAYS,
        );
      }
      if (dob) {
        add(byDate.get(dob));
        const swapped = swappedDate(dob);
        if (swapped) add(byDate.get(swapped));
      }
      // In the order the agency returned them, as a scan would give (sorting the block, not
      // scanning every candidate, so a whole index can be asked of too).
      return [...found].sort((a, b) => position.get(a)! - position.get(b)!);
    },
  };
}

export interface MatchLoaderOptions<R> {
  /** The agency matching, to pick its own decisions out of socialcare's. */
  agency?: MatchingAgency;
  /** One query for the whole batch: every candidate worth grading for any of the probes. */
  fetchCandidates: (probes: readonly ChildReference[]) => Promise<Candidate<R>[]>;
  /** The identifier this agency matches exactly on, normalised, with its label for reasons. */
  identifier: (probe: ChildReference) => { label: string; value: string | null };
  thresholds?: MatchThresholds;
  /**
   * For a loader of children: today's local date, on which a record 18 or over by the agency's
   * own date of birth is an adult's and never matched (`MatchContext.childOn`). The agency's
   * `fetchCandidates` leaves those out too (`withoutAdults`).
   */
  childrenOn?: string | null;
}

/** The person asked about with their names as they are compared (shared/names.ts `cleanName`). */
function cleanProbe(probe: ChildReference): ChildReference {
  return {
    ...probe,
    givenName: cleanName(probe.givenName ?? ''),
    familyName: cleanName(probe.familyName ?? ''),
  };
}

/**
 * A per-request loader answering "which of our records is this person?" for a batch in one
 * candidate query, so a page of 50 children costs the same statements as one.
 */
export function createMatchLoader<R>(
  options: MatchLoaderOptions<R>,
): DataLoader<ChildReference, MatchResult<R>, string> {
  const agency = options.agency ?? null;
  return new DataLoader<ChildReference, MatchResult<R>, string>(
    async (asked) => {
      const probes = asked.map(cleanProbe);
      const index = indexCandidates(await options.fetchCandidates(probes));
      return probes.map((probe) => {
        const identifier = options.identifier(probe);
        return matchPerson(
          probe,
          {
            identifier,
            decisions: (probe.matchLinks ?? []).filter((d) => d.agency === agency),
            thresholds: options.thresholds,
            childOn: options.childrenOn ?? null,
          },
          index.blockFor(probe, identifier.value, agency),
        );
      });
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
          p.matchLinks ?? null,
        ]),
    },
  );
}

/**
 * A child as the gateway hands it to a partner: the demographics and identifiers the partner
 * matches on, and the local authority's relationship grant its disclosure rule verifies (all
 * `@requires` fields of the partner's section).
 */
export interface ChildWithRelationship extends ChildReference {
  relationshipGrant?: string | null;
}

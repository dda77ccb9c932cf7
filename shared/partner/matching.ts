import DataLoader from 'dataloader';
import { distance } from 'fastest-levenshtein';
import { SHORT_FORMS } from './short-names';
import { adultsBornOnOrBefore, isAdultOn } from '../age';
import { cleanName } from '../names';

/**
 * How a partner agency decides which of its own records, if any, is the person it is asked about.
 * Generic over the agency's record type: the agency fetches candidates from its own index in one
 * query per batch (blocked by identifier, date of birth, swapped date of birth, family name and
 * birth year, and confirmed links) and this module grades them:
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

/** The demographics a partner receives about a person (via `@requires`) and holds on its own. */
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

/**
 * Weights of each comparison. Agreement on rare, stable facts earns most; a date of birth or given
 * name that disagrees outright costs more than everything else can earn back.
 */
export const MATCH_WEIGHTS = {
  familyExact: 5,
  familyPart: 4,
  familyClose: 2,
  familyDiffers: -5,
  givenExact: 5,
  givenShortForm: 4,
  givenClose: 2,
  givenDiffers: -6,
  dobExact: 6,
  dobSwapped: 4,
  dobClose: 2,
  dobDiffers: -6,
  sexAgrees: 1,
  sexDiffers: -6,
  postcodeExact: 3,
  postcodeDistrict: 1,
} as const;

/** Letters that carry no separable accent, spelled as people without them type them. */
const LETTERS_WITHOUT_DECOMPOSITION: Record<string, string> = {
  ı: 'i',
  ł: 'l',
  Ł: 'l',
  ø: 'o',
  Ø: 'o',
  đ: 'd',
  Đ: 'd',
  ß: 'ss',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
};

/**
 * A comparable form of a name: accents removed, lower case, letters only, so that "Zoë O'Brien-Smith"
 * and "zoe obriensmith" compare equal.
 */
export function nameKey(name: string | null | undefined): string {
  return (name ?? '')
    .normalize('NFKC')
    .replace(/[^\p{ASCII}]/gu, (c) => LETTERS_WITHOUT_DECOMPOSITION[c] ?? c)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/** Accented Latin letters that decompose to a base letter, and those base letters (lower case). */
const ACCENTED =
  'ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶḷḸḹḺḻḼḽḾḿṀṁṂṃṄṅṆṇṈṉṊṋṌṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱṲṳṴṵṶṷṸṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋẌẍẎẏẐẑẒẓẔẕẖẗẘẙẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ';
const UNACCENTED =
  'aaaaaaceeeeiiiinooooouuuuyaaaaaaceeeeiiiinooooouuuuyyaaaaaaccccccccddeeeeeeeeeegggggggghhiiiiiiiiijjkkllllllnnnnnnoooooorrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzzoouuaaiioouuuuuuuuuuaaaaggkkoooojggnnaaaaaaeeeeiiiioooorrrruuuusstthhaaeeooooooooyyaabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwyaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy';

/**
 * SQL for `nameKey` of a column, for a generated column that family-name blocking can index: the
 * same letters as `nameKey` for every Latin letter with diacritics (others are dropped by both).
 * Immutable, so usable in a STORED generated column; a change needs a new migration.
 */
export function nameKeySql(column: string): string {
  const pairs = Object.entries(LETTERS_WITHOUT_DECOMPOSITION).filter(([, to]) => to.length === 2);
  const spelled = pairs.reduce((sql, [from, to]) => `replace(${sql}, '${from}', '${to}')`, column);
  const single = Object.entries(LETTERS_WITHOUT_DECOMPOSITION).filter(([, to]) => to.length === 1);
  const from = ACCENTED + single.map(([c]) => c).join('');
  const to = UNACCENTED + single.map(([, c]) => c).join('');
  return `regexp_replace(lower(translate(${spelled}, '${from}', '${to}')), '[^a-z]', '', 'g')`;
}

/**
 * The comparable parts of a double-barrelled or multi-word name: "Smith-Jones" -> smith, jones.
 * Parts under three letters ("al", "de", "o") and common particles are left out.
 */
export function nameParts(name: string | null | undefined): string[] {
  return (name ?? '')
    .split(/[\s-]+/)
    .map(nameKey)
    .filter((p) => p.length >= 3 && !NAME_PARTICLES.has(p));
}

/**
 * Words that begin many family names ("Al-Hassan", "van der Berg", "Mac Giolla"): two names sharing
 * only one of these share nothing.
 */
const NAME_PARTICLES = new Set([
  'abu',
  'ait',
  'bin',
  'bint',
  'ben',
  'del',
  'della',
  'der',
  'des',
  'den',
  'dos',
  'das',
  'ibn',
  'mac',
  'mic',
  'nic',
  'ter',
  'van',
  'von',
  'zu',
]);

/** Postcode without spaces, upper case. */
export function postcodeKey(postcode: string | null): string | null {
  return postcode ? postcode.replace(/\s/g, '').toUpperCase() : null;
}

/** The outward code (district) of a postcode: "N15 4AB" -> "N15". */
function postcodeDistrict(postcode: string | null): string | null {
  const key = postcodeKey(postcode);
  return key && key.length > 3 ? key.slice(0, -3) : null;
}

const SHORT_FORM_INDEX: Map<string, Set<string>> = (() => {
  const index = new Map<string, Set<string>>();
  const add = (a: string, b: string) => {
    const set = index.get(a) ?? new Set<string>();
    set.add(b);
    index.set(a, set);
  };
  for (const [full, forms] of Object.entries(SHORT_FORMS)) {
    const f = nameKey(full);
    for (const form of forms) {
      add(f, nameKey(form));
      add(nameKey(form), f);
      // Two forms of one name are forms of each other (Bill, Will).
      for (const other of forms) if (other !== form) add(nameKey(form), nameKey(other));
    }
  }
  return index;
})();

/** True when one given name is a usual short form of the other (table, or a short prefix). */
export function isShortForm(a: string, b: string): boolean {
  const x = nameKey(a);
  const y = nameKey(b);
  if (!x || !y || x === y) return false;
  if (SHORT_FORM_INDEX.get(x)?.has(y)) return true;
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  if (short.length < 3 || short.length > 5) return false;
  // "Alex" for "Alexander", "Sam" for "Samuel"; but not "Louis" for "Louise" or "Daniel" for
  // "Daniela", which are names of their own.
  if (long.length - short.length >= 2 && long.startsWith(short)) return true;
  // A first syllable made familiar: "Gabi" for "Gabriela", "Danny" for "Daniel", "Toby" for
  // "Tobias".
  const stem = short.replace(/(ie|[iyo])$/, '').replace(/(.)\1$/, '$1');
  if (stem !== short && stem.length >= 3 && long.length > short.length && long.startsWith(stem)) {
    return true;
  }
  // The end of a long name, as with many West African names: "Emeka" for "Chukwuemeka", "Bayo"
  // for "Adebayo".
  return short.length >= 4 && long.length - short.length >= 3 && long.endsWith(short);
}

/** True when two name keys differ by one keying slip (a letter replaced, dropped or added). */
function isOneSlip(a: string, b: string): boolean {
  return Math.min(a.length, b.length) >= 4 && distance(a, b) === 1;
}

type Comparison = { weight: number; reason: string };

function compareFamily(probe: string, held: string): Comparison {
  const p = nameKey(probe);
  const h = nameKey(held);
  if (p && p === h) return { weight: MATCH_WEIGHTS.familyExact, reason: 'family name matches' };
  const pParts = nameParts(probe);
  const hParts = nameParts(held);
  if ((pParts.length > 1 || hParts.length > 1) && pParts.some((x) => hParts.includes(x))) {
    return {
      weight: MATCH_WEIGHTS.familyPart,
      reason: 'family name matches one part of a double-barrelled name',
    };
  }
  if (isOneSlip(p, h)) {
    return { weight: MATCH_WEIGHTS.familyClose, reason: 'family name differs by one letter' };
  }
  return { weight: MATCH_WEIGHTS.familyDiffers, reason: 'family name differs' };
}

/** The given-name comparison, and whether it is strong enough for PROBABLE. */
function compareGiven(probe: string, held: string): Comparison & { strong: boolean } {
  const p = nameKey(probe);
  const h = nameKey(held);
  if (p && p === h) {
    return { weight: MATCH_WEIGHTS.givenExact, reason: 'given name matches', strong: true };
  }
  if (isShortForm(probe, held)) {
    return {
      weight: MATCH_WEIGHTS.givenShortForm,
      reason: 'given name is a short form of the other',
      strong: true,
    };
  }
  const pParts = nameParts(probe);
  const hParts = nameParts(held);
  // "Mary" for "Mary-Jane"; but "Mary-Jane" and "Mary-Anne" are two names (often twins').
  if ((pParts.length === 1) !== (hParts.length === 1) && pParts[0] === hParts[0]) {
    return {
      weight: MATCH_WEIGHTS.givenShortForm,
      reason: 'given name matches the first part of a double name',
      strong: true,
    };
  }
  if (isOneSlip(p, h)) {
    return {
      weight: MATCH_WEIGHTS.givenClose,
      reason: 'given name differs by one letter',
      strong: false,
    };
  }
  return { weight: MATCH_WEIGHTS.givenDiffers, reason: 'given name differs', strong: false };
}

/** 'YYYY-MM-DD' with day and month exchanged, or null when that is no date or the same date. */
export function swappedDate(date: string): string | null {
  const [y, m, d] = date.split('-').map(Number);
  if (d > 12 || d === m) return null;
  return `${String(y).padStart(4, '0')}-${String(d).padStart(2, '0')}-${String(m).padStart(2, '0')}`;
}

function daysBetween(a: string, b: string): number {
  return Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;
}

function compareDob(probe: string | null, held: string | null): Comparison | null {
  if (!probe || !held) return null;
  if (probe === held) return { weight: MATCH_WEIGHTS.dobExact, reason: 'date of birth matches' };
  if (swappedDate(probe) === held) {
    return {
      weight: MATCH_WEIGHTS.dobSwapped,
      reason: 'date of birth matches with day and month swapped',
    };
  }
  const [py, pm, pd] = probe.split('-');
  const [hy, hm, hd] = held.split('-');
  const partsDiffering = [py !== hy, pm !== hm, pd !== hd].filter(Boolean).length;
  const yearsApart = Math.abs(Number(py) - Number(hy));
  if ((partsDiffering === 1 && yearsApart <= 1) || daysBetween(probe, held) <= 2) {
    return { weight: MATCH_WEIGHTS.dobClose, reason: 'date of birth differs in one part' };
  }
  return { weight: MATCH_WEIGHTS.dobDiffers, reason: 'date of birth differs' };
}

function compareSex(probe: string | null, held: string | null): Comparison | null {
  if (!probe || !held || probe === 'UNKNOWN' || held === 'UNKNOWN') return null;
  return probe === held
    ? { weight: MATCH_WEIGHTS.sexAgrees, reason: 'sex matches' }
    : { weight: MATCH_WEIGHTS.sexDiffers, reason: 'sex differs' };
}

function comparePostcode(probe: string | null, held: string | null): Comparison | null {
  const p = postcodeKey(probe);
  const h = postcodeKey(held);
  if (!p || !h) return null;
  if (p === h) return { weight: MATCH_WEIGHTS.postcodeExact, reason: 'postcode matches' };
  if (postcodeDistrict(p) === postcodeDistrict(h)) {
    return { weight: MATCH_WEIGHTS.postcodeDistrict, reason: 'postcode district matches' };
  }
  // People move: a different postcode is no evidence against a match.
  return null;
}

/** A candidate's demographic score against the person asked about, with each reason. */
export interface Score {
  score: number;
  reasons: string[];
  /** The given name agrees exactly or as a short form: required for PROBABLE. */
  givenNameStrong: boolean;
}

/** Scores one candidate on names, date of birth, sex and postcode (weights: `MATCH_WEIGHTS`). */
export function scoreCandidate(probe: Demographics, c: Demographics): Score {
  const given = compareGiven(probe.givenName, c.givenName);
  const parts = [
    compareFamily(probe.familyName, c.familyName),
    given,
    compareDob(probe.dateOfBirth, c.dateOfBirth),
    compareSex(probe.sex, c.sex),
    comparePostcode(probe.postcode, c.postcode),
  ].filter((x): x is Comparison => x !== null);
  return {
    score: parts.reduce((sum, p) => sum + p.weight, 0),
    reasons: parts.map((p) => p.reason),
    givenNameStrong: given.strong,
  };
}

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
  const scored = open
    .map((c) => ({ c, s: scoreCandidate(probe, c) }))
    .map(({ c, s }) =>
      contradicts(c)
        ? { c, s: { ...s, reasons: [...s.reasons, `${label} differs`], givenNameStrong: false } }
        : { c, s },
    )
    .filter((x) => x.s.score >= thresholds.possible)
    .sort((a, b) => b.s.score - a.s.score || a.c.id.localeCompare(b.c.id));
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
  /** Family-name keys (whole and each part) with a date of birth: candidates born within a year. */
  families: { key: string; dateOfBirth: string }[];
  /** References of records a practitioner linked or rejected. */
  references: string[];
  /** Family-name keys of probes with no date of birth (adults socialcare knows little about). */
  familiesWithoutDob: string[];
}

/** Half-width of the birth-date window around a probe's date for family-name blocking, in days. */
export const FAMILY_BLOCK_DAYS = 400;

/** The blocking keys of a batch (see `BlockingKeys`), for the agency given. */
export function blockingKeys(
  probes: readonly ChildReference[],
  agency: MatchingAgency | null,
): BlockingKeys {
  const dates = new Set<string>();
  const families = new Map<string, { key: string; dateOfBirth: string }>();
  const references = new Set<string>();
  const withoutDob = new Set<string>();
  for (const p of probes) {
    for (const d of p.matchLinks ?? []) {
      if (d.agency === agency) references.add(d.agencyReference);
    }
    if (!p.dateOfBirth) {
      for (const key of [nameKey(p.familyName), ...nameParts(p.familyName)]) {
        if (key) withoutDob.add(key);
      }
      continue;
    }
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
    references: [...references],
    familiesWithoutDob: [...withoutDob],
  };
}

/** Whether a fetched candidate falls in one probe's blocks (the batch query covers all probes). */
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
 * One statement fetching every record in any block of a batch: same or swapped date of birth, a
 * family-name key with a date of birth within `FAMILY_BLOCK_DAYS` (any date, for a person asked
 * about without one), a practitioner's decision, or an identifier. Each block is an index lookup; the union removes duplicates.
 */
export function blockedCandidatesQuery(
  index: IndexTable,
  keys: BlockingKeys,
  identifiers: readonly string[],
  childOn: string | null = null,
): [string, unknown[]] {
  const { table } = index;
  // For a child, no record the agency holds as an adult's (born 18 years ago today or earlier).
  const childrenOnly = childOn
    ? `AND (p.date_of_birth IS NULL OR p.date_of_birth > $${index.idsByIdentifier ? 7 : 6}::date)`
    : '';
  const sql = `
    SELECT ${index.select} FROM ${table} p
     WHERE p.id IN (
       SELECT id FROM ${table} WHERE date_of_birth = ANY($1::date[])
       UNION
       SELECT t.id FROM ${table} t JOIN unnest($2::text[], $3::date[]) AS f(k, d)
           ON t.family_name_key = f.k
          AND t.date_of_birth BETWEEN f.d - ${FAMILY_BLOCK_DAYS} AND f.d + ${FAMILY_BLOCK_DAYS}
       UNION
       SELECT id FROM ${table} WHERE id = ANY($4::text[])
       UNION
       SELECT id FROM ${table} WHERE family_name_key = ANY($5::text[])
       UNION
       SELECT id FROM ${table} WHERE date_of_birth IS NULL AND family_name_key = ANY($2::text[])
       ${index.idsByIdentifier ? `UNION ${index.idsByIdentifier}` : ''})
       ${childrenOnly}`;
  const params: unknown[] = [
    keys.dates,
    keys.families.map((f) => f.key),
    keys.families.map((f) => f.dateOfBirth),
    keys.references,
    keys.familiesWithoutDob,
  ];
  if (index.idsByIdentifier) params.push([...identifiers]);
  if (childOn) params.push(adultsBornOnOrBefore(childOn));
  return [sql, params];
}

/**
 * A batch's candidates indexed by date of birth, family-name key, reference and identifier, so
 * each probe's block (exactly `isInBlock`) is found by look-ups rather than a scan of the batch.
 * The partner contract suite indexes a whole agency's records this way to know, from the rules,
 * what level each of its fixture people must get.
 */
export function indexCandidates<R>(candidates: Candidate<R>[]) {
  const group = (key: (c: Candidate<R>) => (string | null)[]) => {
    const map = new Map<string, Candidate<R>[]>();
    for (const c of candidates) {
      for (const k of key(c)) {
        if (k === null) continue;
        const list = map.get(k);
        if (list) list.push(c);
        else map.set(k, [c]);
      }
    }
    return map;
  };
  const byDate = group((c) => [c.dateOfBirth]);
  const byFamily = group((c) => [nameKey(c.familyName)]);
  const byId = group((c) => [c.id]);
  const byIdentifier = group((c) => c.identifiers);
  const position = new Map(candidates.map((c, i) => [c, i]));
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
   * `fetchCandidates` leaves those out too (`blockedCandidatesQuery`'s `childOn`).
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

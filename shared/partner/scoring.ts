import { distance } from 'fastest-levenshtein';
import { SHORT_FORMS } from './short-names';

/**
 * How alike two people's demographics are: the name, postcode and date keys a partner compares on
 * (also as SQL, for its candidate queries) and each candidate's weighted score with its reasons.
 * The grading of scores into match levels is ./matching.ts.
 */

/** The demographics a partner receives about a person (via `@requires`) and holds on its own. */
export interface Demographics {
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  sex: string | null;
  postcode: string | null;
}

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

const PLAIN_ASCII = /^\p{ASCII}*$/u;

/**
 * A function of one string remembered for the strings it was last asked about: matching a page
 * of children keys the same few hundred names and dates thousands of times. Forgets everything
 * once it holds `size`.
 */
function remembered<T>(compute: (s: string) => T, size = 20_000): (s: string) => T {
  const known = new Map<string, T>();
  return (s) => {
    let value = known.get(s);
    if (value === undefined) {
      value = compute(s);
      if (known.size >= size) known.clear();
      known.set(s, value);
    }
    return value;
  };
}

const nameKeyOf = remembered(keyOfName);

/**
 * A comparable form of a name: accents removed, lower case, letters only, so that "Zoë O'Brien-Smith"
 * and "zoe obriensmith" compare equal.
 */
export function nameKey(name: string | null | undefined): string {
  return name ? nameKeyOf(name) : '';
}

function keyOfName(name: string): string {
  // Plain ASCII (most names) is unchanged by NFKC and NFD and has no marks: only case and
  // non-letters to drop.
  if (PLAIN_ASCII.test(name)) return name.toLowerCase().replace(/[^a-z]/g, '');
  return name
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
export function nameParts(name: string | null | undefined): readonly string[] {
  return name ? namePartsOf(name) : [];
}

const namePartsOf = remembered((name: string): readonly string[] =>
  Object.freeze(
    name
      .split(/[\s-]+/)
      .map(nameKey)
      .filter((p) => p.length >= 3 && !NAME_PARTICLES.has(p)),
  ),
);

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

// Each comparison's outcomes, made once: a page of children scores thousands of candidates.
const outcome = (weight: number, reason: string): Comparison => Object.freeze({ weight, reason });
const givenOutcome = (weight: number, reason: string, strong: boolean) =>
  Object.freeze({ weight, reason, strong });
const FAMILY_EXACT = outcome(MATCH_WEIGHTS.familyExact, 'family name matches');
const FAMILY_PART = outcome(
  MATCH_WEIGHTS.familyPart,
  'family name matches one part of a double-barrelled name',
);
const FAMILY_CLOSE = outcome(MATCH_WEIGHTS.familyClose, 'family name differs by one letter');
const FAMILY_DIFFERS = outcome(MATCH_WEIGHTS.familyDiffers, 'family name differs');
const GIVEN_EXACT = givenOutcome(MATCH_WEIGHTS.givenExact, 'given name matches', true);
const GIVEN_SHORT_FORM = givenOutcome(
  MATCH_WEIGHTS.givenShortForm,
  'given name is a short form of the other',
  true,
);
const GIVEN_FIRST_PART = givenOutcome(
  MATCH_WEIGHTS.givenShortForm,
  'given name matches the first part of a double name',
  true,
);
const GIVEN_CLOSE = givenOutcome(
  MATCH_WEIGHTS.givenClose,
  'given name differs by one letter',
  false,
);
const GIVEN_DIFFERS = givenOutcome(MATCH_WEIGHTS.givenDiffers, 'given name differs', false);
const DOB_EXACT = outcome(MATCH_WEIGHTS.dobExact, 'date of birth matches');
const DOB_SWAPPED = outcome(
  MATCH_WEIGHTS.dobSwapped,
  'date of birth matches with day and month swapped',
);
const DOB_CLOSE = outcome(MATCH_WEIGHTS.dobClose, 'date of birth differs in one part');
const DOB_DIFFERS = outcome(MATCH_WEIGHTS.dobDiffers, 'date of birth differs');
const SEX_AGREES = outcome(MATCH_WEIGHTS.sexAgrees, 'sex matches');
const SEX_DIFFERS = outcome(MATCH_WEIGHTS.sexDiffers, 'sex differs');
const POSTCODE_EXACT = outcome(MATCH_WEIGHTS.postcodeExact, 'postcode matches');
const POSTCODE_DISTRICT = outcome(MATCH_WEIGHTS.postcodeDistrict, 'postcode district matches');

function compareFamily(probe: string, held: string): Comparison {
  const p = nameKey(probe);
  const h = nameKey(held);
  if (p && p === h) return FAMILY_EXACT;
  const pParts = nameParts(probe);
  const hParts = nameParts(held);
  if ((pParts.length > 1 || hParts.length > 1) && pParts.some((x) => hParts.includes(x))) {
    return FAMILY_PART;
  }
  if (isOneSlip(p, h)) {
    return FAMILY_CLOSE;
  }
  return FAMILY_DIFFERS;
}

/** The given-name comparison, and whether it is strong enough for PROBABLE. */
function compareGiven(probe: string, held: string): Comparison & { strong: boolean } {
  const p = nameKey(probe);
  const h = nameKey(held);
  if (p && p === h) {
    return GIVEN_EXACT;
  }
  if (isShortForm(probe, held)) {
    return GIVEN_SHORT_FORM;
  }
  const pParts = nameParts(probe);
  const hParts = nameParts(held);
  // "Mary" for "Mary-Jane"; but "Mary-Jane" and "Mary-Anne" are two names (often twins').
  if ((pParts.length === 1) !== (hParts.length === 1) && pParts[0] === hParts[0]) {
    return GIVEN_FIRST_PART;
  }
  if (isOneSlip(p, h)) {
    return GIVEN_CLOSE;
  }
  return GIVEN_DIFFERS;
}

/** 'YYYY-MM-DD' with day and month exchanged, or null when that is no date or the same date. */
export function swappedDate(date: string): string | null {
  return swappedDateOf(date);
}

const swappedDateOf = remembered((date: string): string | null => {
  const [y, m, d] = date.split('-').map(Number);
  if (d > 12 || d === m) return null;
  return `${String(y).padStart(4, '0')}-${String(d).padStart(2, '0')}-${String(m).padStart(2, '0')}`;
});

const dayNumber = remembered((date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000);

/** Whole days between two `YYYY-MM-DD` dates, in either order. */
export function daysBetween(a: string, b: string): number {
  return Math.abs(dayNumber(a) - dayNumber(b));
}

function compareDob(probe: string | null, held: string | null): Comparison | null {
  if (!probe || !held) return null;
  if (probe === held) return DOB_EXACT;
  if (swappedDate(probe) === held) {
    return DOB_SWAPPED;
  }
  const [py, pm, pd] = probe.split('-');
  const [hy, hm, hd] = held.split('-');
  const partsDiffering = [py !== hy, pm !== hm, pd !== hd].filter(Boolean).length;
  const yearsApart = Math.abs(Number(py) - Number(hy));
  if ((partsDiffering === 1 && yearsApart <= 1) || daysBetween(probe, held) <= 2) {
    return DOB_CLOSE;
  }
  return DOB_DIFFERS;
}

function compareSex(probe: string | null, held: string | null): Comparison | null {
  if (!probe || !held || probe === 'UNKNOWN' || held === 'UNKNOWN') return null;
  return probe === held ? SEX_AGREES : SEX_DIFFERS;
}

function comparePostcode(probe: string | null, held: string | null): Comparison | null {
  const p = postcodeKey(probe);
  const h = postcodeKey(held);
  if (!p || !h) return null;
  if (p === h) return POSTCODE_EXACT;
  if (postcodeDistrict(p) === postcodeDistrict(h)) {
    return POSTCODE_DISTRICT;
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
  let score = 0;
  const reasons: string[] = [];
  for (const part of [
    compareFamily(probe.familyName, c.familyName),
    given,
    compareDob(probe.dateOfBirth, c.dateOfBirth),
    compareSex(probe.sex, c.sex),
    comparePostcode(probe.postcode, c.postcode),
  ]) {
    if (part === null) continue;
    score += part.weight;
    reasons.push(part.reason);
  }
  return { score, reasons, givenNameStrong: given.strong };
}

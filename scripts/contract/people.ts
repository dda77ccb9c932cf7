import type { ScChild, TruthPerson, World } from '../../seed/world';
import {
  viewWorld,
  type Asked,
  type Fixture,
  type Fixtures,
  type Partner,
  type PartnerView,
} from './fixtures';
import type { FieldTree } from './sdl';

/**
 * Picks the fixture people of one partner from a world (the first children, in socialcare id
 * order, that fit each slot), so the same world always gives the same set:
 *
 * - CONFIRMED: a child the agency holds, with no discrepancy anywhere, whose identifier matches
 *   (health's NHS number, education's UPN), or, for an agency matching on demographics alone
 *   (police), sent with a practitioner's confirmed link to its record;
 * - PROBABLE: a child the agency holds whom the rules place at PROBABLE on demographics (socialcare
 *   has no identifier for it; failing any, one sent without its identifier);
 * - POSSIBLE: two children the agency holds whom the rules place only at POSSIBLE, their record
 *   among the candidates (failing enough, clean children sent with the date of birth a day out);
 * - NONE: two children the agency does not hold, with no record near enough to offer;
 * - twins: both twins of one pair the agency holds (the rules never give one twin the other's
 *   record, and a twin is CONFIRMED only by its own identifier or link);
 * - the page: 50 of the first 400 children the agency holds that the rules match, the one whose
 *   record reaches the most of the agency's tables first.
 */
export function pickFixtures(world: World, partner: Partner, requires: FieldTree): Fixtures {
  const view = viewWorld(world, partner, requires);
  const all = world.socialcare.children
    .filter((c) => c.dateOfBirth !== null)
    .sort((a, b) => a.id.localeCompare(b.id));
  const people: Fixture[] = [];
  const unfilled: string[] = [];
  // One fixture per child: each slot looks only at children no earlier slot took.
  const children = () => all.filter((c) => !people.some((f) => f.childId === c.id));
  const slot = (label: string, found: Fixture[], wanted = 1) => {
    people.push(...found.slice(0, wanted));
    if (found.length < wanted) unfilled.push(`${label} (${found.length} of ${wanted})`);
  };
  const confirmedOne = firstFitting(children(), 1, (c) => confirmed(view, c, requires));
  slot('CONFIRMED', confirmedOne);
  slot('PROBABLE', probable(view, children()));
  slot('POSSIBLE', possibles(view, children()), 2);
  const notHeld = firstFitting(children(), 2, (c) => none(view, c));
  slot('NONE', notHeld, 2);
  slot('twins', twins(world, view), 2);
  return { people, unfilled, page: page(world, partner, view, all) };
}

/** The first `wanted` children for which `fit` gives a fixture. */
function firstFitting(
  children: ScChild[],
  wanted: number,
  fit: (c: ScChild) => Fixture | null,
): Fixture[] {
  const found: Fixture[] = [];
  for (const c of children) {
    if (found.length >= wanted) break;
    const f = fit(c);
    if (f) found.push(f);
  }
  return found;
}

const isClean = (p: TruthPerson) =>
  Object.values(p.discrepancies).every((d) => !d || d.length === 0);

function fixture(
  label: string,
  child: ScChild,
  asked: Asked,
  heldAs: string | null,
  twinOf: string | null = null,
): Fixture {
  return {
    label,
    childId: child.id,
    representation: asked.representation,
    expected: asked.result.level,
    heldAs,
    twinOf,
  };
}

/** Held, clean and no twin: a child every rule should find. */
function plainlyHeld(view: PartnerView, c: ScChild): string | null {
  const p = view.truthOf(c.id);
  return p && !p.twinGroup && isClean(p) ? view.heldAs(p) : null;
}

function confirmed(view: PartnerView, c: ScChild, requires: FieldTree): Fixture | null {
  const held = plainlyHeld(view, c);
  if (!held) return null;
  const asked = view.ask(c);
  if (asked.result.level === 'CONFIRMED' && asked.result.agencyReference === held) {
    return fixture('CONFIRMED by identifier', c, asked, held);
  }
  if (!requires.has('matchLinks')) return null;
  const links = [
    { agency: view.index.agency, agencyReference: held, decision: 'CONFIRMED' as const },
  ];
  const linked = view.ask(c, { links });
  return linked.result.level === 'CONFIRMED' && linked.result.agencyReference === held
    ? fixture("CONFIRMED by a practitioner's link", c, linked, held)
    : null;
}

function probable(view: PartnerView, children: ScChild[]): Fixture[] {
  const fits = (c: ScChild, asked: Asked, label: string) => {
    const p = view.truthOf(c.id);
    const held = p && !p.twinGroup ? view.heldAs(p) : null;
    return held && asked.result.level === 'PROBABLE' && asked.result.agencyReference === held
      ? fixture(label, c, asked, held)
      : null;
  };
  const sent = firstFitting(children, 1, (c) => fits(c, view.ask(c), 'PROBABLE'));
  if (sent.length > 0) return sent;
  return firstFitting(children, 1, (c) =>
    fits(c, view.ask(c, { blank: ['nhsNumber', 'upn'] }), 'PROBABLE (identifier left out)'),
  );
}

/**
 * Two POSSIBLE fixtures: children the rules place there as the gateway would send them; failing
 * enough, clean children sent with the date of birth a day out and no postcode or identifier (a
 * record mistyped in socialcare), which the rules place there too.
 */
function possibles(view: PartnerView, children: ScChild[]): Fixture[] {
  const fits = (c: ScChild, held: string | null, asked: Asked, label: string) => {
    const offered = asked.result.candidates.map((x) => x.agencyReference);
    return held && asked.result.level === 'POSSIBLE' && offered.includes(held)
      ? fixture(label, c, asked, held)
      : null;
  };
  const sent = firstFitting(children, 2, (c) => {
    const p = view.truthOf(c.id);
    return fits(c, p && !p.twinGroup ? view.heldAs(p) : null, view.ask(c), 'POSSIBLE');
  });
  const mistyped = firstFitting(children, 2 - sent.length, (c) => {
    const asked = view.ask(c, { dobOffsetDays: 1, blank: ['postcode', 'nhsNumber', 'upn'] });
    return fits(c, plainlyHeld(view, c), asked, 'POSSIBLE (date of birth a day out)');
  });
  return [...sent, ...mistyped];
}

function none(view: PartnerView, c: ScChild): Fixture | null {
  const p = view.truthOf(c.id);
  if (!p || view.heldAs(p) !== null) return null;
  const asked = view.ask(c);
  return asked.result.level === 'NONE' ? fixture('NONE (not held)', c, asked, null) : null;
}

/** Both twins of the first pair (in twin-group order) the agency holds both of. */
function twins(world: World, view: PartnerView): Fixture[] {
  const byId = new Map(world.socialcare.children.map((c) => [c.id, c]));
  const groups = new Map<string, TruthPerson[]>();
  for (const p of world.truth.people) {
    const child = p.socialcareId ? byId.get(p.socialcareId) : undefined;
    if (!p.twinGroup || !child?.dateOfBirth || !view.heldAs(p)) continue;
    groups.set(p.twinGroup, [...(groups.get(p.twinGroup) ?? []), p]);
  }
  const key = [...groups.keys()].sort().find((g) => groups.get(g)!.length >= 2);
  if (!key) return [];
  const [a, b] = groups.get(key)!;
  return [
    [a, b],
    [b, a],
  ].map(([self, other], i) =>
    fixture(
      `twin ${i + 1} of 2`,
      byId.get(self.socialcareId!)!,
      view.ask(byId.get(self.socialcareId!)!),
      view.heldAs(self),
      view.heldAs(other),
    ),
  );
}

/** The tables of the agency's part of the world each of `ids` (its record ids) appears in. */
function tablesById(world: World, partner: Partner, ids: Set<string>): Map<string, Set<string>> {
  const tables = new Map([...ids].map((id) => [id, new Set<string>()]));
  for (const [table, rows] of Object.entries(world[partner])) {
    for (const row of rows as object[]) {
      for (const value of Object.values(row)) {
        if (typeof value === 'string') tables.get(value)?.add(table);
      }
    }
  }
  return tables;
}

const PAGE_SIZE = 50;
/** How many of the children the agency holds (in id order) the page is chosen from. */
const PAGE_POOL = 400;

/**
 * 50 children the agency holds and the rules match (so every read of a record runs), the richest
 * first, then those whose records reach no table the richest does not (the same reads), then
 * the rest, each group in id order.
 */
function page(
  world: World,
  partner: Partner,
  view: PartnerView,
  children: ScChild[],
): Record<string, unknown>[] {
  const pool = children
    .map((c) => ({ c, record: view.heldAs(view.truthOf(c.id)) }))
    .filter((x): x is { c: ScChild; record: string } => x.record !== null)
    .slice(0, PAGE_POOL);
  const tables = tablesById(world, partner, new Set(pool.map((x) => x.record)));
  const matched = pool.flatMap(({ c, record }) => {
    const asked = view.ask(c);
    const found =
      ['CONFIRMED', 'PROBABLE'].includes(asked.result.level) &&
      asked.result.agencyReference === record;
    return found ? [{ asked, reach: tables.get(record) ?? new Set<string>() }] : [];
  });
  const richest = [...matched].sort((a, b) => b.reach.size - a.reach.size)[0];
  if (!richest) return [];
  const within = (m: (typeof matched)[number]) => [...m.reach].every((t) => richest.reach.has(t));
  const rest = matched.filter((m) => m !== richest);
  return [richest, ...rest.filter(within), ...rest.filter((m) => !within(m))]
    .slice(0, PAGE_SIZE)
    .map((m) => m.asked.representation);
}

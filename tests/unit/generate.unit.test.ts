import { generateWorld, stripAccents } from '../../seed/generate';
import type { Discrepancy, TruthPerson, World } from '../../seed/world';
import { isValidNhsNumber, isValidPncId, isValidUpn } from '../../shared/identifiers';

const SCALE = 0.02;
const SEED = 20261120;
const AS_OF = new Date('2026-11-20T12:00:00Z');
const MONTHS = 24;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const HOUR = 3_600_000;

type Agency = 'socialcare' | 'police' | 'health' | 'education';

function ids<T extends { id: string }>(rows: readonly T[]): Set<string> {
  return new Set(rows.map((r) => r.id));
}

function expectUnique(values: readonly string[], what: string): void {
  const seen = new Set<string>();
  const duplicates = values.filter((v) => (seen.has(v) ? true : (seen.add(v), false)));
  expect({ what, duplicates: duplicates.slice(0, 5) }).toEqual({ what, duplicates: [] });
}

function expectAllIn(values: readonly string[], known: Set<string>, what: string): void {
  const missing = values.filter((v) => !known.has(v));
  expect({ what, missing: missing.slice(0, 5) }).toEqual({ what, missing: [] });
}

function has(p: TruthPerson, agency: Agency, d: Discrepancy): boolean {
  return p.discrepancies[agency]?.includes(d) ?? false;
}

/** The Europe/London calendar date of an instant, 'YYYY-MM-DD'. */
function londonDate(instant: string): string {
  return new Date(instant).toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
}

/** Whole years from one 'YYYY-MM-DD' date to another. */
function yearsBetween(from: string, to: string): number {
  const [y1, m1, d1] = from.split('-').map(Number);
  const [y2, m2, d2] = to.split('-').map(Number);
  return y2 - y1 - (m2 < m1 || (m2 === m1 && d2 < d1) ? 1 : 0);
}

/** Presenting reasons that make an attendance sensitive; every other reason is not sensitive. */
const SENSITIVE_BY_REASON: Record<string, string> = {
  'Self-harm': 'MENTAL_HEALTH',
  Overdose: 'MENTAL_HEALTH',
  'Mental health crisis': 'MENTAL_HEALTH',
  'Low mood': 'MENTAL_HEALTH',
  'Alcohol intoxication': 'SUBSTANCE_MISUSE',
  'Drug intoxication': 'SUBSTANCE_MISUSE',
  'Emergency contraception request': 'SEXUAL_HEALTH',
  'Suspected sexually transmitted infection': 'SEXUAL_HEALTH',
  'Pregnancy test request': 'SEXUAL_HEALTH',
  'Contraception advice': 'SEXUAL_HEALTH',
};

/**
 * Children socialcare holds that a partner finds by exact demographics: no discrepancy in any
 * agency's record, and the partner's record has a date of birth.
 */
function matchedChildren(world: World, agency: 'police' | 'health'): TruthPerson[] {
  const records = new Map<string, { dateOfBirth: string | null }>(
    agency === 'police'
      ? world.police.persons.map((p) => [p.id, p])
      : world.health.patients.map((p) => [p.id, p]),
  );
  return world.truth.people.filter((p) => {
    const id = agency === 'police' ? p.policeId : p.healthId;
    return (
      p.kind === 'CHILD' &&
      p.socialcareId !== null &&
      id !== null &&
      records.get(id)?.dateOfBirth != null &&
      Object.values(p.discrepancies).every((d) => !d || d.length === 0)
    );
  });
}

function ageOn(dob: string, at: Date): number {
  const [y, m, d] = dob.split('-').map(Number);
  let age = at.getUTCFullYear() - y;
  if (at.getUTCMonth() + 1 < m || (at.getUTCMonth() + 1 === m && at.getUTCDate() < d)) age--;
  return age;
}

describe('generateWorld', () => {
  let world: World;

  beforeAll(() => {
    world = generateWorld({ seed: SEED, scale: SCALE, asOf: AS_OF, months: MONTHS });
  });

  describe('determinism', () => {
    it('gives byte-identical output for the same seed, scale and asOf', () => {
      const again = generateWorld({ seed: SEED, scale: SCALE, asOf: AS_OF, months: MONTHS });
      expect(JSON.stringify(again)).toBe(JSON.stringify(world));
    });

    it('gives a different world for a different seed', () => {
      const other = generateWorld({ seed: SEED + 1, scale: SCALE, asOf: AS_OF, months: MONTHS });
      expect(JSON.stringify(other)).not.toBe(JSON.stringify(world));
    });

    it('records seed, scale and asOf in the truth', () => {
      expect(world.truth.seed).toBe(SEED);
      expect(world.truth.scale).toBe(SCALE);
      expect(world.truth.asOf).toBe(AS_OF.toISOString());
    });

    it('rejects fewer than 24 months and a non-positive scale', () => {
      expect(() => generateWorld({ seed: 1, scale: SCALE, asOf: AS_OF, months: 12 })).toThrow(
        RangeError,
      );
      expect(() => generateWorld({ seed: 1, scale: 0, asOf: AS_OF })).toThrow(RangeError);
    });
  });

  describe('ids and referential integrity', () => {
    it('uses the documented id formats, unique within each table', () => {
      const { socialcare: sc, police, health, education, truth } = world;
      const tables: [string, readonly { id: string }[], RegExp][] = [
        ['households', sc.households, /^H\d{6}$/],
        ['children', sc.children, /^SC\d{6}$/],
        ['adults', sc.adults, /^AD\d{6}$/],
        ['contacts', sc.contacts, /^CT\d{7}$/],
        ['referrals', sc.referrals, /^RF\d{6}$/],
        ['police persons', police.persons, /^PP\d{6}$/],
        ['occurrences', police.occurrences, /^OC\d{6}$/],
        ['patients', health.patients, /^HP\d{6}$/],
        ['attendances', health.attendances, /^UC\d{6}$/],
        ['intelligence items', police.intelligenceItems, /^INT\d{6}$/],
        ['pupils', education.pupils, /^PU\d{6}$/],
        ['enrolments', education.enrolments, /^EN\d{6}$/],
      ];
      for (const [what, rows, format] of tables) {
        expect(rows.length).toBeGreaterThan(0);
        expect(rows.filter((r) => !format.test(r.id)).map((r) => r.id)).toEqual([]);
        expectUnique(
          rows.map((r) => r.id),
          what,
        );
      }
      expectUnique(
        education.schools.map((s) => s.urn),
        'school urns',
      );
      expect(education.schools.every((s) => /^\d{6}$/.test(s.urn))).toBe(true);
      expectUnique(
        truth.people.map((p) => p.key),
        'truth keys',
      );
      expect(truth.people.every((p) => /^T\d{6}$/.test(p.key))).toBe(true);
      expectUnique(
        police.occurrences.map((o) => o.reference),
        'occurrence references',
      );
      expect(police.occurrences.every((o) => /^OCC\/\d{4}\/\d{6}$/.test(o.reference))).toBe(true);
    });

    it('has every socialcare foreign key pointing at an existing row', () => {
      const sc = world.socialcare;
      const households = ids(sc.households);
      const children = ids(sc.children);
      const contacts = ids(sc.contacts);
      expectAllIn(
        sc.children.flatMap((c) => (c.householdId ? [c.householdId] : [])),
        households,
        'children.householdId',
      );
      expectAllIn(
        sc.adults.map((a) => a.householdId),
        households,
        'adults.householdId',
      );
      expectAllIn(
        sc.contactChildren.map((c) => c.contactId),
        contacts,
        'contactChildren.contactId',
      );
      expectAllIn(
        sc.contactChildren.map((c) => c.childId),
        children,
        'contactChildren.childId',
      );
      expectUnique(
        sc.contactChildren.map((c) => `${c.contactId}/${c.childId}`),
        'contactChildren pairs',
      );
      expectAllIn(
        sc.referrals.map((r) => r.contactId),
        contacts,
        'referrals.contactId',
      );
      expectAllIn(
        sc.referrals.map((r) => r.childId),
        children,
        'referrals.childId',
      );
      // Every contact concerns a child, and every child socialcare holds has a contact.
      expect(new Set(sc.contactChildren.map((c) => c.contactId)).size).toBe(sc.contacts.length);
      expect(new Set(sc.contactChildren.map((c) => c.childId)).size).toBe(sc.children.length);
    });

    it('has every partner foreign key pointing at an existing row', () => {
      const { police, health, education } = world;
      expectAllIn(
        police.occurrencePersons.map((o) => o.occurrenceId),
        ids(police.occurrences),
        'occurrencePersons.occurrenceId',
      );
      expectAllIn(
        police.occurrencePersons.map((o) => o.personId),
        ids(police.persons),
        'occurrencePersons.personId',
      );
      expectAllIn(
        health.attendances.map((a) => a.patientId),
        ids(health.patients),
        'attendances.patientId',
      );
      const pupils = ids(education.pupils);
      expectAllIn(
        education.formerUpns.map((f) => f.pupilId),
        pupils,
        'formerUpns.pupilId',
      );
      expectAllIn(
        education.enrolments.map((e) => e.pupilId),
        pupils,
        'enrolments.pupilId',
      );
      expectAllIn(
        education.enrolments.map((e) => e.schoolUrn),
        new Set(education.schools.map((s) => s.urn)),
        'enrolments.schoolUrn',
      );
      expectAllIn(
        education.attendance.map((a) => a.enrolmentId),
        ids(education.enrolments),
        'attendance.enrolmentId',
      );
      expect(new Set(police.occurrencePersons.map((o) => o.personId)).size).toBe(
        police.persons.length,
      );
      expect(new Set(education.enrolments.map((e) => e.pupilId)).size).toBe(
        education.pupils.length,
      );
    });

    it('links every agency person row to exactly one truth person and back', () => {
      const { socialcare: sc, police, health, education, truth } = world;
      const scIds = new Set([...ids(sc.children), ...ids(sc.adults)]);
      const linked: [string, Set<string>, (p: TruthPerson) => string | null][] = [
        ['socialcare', scIds, (p) => p.socialcareId],
        ['police', ids(police.persons), (p) => p.policeId],
        ['health', ids(health.patients), (p) => p.healthId],
        ['education', ids(education.pupils), (p) => p.educationId],
      ];
      for (const [what, rows, id] of linked) {
        const referenced = truth.people.flatMap((p) => (id(p) ? [id(p) as string] : []));
        expectUnique(referenced, `truth ${what} ids`);
        expectAllIn(referenced, rows, `truth ${what} ids`);
        expect(referenced.length).toBe(rows.size);
      }
      expect(
        truth.people.filter((p) => !p.socialcareId && !p.policeId && !p.healthId && !p.educationId),
      ).toEqual([]);
      const children = ids(sc.children);
      for (const p of truth.people) {
        if (p.socialcareId) expect(children.has(p.socialcareId)).toBe(p.kind === 'CHILD');
      }
    });
  });

  describe('formats', () => {
    it('writes dates as YYYY-MM-DD and instants as ISO UTC', () => {
      const { socialcare: sc, police, health, education } = world;
      const dates = [
        ...sc.children.flatMap((c) => [c.dateOfBirth, c.expectedDateOfBirth]),
        ...sc.adults.map((a) => a.dateOfBirth),
        ...police.persons.map((p) => p.dateOfBirth),
        ...health.patients.map((p) => p.dateOfBirth),
        ...education.pupils.map((p) => p.dateOfBirth),
        ...education.enrolments.flatMap((e) => [e.startDate, e.endDate]),
      ].filter((d): d is string => d !== null);
      expect(dates.filter((d) => !DATE.test(d))).toEqual([]);
      const instants = [
        ...sc.children.map((c) => c.createdAt),
        ...sc.contacts.flatMap((c) => [c.receivedAt, c.screenedAt]),
        ...sc.contactChildren.map((c) => c.decidedAt),
        ...sc.referrals.flatMap((r) => [r.createdAt, r.completedAt]),
        ...police.occurrences.map((o) => o.occurredAt),
        ...police.intelligenceItems.map((i) => i.recordedAt),
        ...health.attendances.map((a) => a.arrivedAt),
      ].filter((d): d is string => d !== null);
      expect(instants.filter((d) => !INSTANT.test(d))).toEqual([]);
      expect(instants.filter((d) => Date.parse(d) > AS_OF.getTime())).toEqual([]);
    });

    it('has children aged 0-17 at asOf, and unborn children due within six months', () => {
      for (const c of world.socialcare.children) {
        if (c.dateOfBirth) {
          const age = ageOn(c.dateOfBirth, AS_OF);
          expect(age).toBeGreaterThanOrEqual(0);
          expect(age).toBeLessThanOrEqual(17);
        } else {
          expect(c.expectedDateOfBirth).not.toBeNull();
          const due = Date.parse(c.expectedDateOfBirth as string);
          expect(due).toBeGreaterThan(AS_OF.getTime());
          expect(due).toBeLessThanOrEqual(AS_OF.getTime() + 184 * 24 * HOUR);
        }
      }
    });

    it('uses London postcodes and DfE ethnicity codes', () => {
      const postcode = /^[A-Z]{1,2}\d{1,2} \d[A-Z]{2}$/;
      expect(world.socialcare.households.filter((h) => !postcode.test(h.postcode))).toEqual([]);
      const codes = new Set([
        ...['WBRI', 'WIRI', 'WOTH', 'WROM', 'MWBC', 'MWBA', 'MWAS', 'MOTH', 'AIND', 'APKN'],
        ...['ABAN', 'AOTH', 'BCRB', 'BAFR', 'BOTH', 'CHNE', 'OOTH', 'REFU', 'NOBT'],
      ]);
      expect(world.socialcare.children.filter((c) => !codes.has(c.ethnicity))).toEqual([]);
      expect(new Set(world.socialcare.children.map((c) => c.ethnicity)).size).toBeGreaterThan(8);
    });
  });

  describe('identifiers', () => {
    const truthByHealth = (): Map<string, TruthPerson> =>
      new Map(world.truth.people.filter((p) => p.healthId).map((p) => [p.healthId as string, p]));

    it('has valid health NHS numbers except those the truth marks mistyped', () => {
      const truth = truthByHealth();
      let invalid = 0;
      for (const p of world.health.patients) {
        const marked = has(truth.get(p.id) as TruthPerson, 'health', 'INVALID_NHS_NUMBER');
        if (p.nhsNumber === null) continue;
        expect(p.nhsNumber).toMatch(/^\d{10}$/);
        expect({ id: p.id, valid: isValidNhsNumber(p.nhsNumber) }).toEqual({
          id: p.id,
          valid: !marked,
        });
        if (marked) invalid++;
      }
      expect(invalid).toBeGreaterThan(0);
      expectUnique(
        world.health.patients.flatMap((p) => (p.nhsNumber ? [p.nhsNumber] : [])),
        'health NHS numbers',
      );
    });

    it('has valid socialcare NHS numbers except those the truth marks mistyped', () => {
      const truth = new Map(world.truth.people.map((p) => [p.socialcareId, p]));
      for (const c of world.socialcare.children) {
        const person = truth.get(c.id) as TruthPerson;
        if (c.nhsNumber === null) continue;
        expect(isValidNhsNumber(c.nhsNumber)).toBe(
          !has(person, 'socialcare', 'INVALID_NHS_NUMBER'),
        );
      }
    });

    it('has valid UPNs everywhere, including temporary and former ones', () => {
      const upns = [
        ...world.education.pupils.flatMap((p) => (p.upn ? [p.upn] : [])),
        ...world.education.formerUpns.map((f) => f.upn),
        ...world.socialcare.children.flatMap((c) => (c.upn ? [c.upn] : [])),
      ];
      expect(upns.filter((u) => !isValidUpn(u))).toEqual([]);
      expectUnique(
        world.education.pupils.flatMap((p) => (p.upn ? [p.upn] : [])),
        'pupil UPNs',
      );
      expect(world.education.pupils.some((p) => p.upn && /[A-Z]$/.test(p.upn))).toBe(true);
      const without = world.education.pupils.filter((p) => !p.upn);
      expect(without.length).toBeGreaterThan(0);
      expect(without.every((p) => /^UN[1-5]$/.test(p.upnUnknownReason ?? ''))).toBe(true);
    });

    it('has valid PNC ids, mostly on adults', () => {
      const withPnc = world.police.persons.filter((p) => p.pncId);
      expect(withPnc.length).toBeGreaterThan(0);
      expect(withPnc.filter((p) => !isValidPncId(p.pncId as string))).toEqual([]);
      const adults = withPnc.filter((p) => p.dateOfBirth && ageOn(p.dateOfBirth, AS_OF) >= 18);
      expect(adults.length / withPnc.length).toBeGreaterThan(0.7);
    });

    it('gives unborn children no NHS number and no UPN', () => {
      const unborn = world.socialcare.children.filter((c) => c.dateOfBirth === null);
      expect(unborn.length).toBeGreaterThanOrEqual(3);
      for (const c of unborn) {
        expect(c).toMatchObject({
          givenName: 'Unborn',
          sex: 'UNKNOWN',
          nhsNumber: null,
          upn: null,
        });
      }
    });
  });

  describe('contacts', () => {
    it('has about 2,000 contacts a month per unit of scale', () => {
      const contacts = world.socialcare.contacts;
      expect(contacts.length).toBe(Math.round(2000 * SCALE * MONTHS));
      const byMonth = new Map<string, number>();
      for (const c of contacts) {
        const month = c.receivedAt.slice(0, 7);
        byMonth.set(month, (byMonth.get(month) ?? 0) + 1);
      }
      // The first and last months are partial.
      const full = [...byMonth.entries()].sort().slice(1, -1);
      expect(full.length).toBeGreaterThanOrEqual(MONTHS - 2);
      for (const [, n] of full) {
        expect(n).toBeGreaterThan(2000 * SCALE * 0.5);
        expect(n).toBeLessThan(2000 * SCALE * 1.5);
      }
    });

    it('has police the largest source and health (3A-3F) the second', () => {
      const groups = new Map<string, number>();
      for (const c of world.socialcare.contacts) {
        const group = c.sourceCode.startsWith('3')
          ? 'health'
          : c.sourceCode.startsWith('2')
            ? 'education'
            : c.sourceCode;
        groups.set(group, (groups.get(group) ?? 0) + 1);
      }
      const ranked = [...groups.entries()].sort((a, b) => b[1] - a[1]).map(([g]) => g);
      expect(ranked.slice(0, 2)).toEqual(['6', 'health']);
      const codes = new Set(world.socialcare.contacts.map((c) => c.sourceCode));
      for (const code of ['1A', '2A', '3A', '3B', '3E', '4', '5C', '5D', '6', '7', '8']) {
        expect(codes.has(code)).toBe(true);
      }
    });

    it('converts between 10% and 30% of decided contact-children into referrals', () => {
      const decided = world.socialcare.contactChildren.filter((c) => c.decidedAt);
      const converted = decided.filter(
        (c) => c.outcome === 'ASSESSMENT_REQUIRED' || c.outcome === 'STRATEGY_DISCUSSION',
      );
      const share = converted.length / decided.length;
      expect(share).toBeGreaterThanOrEqual(0.1);
      expect(share).toBeLessThanOrEqual(0.3);
      expect(world.socialcare.referrals.length).toBe(converted.length);
      const byPair = new Map(
        world.socialcare.referrals.map((r) => [`${r.contactId}/${r.childId}`, r]),
      );
      for (const c of converted) {
        const referral = byPair.get(`${c.contactId}/${c.childId}`);
        expect(referral?.createdAt).toBe(c.decidedAt);
      }
    });

    it('keeps stage times in order and levels consistent with outcomes', () => {
      const contacts = new Map(world.socialcare.contacts.map((c) => [c.id, c]));
      const levels: Record<string, number[]> = {
        STRATEGY_DISCUSSION: [4],
        ASSESSMENT_REQUIRED: [3, 4],
        STEP_DOWN_TO_EARLY_HELP: [2, 3],
        ADVICE_AND_SIGNPOST: [1, 2],
        NO_FURTHER_ACTION: [1, 2],
        OTHER: [1, 3],
      };
      for (const c of world.socialcare.contacts) {
        expect(c.rag === null).toBe(c.screenedAt === null);
        if (c.screenedAt) expect(c.screenedAt >= c.receivedAt).toBe(true);
      }
      for (const cc of world.socialcare.contactChildren) {
        const contact = contacts.get(cc.contactId);
        if (cc.decidedAt === null) {
          expect(cc.level).toBeNull();
          expect(cc.outcome).toBeNull();
          continue;
        }
        expect(contact?.screenedAt).not.toBeNull();
        expect(cc.decidedAt >= (contact?.screenedAt as string)).toBe(true);
        expect(levels[cc.outcome as string]).toContain(cc.level);
      }
      for (const r of world.socialcare.referrals) {
        if (r.completedAt) expect(r.completedAt > r.createdAt).toBe(true);
      }
    });

    it('decides most contacts within 24 hours and leaves most of the last two days open', () => {
      const contacts = new Map(world.socialcare.contacts.map((c) => [c.id, c]));
      const decided = world.socialcare.contactChildren.filter((c) => c.decidedAt);
      const inTime = decided.filter(
        (c) =>
          Date.parse(c.decidedAt as string) -
            Date.parse(contacts.get(c.contactId)?.receivedAt as string) <=
          24 * HOUR,
      );
      expect(inTime.length / decided.length).toBeGreaterThan(0.82);
      expect(inTime.length / decided.length).toBeLessThan(0.97);
      const openContacts = new Set(
        world.socialcare.contactChildren.filter((c) => !c.decidedAt).map((c) => c.contactId),
      );
      const recent = world.socialcare.contacts.filter(
        (c) => Date.parse(c.receivedAt) > AS_OF.getTime() - 48 * HOUR,
      );
      expect(recent.length).toBeGreaterThan(0);
      // A handful of contacts at this scale: at least half of them still open.
      expect(
        recent.filter((c) => openContacts.has(c.id)).length / recent.length,
      ).toBeGreaterThanOrEqual(0.5);
      // Older contacts are open only in the decision tail of up to a week.
      const stale = world.socialcare.contacts.filter(
        (c) => openContacts.has(c.id) && Date.parse(c.receivedAt) < AS_OF.getTime() - 8 * 24 * HOUR,
      );
      expect(stale).toEqual([]);
    });

    it('has about a fifth of contacts concerning two or more siblings', () => {
      const perContact = new Map<string, number>();
      for (const cc of world.socialcare.contactChildren) {
        perContact.set(cc.contactId, (perContact.get(cc.contactId) ?? 0) + 1);
      }
      const multi = [...perContact.values()].filter((n) => n >= 2).length / perContact.size;
      expect(multi).toBeGreaterThan(0.1);
      expect(multi).toBeLessThan(0.3);
    });
  });

  describe('hard cases', () => {
    it('has twins sharing surname, date of birth and address but never a given name', () => {
      const groups = new Map<string, TruthPerson[]>();
      for (const p of world.truth.people) {
        if (p.twinGroup) groups.set(p.twinGroup, [...(groups.get(p.twinGroup) ?? []), p]);
      }
      expect(groups.size).toBeGreaterThanOrEqual(3);
      const children = new Map(world.socialcare.children.map((c) => [c.id, c]));
      const patients = new Map(world.health.patients.map((p) => [p.id, p]));
      let pairsInSocialcare = 0;
      for (const twins of groups.values()) {
        expect(twins.length).toBe(2);
        expect(twins.every((t) => t.kind === 'CHILD')).toBe(true);
        const [a, b] = twins.map((t) =>
          t.socialcareId ? children.get(t.socialcareId) : undefined,
        );
        if (a && b) {
          pairsInSocialcare++;
          expect(a.givenName).not.toBe(b.givenName);
          expect(a.familyName).toBe(b.familyName);
          expect(a.dateOfBirth).toBe(b.dateOfBirth);
          expect(a.householdId).toBe(b.householdId);
        }
        const [x, y] = twins.map((t) => (t.healthId ? patients.get(t.healthId) : undefined));
        if (x && y && !twins.some((t) => t.discrepancies.health)) {
          expect(x.givenName).not.toBe(y.givenName);
          expect(x.dateOfBirth).toBe(y.dateOfBirth);
        }
      }
      expect(pairsInSocialcare).toBeGreaterThan(0);
    });

    it('has every kind of record discrepancy among children socialcare holds', () => {
      const kinds: [Agency[], Discrepancy][] = [
        [['socialcare'], 'NO_NHS_NUMBER'],
        [['socialcare'], 'INVALID_NHS_NUMBER'],
        [['socialcare'], 'FORMER_UPN'],
        ...(
          [
            'NAME_TYPO',
            'SHORT_FORM_NAME',
            'DOB_DAY_MONTH_SWAPPED',
            'DOB_TYPO',
            'MOVED_POSTCODE',
            'HYPHENATED_NAME',
            'ACCENT_DROPPED',
          ] as const
        ).map((d): [Agency[], Discrepancy] => [['police', 'health', 'education'], d]),
      ];
      const held = world.truth.people.filter((p) => p.socialcareId && p.kind === 'CHILD');
      for (const [agencies, d] of kinds) {
        const count = held.filter((p) => agencies.some((a) => has(p, a, d))).length;
        expect({ d, enough: count >= 3 }).toEqual({ d, enough: true });
      }
    });

    it('shows each discrepancy in the records, and nothing else differing', () => {
      const sc = new Map(world.socialcare.children.map((c) => [c.id, c]));
      const partners = {
        police: new Map(world.police.persons.map((p) => [p.id, p])),
        health: new Map(world.health.patients.map((p) => [p.id, p])),
        education: new Map(world.education.pupils.map((p) => [p.id, p])),
      };
      const nameCases: Discrepancy[] = [
        'NAME_TYPO',
        'SHORT_FORM_NAME',
        'HYPHENATED_NAME',
        'ACCENT_DROPPED',
      ];
      for (const person of world.truth.people) {
        const child = person.socialcareId ? sc.get(person.socialcareId) : undefined;
        if (!child || !child.dateOfBirth) continue;
        for (const agency of ['police', 'health', 'education'] as const) {
          const id =
            agency === 'police'
              ? person.policeId
              : agency === 'health'
                ? person.healthId
                : person.educationId;
          const record = id ? partners[agency].get(id) : undefined;
          if (!record) continue;
          const list = person.discrepancies[agency] ?? [];
          const sameName =
            record.givenName === child.givenName && record.familyName === child.familyName;
          expect(sameName).toBe(!list.some((d) => nameCases.includes(d)));
          if (list.includes('ACCENT_DROPPED')) {
            expect(record.givenName).toBe(stripAccents(child.givenName));
            expect(record.familyName).toBe(stripAccents(child.familyName));
          }
          if (record.dateOfBirth !== null) {
            const swapped = list.includes('DOB_DAY_MONTH_SWAPPED');
            const mistyped = list.includes('DOB_TYPO');
            expect(record.dateOfBirth === child.dateOfBirth).toBe(!swapped && !mistyped);
            if (swapped) {
              const [y, m, d] = child.dateOfBirth.split('-');
              expect(record.dateOfBirth).toBe(`${y}-${d}-${m}`);
            }
          }
        }
      }
    });

    it('has children whose socialcare UPN is one education lists as former', () => {
      const pupils = new Map(world.education.pupils.map((p) => [p.id, p]));
      const former = new Map<string, string[]>();
      for (const f of world.education.formerUpns) {
        former.set(f.pupilId, [...(former.get(f.pupilId) ?? []), f.upn]);
      }
      const children = new Map(world.socialcare.children.map((c) => [c.id, c]));
      const cases = world.truth.people.filter((p) => has(p, 'socialcare', 'FORMER_UPN'));
      expect(cases.length).toBeGreaterThanOrEqual(3);
      for (const p of cases) {
        const child = children.get(p.socialcareId as string);
        const pupil = pupils.get(p.educationId as string);
        expect(child?.upn).toBeTruthy();
        expect(former.get(pupil?.id as string)).toContain(child?.upn);
        expect(pupil?.upn).not.toBe(child?.upn);
      }
    });

    it('has socialcare children no partner holds, and partner children socialcare does not', () => {
      const children = world.truth.people.filter((p) => p.kind === 'CHILD');
      const onlySocialcare = children.filter(
        (p) => p.socialcareId && !p.policeId && !p.healthId && !p.educationId,
      );
      const notInSocialcare = children.filter((p) => !p.socialcareId);
      expect(onlySocialcare.filter((p) => !p.unborn).length).toBeGreaterThan(0);
      expect(notInSocialcare.length).toBeGreaterThan(children.length * 0.3);
    });
  });

  describe('agency coverage and content', () => {
    it('gives each agency a plausible share of the children', () => {
      const born = world.truth.people.filter((p) => p.kind === 'CHILD' && !p.unborn);
      const share = (f: (p: TruthPerson) => unknown): number =>
        born.filter((p) => f(p)).length / born.length;
      expect(share((p) => p.healthId)).toBeGreaterThan(0.9);
      expect(share((p) => p.socialcareId)).toBeGreaterThan(0.35);
      expect(share((p) => p.socialcareId)).toBeLessThan(0.65);
      expect(share((p) => p.policeId)).toBeGreaterThan(0.15);
      expect(share((p) => p.policeId)).toBeLessThan(0.35);
      expect(share((p) => p.educationId)).toBeGreaterThan(0.5);
    });

    it('gives attendance per started term, with persistent absence in a minority', () => {
      const { attendance, enrolments } = world.education;
      expect(attendance.length).toBeGreaterThan(0);
      for (const a of attendance) {
        expect(a.attendedSessions + a.authorisedAbsences + a.unauthorisedAbsences).toBe(
          a.possibleSessions,
        );
        expect(a.possibleSessions).toBeGreaterThan(0);
        expect(a.possibleSessions).toBeLessThanOrEqual(160);
        expect(a.academicYear).toMatch(/^\d{4}\/\d{2}$/);
      }
      expect(new Set(attendance.map((a) => a.academicYear))).toEqual(
        new Set(['2025/26', '2026/27']),
      );
      expect(attendance.some((a) => a.academicYear === '2026/27' && a.term !== 'AUTUMN')).toBe(
        false,
      );
      const pupilOf = new Map(enrolments.map((e) => [e.id, e.pupilId]));
      const totals = new Map<string, [number, number]>();
      for (const a of attendance) {
        const pupil = pupilOf.get(a.enrolmentId) as string;
        const [att, pos] = totals.get(pupil) ?? [0, 0];
        totals.set(pupil, [att + a.attendedSessions, pos + a.possibleSessions]);
      }
      const rates = [...totals.values()].map(([att, pos]) => att / pos);
      const persistent = rates.filter((r) => r < 0.9).length / rates.length;
      expect(persistent).toBeGreaterThan(0.08);
      expect(persistent).toBeLessThan(0.3);
      expect(enrolments.some((e) => e.endDate !== null)).toBe(true);
    });

    it('has schools of every phase and police occurrences led by domestic abuse', () => {
      const phases = new Set(world.education.schools.map((s) => s.phase));
      expect(phases).toEqual(new Set(['PRIMARY', 'SECONDARY', 'SPECIAL', 'ALTERNATIVE_PROVISION']));
      const categories = new Map<string, number>();
      for (const o of world.police.occurrences) {
        categories.set(o.category, (categories.get(o.category) ?? 0) + 1);
      }
      const top = [...categories.entries()].sort((a, b) => b[1] - a[1])[0][0];
      expect(top).toBe('DOMESTIC_ABUSE');
      const roles = new Set(world.police.occurrencePersons.map((o) => o.role));
      for (const role of ['VICTIM', 'PERPETRATOR', 'CHILD_PRESENT', 'MISSING_PERSON'] as const) {
        expect(roles.has(role)).toBe(true);
      }
      const settings = new Set(world.health.attendances.map((a) => a.setting));
      expect(settings).toEqual(
        new Set(['EMERGENCY_DEPARTMENT', 'WALK_IN', 'OUT_OF_HOURS', 'MATERNITY']),
      );
    });

    it('uses diverse names with accents, hyphens and apostrophes', () => {
      const all = [
        ...world.socialcare.children.map((c) => `${c.givenName} ${c.familyName}`),
        ...world.socialcare.adults.map((a) => `${a.givenName} ${a.familyName}`),
        ...world.health.patients.map((p) => `${p.givenName} ${p.familyName}`),
      ];
      expect(all.some((n) => n !== stripAccents(n))).toBe(true);
      expect(all.some((n) => n.includes('-'))).toBe(true);
      expect(all.some((n) => n.includes("'"))).toBe(true);
    });
  });

  describe('police intelligence', () => {
    it('holds items on about 8% of people in domestic-abuse, welfare or drugs occurrences', () => {
      const { occurrences, occurrencePersons, intelligenceItems } = world.police;
      const themed = new Set(
        occurrences
          .filter((o) => ['DOMESTIC_ABUSE', 'CONCERN_FOR_WELFARE', 'DRUGS'].includes(o.category))
          .map((o) => o.id),
      );
      const linked = new Set(
        occurrencePersons.filter((o) => themed.has(o.occurrenceId)).map((o) => o.personId),
      );
      const holders = new Set(intelligenceItems.map((i) => i.personId));
      expectAllIn([...holders], linked, 'intelligence holders');
      // A few hundred people at this scale, so a few points of sampling noise either way.
      expect(holders.size / linked.size).toBeGreaterThan(0.04);
      expect(holders.size / linked.size).toBeLessThan(0.16);
      const perHolder = new Map<string, number>();
      for (const i of intelligenceItems) {
        perHolder.set(i.personId, (perHolder.get(i.personId) ?? 0) + 1);
      }
      expect(new Set(perHolder.values())).toEqual(new Set([1, 2, 3]));
    });

    it('grades every item 3x5x2 and records it before the asOf date', () => {
      const asOfDate = londonDate(AS_OF.toISOString());
      const bad = world.police.intelligenceItems.filter(
        (i) =>
          ![1, 2, 3].includes(i.sourceGrade) ||
          !['A', 'B', 'C', 'D', 'E'].includes(i.informationGrade) ||
          !['P', 'C'].includes(i.handlingCode) ||
          londonDate(i.recordedAt) >= asOfDate,
      );
      expect(bad).toEqual([]);
      const used = (f: (i: World['police']['intelligenceItems'][number]) => unknown) =>
        new Set(world.police.intelligenceItems.map(f));
      expect(used((i) => i.sourceGrade)).toEqual(new Set([1, 2, 3]));
      expect(used((i) => i.informationGrade).size).toBeGreaterThanOrEqual(4);
    });

    it('gives every C item handling conditions and no P item any', () => {
      const items = world.police.intelligenceItems;
      expect(
        items.filter((i) => (i.handlingCode === 'C') !== (i.handlingConditions !== null)),
      ).toEqual([]);
      const share = items.filter((i) => i.handlingCode === 'C').length / items.length;
      expect(share).toBeGreaterThan(0.15);
      expect(share).toBeLessThan(0.45);
      expect(items.every((i) => i.content.startsWith('Information suggests '))).toBe(true);
    });

    it('numbers items in order of recording, never the same text twice on one person', () => {
      const items = world.police.intelligenceItems;
      const times = items.map((i) => i.recordedAt);
      expect(times).toEqual([...times].sort());
      expectUnique(
        items.map((i) => `${i.personId}: ${i.content}`),
        'content per person',
      );
    });

    it('records intelligence about a person only after they were born', () => {
      const persons = new Map(world.police.persons.map((p) => [p.id, p]));
      const truth = new Map(world.truth.people.map((p) => [p.policeId, p]));
      const early = world.police.intelligenceItems.filter((i) => {
        const person = truth.get(i.personId) as TruthPerson;
        // Police's date of birth is the true one unless the truth says it was mistyped.
        if (has(person, 'police', 'DOB_TYPO') || has(person, 'police', 'DOB_DAY_MONTH_SWAPPED')) {
          return false;
        }
        const dob = persons.get(i.personId)?.dateOfBirth;
        return dob !== null && dob !== undefined && londonDate(i.recordedAt) < dob;
      });
      expect(early).toEqual([]);
      expect(
        world.police.intelligenceItems.some((i) => truth.get(i.personId)?.kind === 'CHILD'),
      ).toBe(true);
    });

    it('leaves intelligence clearances for the running system to record', () => {
      expect(world.police.intelligenceClearances).toEqual([]);
    });
  });

  describe('sensitive attendances', () => {
    it('marks an attendance sensitive exactly when its presenting reason implies it', () => {
      const wrong = world.health.attendances.filter(
        (a) => a.sensitiveCategory !== (SENSITIVE_BY_REASON[a.presentingReason] ?? null),
      );
      expect(wrong).toEqual([]);
      expect(new Set(world.health.attendances.map((a) => a.sensitiveCategory))).toEqual(
        new Set([null, 'MENTAL_HEALTH', 'SUBSTANCE_MISUSE', 'SEXUAL_HEALTH']),
      );
    });

    it('leaves no reason that reads as sensitive unclassified', () => {
      const looksSensitive =
        /self-harm|overdose|mental|mood|suicid|intoxicat|alcohol|drug|contracep|sexual|pregnancy t/i;
      const reasons = new Set(world.health.attendances.map((a) => a.presentingReason));
      expect(
        [...reasons].filter((r) => looksSensitive.test(r) && !(r in SENSITIVE_BY_REASON)),
      ).toEqual([]);
    });

    it('gives sexual-health reasons only to young people aged 13 to 17', () => {
      const truth = new Map(world.truth.people.map((p) => [p.healthId, p]));
      const patients = new Map(world.health.patients.map((p) => [p.id, p]));
      const sexualHealth = world.health.attendances.filter(
        (a) => a.sensitiveCategory === 'SEXUAL_HEALTH',
      );
      expect(sexualHealth.length).toBeGreaterThan(0);
      const outOfRange = sexualHealth.filter((a) => {
        const person = truth.get(a.patientId) as TruthPerson;
        // Health's date of birth is the true one unless the truth says it was mistyped.
        if (has(person, 'health', 'DOB_TYPO') || has(person, 'health', 'DOB_DAY_MONTH_SWAPPED')) {
          return false;
        }
        const dob = patients.get(a.patientId)?.dateOfBirth as string;
        const age = yearsBetween(dob, londonDate(a.arrivedAt));
        return age < 13 || age > 17;
      });
      expect(outOfRange).toEqual([]);
    });
  });

  describe('small scales', () => {
    it('still makes a coherent world with every hard case at scale 0.01', () => {
      const small = generateWorld({ seed: 7, scale: 0.01, asOf: AS_OF });
      const people = small.truth.people;
      expect(
        new Set(people.filter((p) => p.twinGroup).map((p) => p.twinGroup)).size,
      ).toBeGreaterThanOrEqual(3);
      expect(people.filter((p) => p.unborn).length).toBeGreaterThanOrEqual(3);
      const counts = new Map<Discrepancy, number>();
      for (const p of people) {
        for (const list of Object.values(p.discrepancies)) {
          for (const d of list ?? []) counts.set(d, (counts.get(d) ?? 0) + 1);
        }
      }
      expect(counts.size).toBe(10);
      expect(small.socialcare.contacts.length).toBe(480);
    });

    it('has matched children with C and P intelligence and every sensitive category', () => {
      for (const small of [world, generateWorld({ seed: 7, scale: 0.01, asOf: AS_OF })]) {
        const codes = new Map<string, Set<string>>();
        for (const i of small.police.intelligenceItems) {
          codes.set(i.personId, (codes.get(i.personId) ?? new Set()).add(i.handlingCode));
        }
        const police = matchedChildren(small, 'police');
        for (const code of ['C', 'P']) {
          const count = police.filter((p) => codes.get(p.policeId as string)?.has(code)).length;
          expect({ code, count: Math.min(count, 3) }).toEqual({ code, count: 3 });
        }
        const categories = new Map<string, Set<string | null>>();
        for (const a of small.health.attendances) {
          categories.set(
            a.patientId,
            (categories.get(a.patientId) ?? new Set()).add(a.sensitiveCategory),
          );
        }
        const health = matchedChildren(small, 'health');
        for (const category of ['MENTAL_HEALTH', 'SUBSTANCE_MISUSE', 'SEXUAL_HEALTH']) {
          const count = health.filter((p) =>
            categories.get(p.healthId as string)?.has(category),
          ).length;
          expect({ category, count: Math.min(count, 3) }).toEqual({ category, count: 3 });
        }
      }
    });
  });
});

import {
  generateWorld,
  stripAccents,
  type Discrepancy,
  type TruthPerson,
  type World,
} from '../../seed/world';
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
      // Police hold a person because of an occurrence, an arrest or a MARAC referral.
      expect(
        new Set([
          ...police.occurrencePersons.map((o) => o.personId),
          ...police.arrests.map((a) => a.personId),
          ...police.maracReferrals.map((m) => m.personId),
        ]),
      ).toEqual(ids(police.persons));
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

  describe('partner records', () => {
    /** The local date the history window starts: 24 months before asOf. */
    const WINDOW_START = '2024-11-20';
    const AS_OF_DATE = '2026-11-20';
    const DAY = 24 * HOUR;

    /** Days from one 'YYYY-MM-DD' date to another. */
    const daysBetween = (from: string, to: string): number =>
      Math.round((Date.parse(to) - Date.parse(from)) / DAY);
    /** 0 = Sunday .. 6 = Saturday, of a 'YYYY-MM-DD' date. */
    const weekdayOf = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

    /** Truth of each agency's person id. */
    const truthBy = (w: World, agency: 'police' | 'health' | 'education') =>
      new Map(
        w.truth.people.flatMap((p) => {
          const id =
            agency === 'police' ? p.policeId : agency === 'health' ? p.healthId : p.educationId;
          return id ? [[id, p] as const] : [];
        }),
      );
    /** Whether the agency's date of birth for a person is the true one. */
    const trueDob = (p: TruthPerson | undefined, agency: 'police' | 'health' | 'education') =>
      p !== undefined && !has(p, agency, 'DOB_TYPO') && !has(p, agency, 'DOB_DAY_MONTH_SWAPPED');

    let mid: World;
    let testWorld: World;

    beforeAll(() => {
      mid = generateWorld({ seed: SEED, scale: 0.05, asOf: AS_OF, months: MONTHS });
      // The world the integration and end-to-end tests run on.
      testWorld = generateWorld({ seed: 7, scale: 0.01, asOf: AS_OF });
    });

    it('numbers each new record in its documented format, unique within its table', () => {
      const { police, health, education } = world;
      const tables: [string, readonly { id: string }[], RegExp][] = [
        ['DA notifications', police.daNotifications, /^DA\d{6}$/],
        ['missing episodes', police.missingEpisodes, /^MS\d{6}$/],
        ['arrests', police.arrests, /^AR\d{6}$/],
        ['MARAC referrals', police.maracReferrals, /^MR\d{6}$/],
        ['court orders', police.courtOrders, /^CO\d{6}$/],
        ['community contacts', health.communityContacts, /^HV\d{6}$/],
        ['CAMHS referrals', health.camhsReferrals, /^CM\d{6}$/],
        ['maternity episodes', health.maternityEpisodes, /^MT\d{6}$/],
        ['safeguarding flags', health.safeguardingFlags, /^SF\d{6}$/],
        ['parental concerns', health.parentalConcerns, /^PC\d{6}$/],
        ['exclusions', education.exclusions, /^EX\d{6}$/],
        ['missing education', education.missingEducation, /^CME\d{5}$/],
      ];
      for (const [what, rows, format] of tables) {
        expect({ what, some: rows.length > 0 }).toEqual({ what, some: true });
        expect({ what, bad: rows.filter((r) => !format.test(r.id)).map((r) => r.id) }).toEqual({
          what,
          bad: [],
        });
        expectUnique(
          rows.map((r) => r.id),
          what,
        );
      }
    });

    it('points every police record at persons, occurrences and notifications police hold', () => {
      const { police } = world;
      const persons = ids(police.persons);
      expectAllIn(
        [
          ...police.missingEpisodes.map((m) => m.personId),
          ...police.arrests.map((a) => a.personId),
          ...police.maracReferrals.map((m) => m.personId),
          ...police.courtOrders.map((o) => o.respondentPersonId),
          ...police.courtOrders.flatMap((o) => (o.protectedPersonId ? [o.protectedPersonId] : [])),
        ],
        persons,
        'police person ids',
      );
      expectAllIn(
        [
          ...police.daNotifications.map((d) => d.occurrenceId),
          ...police.missingEpisodes.flatMap((m) => (m.occurrenceId ? [m.occurrenceId] : [])),
        ],
        ids(police.occurrences),
        'occurrence ids',
      );
      expectAllIn(
        police.maracReferrals.flatMap((m) => (m.daNotificationId ? [m.daNotificationId] : [])),
        ids(police.daNotifications),
        'DA notification ids',
      );
    });

    it('points every health record at patients health holds', () => {
      const { health } = world;
      expectAllIn(
        [
          ...health.gpRegistrations.map((r) => r.patientId),
          ...health.communityContacts.map((c) => c.patientId),
          ...health.camhsReferrals.map((c) => c.patientId),
          ...health.maternityEpisodes.map((m) => m.motherPatientId),
          ...health.maternityEpisodes.flatMap((m) => (m.babyPatientId ? [m.babyPatientId] : [])),
          ...health.safeguardingFlags.map((f) => f.patientId),
          ...health.parentalConcerns.map((c) => c.patientId),
        ],
        ids(health.patients),
        'patient ids',
      );
    });

    it('points every education record at pupils and schools education holds', () => {
      const { education } = world;
      expectAllIn(
        [
          ...education.exclusions.map((e) => e.pupilId),
          ...education.senProvisions.map((s) => s.pupilId),
          ...education.homeEducation.map((h) => h.pupilId),
          ...education.missingEducation.map((m) => m.pupilId),
          ...education.freeMeals.map((f) => f.pupilId),
        ],
        ids(education.pupils),
        'pupil ids',
      );
      expectAllIn(
        education.exclusions.map((e) => e.schoolUrn),
        new Set(education.schools.map((s) => s.urn)),
        'exclusion school urns',
      );
    });

    it('writes the new dates as YYYY-MM-DD and instants as ISO UTC', () => {
      const { police, health, education } = world;
      const dates = [
        ...police.maracReferrals.map((m) => m.conferenceDate),
        ...police.courtOrders.flatMap((o) => [o.madeOn, o.expiresOn]),
        ...health.gpRegistrations.flatMap((r) => [r.registeredFrom, r.registeredTo]),
        ...health.camhsReferrals.map((c) => c.referredOn),
        ...health.maternityEpisodes.flatMap((m) => [
          m.bookedOn,
          m.expectedDeliveryDate,
          m.deliveredOn,
        ]),
        ...health.safeguardingFlags.flatMap((f) => [f.startsOn, f.endsOn]),
        ...health.parentalConcerns.map((c) => c.recordedOn),
        ...education.exclusions.map((e) => e.startDate),
        ...education.senProvisions.flatMap((p) => [p.startDate, p.endDate]),
        ...education.homeEducation.flatMap((h) => [h.startDate, h.endDate]),
        ...education.missingEducation.flatMap((m) => [m.reportedOn, m.resolvedOn]),
        ...education.freeMeals.flatMap((f) => [f.startDate, f.endDate]),
      ].filter((d): d is string => d !== null);
      expect(dates.filter((d) => !DATE.test(d))).toEqual([]);
      expect(dates.length).toBeGreaterThan(0);
      const instants = [
        ...police.daNotifications.map((d) => d.assessedAt),
        ...police.missingEpisodes.flatMap((m) => [m.startedAt, m.endedAt]),
        ...police.arrests.map((a) => a.arrestedAt),
        ...police.maracReferrals.map((m) => m.referredAt),
        ...health.communityContacts.map((c) => c.at),
      ].filter((d): d is string => d !== null);
      expect(instants.filter((d) => !INSTANT.test(d))).toEqual([]);
      expect(instants.filter((d) => Date.parse(d) > AS_OF.getTime())).toEqual([]);
    });

    it('keeps every event inside the history window and every start on or before asOf', () => {
      const { police, health, education } = world;
      const events: [string, string][] = [
        ...police.daNotifications.map((d): [string, string] => [d.id, londonDate(d.assessedAt)]),
        ...police.maracReferrals.map((m): [string, string] => [m.id, londonDate(m.referredAt)]),
        ...health.communityContacts.map((c): [string, string] => [c.id, londonDate(c.at)]),
        ...health.camhsReferrals.map((c): [string, string] => [c.id, c.referredOn]),
        ...health.parentalConcerns.map((c): [string, string] => [c.id, c.recordedOn]),
        ...education.exclusions.map((e): [string, string] => [e.id, e.startDate]),
        ...education.missingEducation.map((m): [string, string] => [m.id, m.reportedOn]),
      ];
      expect(events.filter(([, d]) => d < WINDOW_START || d > AS_OF_DATE)).toEqual([]);
      const starts = [
        ...police.courtOrders.map((o) => o.madeOn),
        ...police.maracReferrals.flatMap((m) => (m.conferenceDate ? [m.conferenceDate] : [])),
        ...health.gpRegistrations.map((r) => r.registeredFrom),
        ...health.maternityEpisodes.map((m) => m.bookedOn),
        ...health.safeguardingFlags.map((f) => f.startsOn),
        ...education.senProvisions.map((p) => p.startDate),
        ...education.homeEducation.map((h) => h.startDate),
        ...education.freeMeals.map((f) => f.startDate),
      ];
      expect(starts.filter((d) => d > AS_OF_DATE)).toEqual([]);
      const periods: [string, string | null][] = [
        ...police.courtOrders.map((o): [string, string | null] => [o.madeOn, o.expiresOn]),
        ...health.gpRegistrations.map((r): [string, string | null] => [
          r.registeredFrom,
          r.registeredTo,
        ]),
        ...health.safeguardingFlags.map((f): [string, string | null] => [f.startsOn, f.endsOn]),
        ...education.senProvisions.map((p): [string, string | null] => [p.startDate, p.endDate]),
        ...education.homeEducation.map((h): [string, string | null] => [h.startDate, h.endDate]),
        ...education.missingEducation.map((m): [string, string | null] => [
          m.reportedOn,
          m.resolvedOn,
        ]),
        ...education.freeMeals.map((f): [string, string | null] => [f.startDate, f.endDate]),
      ];
      expect(periods.filter(([from, to]) => to !== null && to < from)).toEqual([]);
    });

    it('gives each domestic abuse occurrence one notification and no other occurrence any', () => {
      const { occurrences, daNotifications } = world.police;
      const abuse = occurrences.filter((o) => o.category === 'DOMESTIC_ABUSE').map((o) => o.id);
      expect(daNotifications.map((d) => d.occurrenceId)).toEqual(abuse);
    });

    it("marks children present exactly when a child was, and counts the pair's earlier incidents", () => {
      const { occurrences, occurrencePersons, daNotifications } = world.police;
      const roles = new Map<string, { role: string; personId: string }[]>();
      for (const p of occurrencePersons) {
        roles.set(p.occurrenceId, [...(roles.get(p.occurrenceId) ?? []), p]);
      }
      const seen = new Map<string, number>();
      const expected = new Map<string, { childrenPresent: boolean; previousIncidents: number }>();
      for (const o of occurrences) {
        if (o.category !== 'DOMESTIC_ABUSE') continue;
        const people = roles.get(o.id) ?? [];
        const victim = people.find((p) => p.role === 'VICTIM')?.personId;
        const perpetrator = people.find((p) => p.role === 'PERPETRATOR')?.personId;
        const pair = victim && perpetrator ? `${victim}/${perpetrator}` : null;
        const previous = pair ? (seen.get(pair) ?? 0) : 0;
        if (pair) seen.set(pair, previous + 1);
        expected.set(o.id, {
          childrenPresent: people.some((p) => p.role === 'CHILD_PRESENT'),
          previousIncidents: previous,
        });
      }
      const actual = new Map(
        daNotifications.map((d) => [
          d.occurrenceId,
          { childrenPresent: d.childrenPresent, previousIncidents: d.previousIncidents },
        ]),
      );
      expect(actual).toEqual(expected);
      expect(daNotifications.some((d) => d.previousIncidents > 0)).toBe(true);
      expect(new Set(daNotifications.map((d) => d.childrenPresent))).toEqual(
        new Set([true, false]),
      );
    });

    it('states the DASH risk the occurrence summary states, assessed within hours after it', () => {
      const occurrences = new Map(world.police.occurrences.map((o) => [o.id, o]));
      const wrong = world.police.daNotifications.filter((d) => {
        const o = occurrences.get(d.occurrenceId) as World['police']['occurrences'][number];
        const stated = /DASH (standard|medium|high)\.$/.exec(o.summary)?.[1].toUpperCase();
        const after = Date.parse(d.assessedAt) - Date.parse(o.occurredAt);
        return (stated !== undefined && stated !== d.dashRisk) || after < 0 || after > 6 * HOUR;
      });
      expect(wrong).toEqual([]);
    });

    it("opens missing episodes at the missing person's occurrence, and offers interviews only to children found", () => {
      const { occurrences, occurrencePersons, missingEpisodes, persons } = world.police;
      const category = new Map(occurrences.map((o) => [o.id, o.category]));
      const missingIn = new Set(
        occurrencePersons
          .filter((p) => p.role === 'MISSING_PERSON')
          .map((p) => `${p.occurrenceId}/${p.personId}`),
      );
      const dob = new Map(persons.map((p) => [p.id, p.dateOfBirth]));
      const truth = truthBy(world, 'police');
      const wrong = missingEpisodes.filter((m) => {
        if (m.occurrenceId !== null) {
          if (category.get(m.occurrenceId) !== 'MISSING_PERSON') return true;
          if (!missingIn.has(`${m.occurrenceId}/${m.personId}`)) return true;
        }
        if (m.endedAt !== null && m.endedAt <= m.startedAt) return true;
        if (m.returnInterviewDone && !m.returnInterviewOffered) return true;
        if (m.returnInterviewOffered) {
          const born = dob.get(m.personId);
          const child =
            !trueDob(truth.get(m.personId), 'police') ||
            !born ||
            yearsBetween(born, londonDate(m.startedAt)) < 18;
          if (m.endedAt === null || !child) return true;
        }
        return false;
      });
      expect(wrong).toEqual([]);
      // Some are still missing; some went missing more than once.
      expect(missingEpisodes.some((m) => m.endedAt === null)).toBe(true);
      const perPerson = new Map<string, number>();
      for (const m of missingEpisodes)
        perPerson.set(m.personId, (perPerson.get(m.personId) ?? 0) + 1);
      expect([...perPerson.values()].some((n) => n > 1)).toBe(true);
    });

    it('arrests only people aged 10 or over, mostly adults, for offences worded by category', () => {
      const { arrests, persons } = world.police;
      const dob = new Map(persons.map((p) => [p.id, p.dateOfBirth]));
      const truth = truthBy(world, 'police');
      const young = arrests.filter((a) => {
        const born = dob.get(a.personId);
        return (
          born &&
          trueDob(truth.get(a.personId), 'police') &&
          yearsBetween(born, londonDate(a.arrestedAt)) < 10
        );
      });
      expect(young).toEqual([]);
      const adults = arrests.filter((a) => truth.get(a.personId)?.kind === 'ADULT').length;
      expect(adults / arrests.length).toBeGreaterThan(0.75);
      expect(arrests.filter((a) => a.offence.trim().length < 5)).toEqual([]);
    });

    it('refers DA victims to a MARAC that sits on a Thursday two to three weeks on, or has not sat yet', () => {
      const { maracReferrals, daNotifications, occurrencePersons } = world.police;
      const victimOf = new Map(
        occurrencePersons
          .filter((p) => p.role === 'VICTIM')
          .map((p) => [p.occurrenceId, p.personId]),
      );
      const notification = new Map(daNotifications.map((d) => [d.id, d]));
      const wrong = maracReferrals.filter((m) => {
        const referred = londonDate(m.referredAt);
        if (m.conferenceDate === null) return daysBetween(referred, AS_OF_DATE) >= 12;
        const days = daysBetween(referred, m.conferenceDate);
        if (days < 12 || days > 18 || weekdayOf(m.conferenceDate) !== 4) return true;
        const note = m.daNotificationId ? notification.get(m.daNotificationId) : undefined;
        return note !== undefined && victimOf.get(note.occurrenceId) !== m.personId;
      });
      expect(wrong).toEqual([]);
    });

    it('makes each court order against a perpetrator of domestic abuse to protect their victim', () => {
      const { occurrences, occurrencePersons, courtOrders } = world.police;
      const abuse = new Set(
        occurrences.filter((o) => o.category === 'DOMESTIC_ABUSE').map((o) => o.id),
      );
      const byOccurrence = new Map<string, { victim?: string; perpetrator?: string }>();
      for (const p of occurrencePersons) {
        if (!abuse.has(p.occurrenceId)) continue;
        const entry = byOccurrence.get(p.occurrenceId) ?? {};
        if (p.role === 'VICTIM') entry.victim ??= p.personId;
        if (p.role === 'PERPETRATOR') entry.perpetrator ??= p.personId;
        byOccurrence.set(p.occurrenceId, entry);
      }
      const pairs = new Set([...byOccurrence.values()].map((e) => `${e.perpetrator}/${e.victim}`));
      expect(
        courtOrders.filter((o) => !pairs.has(`${o.respondentPersonId}/${o.protectedPersonId}`)),
      ).toEqual([]);
    });

    it('keeps one open GP registration per patient with a practice, at that practice, never overlapping', () => {
      const byPatient = new Map<string, World['health']['gpRegistrations']>();
      for (const r of world.health.gpRegistrations) {
        byPatient.set(r.patientId, [...(byPatient.get(r.patientId) ?? []), r]);
      }
      const wrong = world.health.patients.filter((p) => {
        const list = [...(byPatient.get(p.id) ?? [])].sort((a, b) =>
          a.registeredFrom.localeCompare(b.registeredFrom),
        );
        const open = list.filter((r) => r.registeredTo === null);
        if (p.gpPracticeCode === null) return open.length !== 0;
        if (open.length !== 1 || open[0].practiceCode !== p.gpPracticeCode) return true;
        if (list[list.length - 1] !== open[0]) return true;
        return list.some(
          (r, i) => i > 0 && (list[i - 1].registeredTo as string) > r.registeredFrom,
        );
      });
      expect(wrong.map((p) => p.id)).toEqual([]);
      expect([...byPatient.values()].some((list) => list.length > 1)).toBe(true);
    });

    it('sees under-fives in health visiting and school-age children in school nursing', () => {
      const patients = new Map(world.health.patients.map((p) => [p.id, p]));
      const truth = truthBy(world, 'health');
      const wrong = world.health.communityContacts.filter((c) => {
        if (!trueDob(truth.get(c.patientId), 'health')) return false;
        const age = yearsBetween(
          patients.get(c.patientId)?.dateOfBirth as string,
          londonDate(c.at),
        );
        return c.service === 'HEALTH_VISITING' ? age < 0 || age >= 5 : age < 4 || age > 17;
      });
      expect(wrong).toEqual([]);
      expect(world.health.communityContacts.filter((c) => c.note.length === 0)).toEqual([]);
      expect(world.health.communityContacts.some((c) => c.wasNotBrought)).toBe(true);
    });

    it('refers only children aged 5 to 17 to CAMHS', () => {
      const patients = new Map(world.health.patients.map((p) => [p.id, p]));
      const truth = truthBy(world, 'health');
      const wrong = world.health.camhsReferrals.filter((c) => {
        const age = yearsBetween(patients.get(c.patientId)?.dateOfBirth as string, c.referredOn);
        return trueDob(truth.get(c.patientId), 'health') && (age < 5 || age > 17);
      });
      expect(wrong).toEqual([]);
    });

    it('books maternity for mothers and records the delivery of the babies born', () => {
      const patients = new Map(world.health.patients.map((p) => [p.id, p]));
      const truth = truthBy(world, 'health');
      const wrong = world.health.maternityEpisodes.filter((m) => {
        if (patients.get(m.motherPatientId)?.sex !== 'FEMALE') return true;
        if (m.bookedOn >= m.expectedDeliveryDate) return true;
        if (m.deliveredOn === null)
          return m.babyPatientId !== null || m.expectedDeliveryDate <= AS_OF_DATE;
        const baby = m.babyPatientId ? patients.get(m.babyPatientId) : undefined;
        return (
          baby !== undefined &&
          trueDob(truth.get(baby.id), 'health') &&
          baby.dateOfBirth !== m.deliveredOn
        );
      });
      expect(wrong).toEqual([]);
      expect(world.health.maternityEpisodes.some((m) => m.deliveredOn === null)).toBe(true);
    });

    it('flags CP plans and looked-after status on children only, never the same code twice at once', () => {
      const truth = truthBy(world, 'health');
      const flags = world.health.safeguardingFlags;
      expect(
        flags.filter(
          (f) => f.code !== 'SAFEGUARDING_CONCERN' && truth.get(f.patientId)?.kind !== 'CHILD',
        ),
      ).toEqual([]);
      const byKey = new Map<string, typeof flags>();
      for (const f of flags) {
        const key = `${f.patientId}/${f.code}`;
        byKey.set(key, [...(byKey.get(key) ?? []), f]);
      }
      const overlapping = [...byKey.values()].filter((list) =>
        list.some(
          (f, i) => i > 0 && (list[i - 1].endsOn === null || list[i - 1].endsOn! >= f.startsOn),
        ),
      );
      expect(overlapping).toEqual([]);
      expect(flags.some((f) => truth.get(f.patientId)?.kind === 'ADULT')).toBe(true);
    });

    it("records parents' health concerns on adults only", () => {
      const truth = truthBy(world, 'health');
      expect(
        world.health.parentalConcerns.filter((c) => truth.get(c.patientId)?.kind !== 'ADULT'),
      ).toEqual([]);
    });

    it('excludes pupils from a school they were on roll at, on a weekday', () => {
      const { enrolments, exclusions } = world.education;
      const wrong = exclusions.filter(
        (x) =>
          weekdayOf(x.startDate) === 0 ||
          weekdayOf(x.startDate) === 6 ||
          x.sessions < 1 ||
          !enrolments.some(
            (e) =>
              e.pupilId === x.pupilId &&
              e.schoolUrn === x.schoolUrn &&
              e.startDate <= x.startDate &&
              (e.endDate === null || e.endDate >= x.startDate),
          ),
      );
      expect(wrong).toEqual([]);
    });

    it('ends the school place a permanent exclusion takes effect from, within weeks', () => {
      const { enrolments, exclusions } = world.education;
      const permanent = exclusions.filter((x) => x.kind === 'PERMANENT_EXCLUSION');
      expect(permanent.length).toBeGreaterThan(0);
      const wrong = permanent.filter(
        (x) =>
          !enrolments.some(
            (e) =>
              e.pupilId === x.pupilId &&
              e.schoolUrn === x.schoolUrn &&
              e.endDate !== null &&
              e.endDate >= x.startDate &&
              daysBetween(x.startDate, e.endDate) <= 40,
          ),
      );
      expect(wrong).toEqual([]);
    });

    it('uses DfE codes, with at most one open SEN provision per pupil', () => {
      // The codes the brief lists less WI (a 2020/21 public-health code the window never needs).
      const reasons = new Set([
        'PP',
        'PA',
        'VP',
        'VA',
        'BU',
        'RA',
        'SM',
        'DA',
        'DM',
        'TH',
        'PD',
        'MT',
        'OT',
      ]);
      expect(world.education.exclusions.filter((x) => !reasons.has(x.reasonCode))).toEqual([]);
      const needs = [
        'SPLD',
        'MLD',
        'SLD',
        'PMLD',
        'SEMH',
        'SLCN',
        'HI',
        'VI',
        'MSI',
        'PD',
        'ASD',
        'OTH',
        'NSA',
      ];
      const sen = world.education.senProvisions;
      expect(sen.filter((p) => !needs.includes(p.primaryNeed))).toEqual([]);
      expect(sen.filter((p) => p.provision === 'EHC_PLAN' && p.primaryNeed === 'NSA')).toEqual([]);
      expectUnique(
        sen.filter((p) => p.endDate === null).map((p) => p.pupilId),
        'open SEN provisions',
      );
    });

    it('takes children off every roll before home education or missing education', () => {
      const { enrolments, homeEducation, missingEducation } = world.education;
      const onRollAfter = (pupilId: string, day: string, inclusive: boolean): boolean =>
        enrolments.some(
          (e) =>
            e.pupilId === pupilId &&
            (e.endDate === null || (inclusive ? e.endDate >= day : e.endDate > day)),
        );
      expect(homeEducation.filter((h) => onRollAfter(h.pupilId, h.startDate, true))).toEqual([]);
      expect(missingEducation.filter((m) => onRollAfter(m.pupilId, m.reportedOn, false))).toEqual(
        [],
      );
    });

    it('gives free school meals only while on roll, in periods that do not overlap', () => {
      const { enrolments, freeMeals } = world.education;
      const span = new Map<string, [string, string]>();
      for (const e of enrolments) {
        const [from, to] = span.get(e.pupilId) ?? ['9999-12-31', '0000-01-01'];
        span.set(e.pupilId, [
          e.startDate < from ? e.startDate : from,
          (e.endDate ?? '9999-12-31') > to ? (e.endDate ?? '9999-12-31') : to,
        ]);
      }
      const byPupil = new Map<string, typeof freeMeals>();
      for (const f of freeMeals) byPupil.set(f.pupilId, [...(byPupil.get(f.pupilId) ?? []), f]);
      const wrong = [...byPupil.entries()].filter(([pupil, list]) => {
        const [from, to] = span.get(pupil) as [string, string];
        return list.some(
          (f, i) =>
            f.startDate < from ||
            (f.endDate ?? '9999-12-31') > to ||
            (i > 0 && (list[i - 1].endDate === null || list[i - 1].endDate! >= f.startDate)),
        );
      });
      expect(wrong).toEqual([]);
    });

    it('has every kind of record and every code at scale 0.05', () => {
      const { police, health, education } = mid;
      const used = <T>(rows: readonly T[], f: (row: T) => unknown) => new Set(rows.map(f));
      expect({
        dash: used(police.daNotifications, (d) => d.dashRisk),
        missingEnded: used(police.missingEpisodes, (m) => m.endedAt !== null),
        offences: used(police.arrests, (a) => a.offenceCategory),
        outcomes: used(police.arrests, (a) => a.outcome),
        orders: used(police.courtOrders, (o) => o.kind),
        services: used(health.communityContacts, (c) => c.service),
        contactKinds: used(health.communityContacts, (c) => c.kind),
        camhs: used(health.camhsReferrals, (c) => c.status),
        delivered: used(health.maternityEpisodes, (m) => m.deliveredOn !== null),
        flags: used(health.safeguardingFlags, (f) => f.code),
        parental: used(health.parentalConcerns, (c) => c.kind),
        exclusions: used(education.exclusions, (x) => x.kind),
        sen: used(education.senProvisions, (p) => p.provision),
        missingResolved: used(education.missingEducation, (m) => m.resolvedOn !== null),
      }).toEqual({
        dash: new Set(['STANDARD', 'MEDIUM', 'HIGH']),
        missingEnded: new Set([true, false]),
        offences: new Set([
          'VIOLENCE',
          'DOMESTIC_ABUSE',
          'SEXUAL',
          'DRUGS',
          'WEAPONS',
          'THEFT',
          'PUBLIC_ORDER',
        ]),
        outcomes: new Set([
          'CHARGED',
          'CAUTIONED',
          'RELEASED_UNDER_INVESTIGATION',
          'NO_FURTHER_ACTION',
          'CONVICTED',
        ]),
        orders: new Set([
          'NON_MOLESTATION_ORDER',
          'OCCUPATION_ORDER',
          'RESTRAINING_ORDER',
          'DOMESTIC_VIOLENCE_PROTECTION_ORDER',
          'CHILD_ARRANGEMENTS_PROHIBITED_STEPS',
        ]),
        services: new Set(['HEALTH_VISITING', 'SCHOOL_NURSING']),
        contactKinds: new Set([
          'NEW_BIRTH_VISIT',
          'SIX_TO_EIGHT_WEEK_REVIEW',
          'ONE_YEAR_REVIEW',
          'TWO_YEAR_REVIEW',
          'HOME_VISIT',
          'SCHOOL_ENTRY_REVIEW',
          'DROP_IN',
          'SAFEGUARDING_VISIT',
        ]),
        camhs: new Set(['WAITING', 'ACCEPTED', 'DECLINED', 'DISCHARGED']),
        delivered: new Set([true, false]),
        flags: new Set(['CP_PLAN', 'LOOKED_AFTER', 'SAFEGUARDING_CONCERN']),
        parental: new Set(['MENTAL_HEALTH', 'SUBSTANCE_MISUSE', 'ALCOHOL_MISUSE']),
        exclusions: new Set(['SUSPENSION', 'PERMANENT_EXCLUSION']),
        sen: new Set(['SEN_SUPPORT', 'EHC_PLAN']),
        missingResolved: new Set([true, false]),
      });
      expect(education.homeEducation.length).toBeGreaterThan(0);
      expect(police.maracReferrals.length).toBeGreaterThan(0);
      expect(health.gpRegistrations.length).toBeGreaterThan(0);
      expect(education.freeMeals.length).toBeGreaterThan(0);
    });

    it('keeps the rates roughly as intended at scale 0.25', () => {
      const big = generateWorld({ seed: SEED, scale: 0.25, asOf: AS_OF, months: MONTHS });
      const { daNotifications, maracReferrals } = big.police;
      const { pupils, senProvisions, freeMeals, homeEducation, exclusions } = big.education;
      const share = (part: number, whole: number) => Math.round((part / whole) * 1000) / 1000;
      const dash = (risk: string) =>
        share(daNotifications.filter((d) => d.dashRisk === risk).length, daNotifications.length);
      const referred = new Set(maracReferrals.map((m) => m.daNotificationId));
      const high = daNotifications.filter((d) => d.dashRisk === 'HIGH');
      const open = (rows: readonly { pupilId: string; endDate: string | null }[]) =>
        share(
          new Set(rows.filter((r) => r.endDate === null).map((r) => r.pupilId)).size,
          pupils.length,
        );
      const schoolAge = pupils.filter((p) => {
        const age = yearsBetween(p.dateOfBirth, AS_OF_DATE);
        return age >= 5 && age <= 15;
      }).length;
      const rates = {
        standard: dash('STANDARD'),
        medium: dash('MEDIUM'),
        high: dash('HIGH'),
        highReferredToMarac: share(high.filter((d) => referred.has(d.id)).length, high.length),
        senSupport: open(senProvisions.filter((p) => p.provision === 'SEN_SUPPORT')),
        ehcPlan: open(senProvisions.filter((p) => p.provision === 'EHC_PLAN')),
        freeMeals: open(freeMeals),
        homeEducated: share(homeEducation.length, schoolAge),
        suspensionsPer100AYear: share(exclusions.length * 50, pupils.length),
      };
      const within = (value: number, low: number, high: number) =>
        value >= low && value <= high ? 'ok' : value;
      // The DASH mix follows the occurrence summaries, which state it (45/40/15 behind contacts).
      expect({
        standard: within(rates.standard, 0.35, 0.55),
        medium: within(rates.medium, 0.3, 0.48),
        high: within(rates.high, 0.1, 0.22),
        highReferredToMarac: within(rates.highReferredToMarac, 0.8, 1),
        senSupport: within(rates.senSupport, 0.1, 0.17),
        ehcPlan: within(rates.ehcPlan, 0.03, 0.06),
        freeMeals: within(rates.freeMeals, 0.2, 0.3),
        homeEducated: within(rates.homeEducated, 0.005, 0.015),
        suspensionsPer100AYear: within(rates.suspensionsPer100AYear, 4, 11),
      }).toEqual({
        standard: 'ok',
        medium: 'ok',
        high: 'ok',
        highReferredToMarac: 'ok',
        senSupport: 'ok',
        ehcPlan: 'ok',
        freeMeals: 'ok',
        homeEducated: 'ok',
        suspensionsPer100AYear: 'ok',
      });
    });

    it('gives matched children and adults of the test world each kind of partner record', () => {
      const w = testWorld;
      const clean = (p: TruthPerson) =>
        Object.values(p.discrepancies).every((d) => !d || d.length === 0);
      const children = (agency: 'police' | 'health' | 'education') =>
        new Set(
          w.truth.people
            .filter((p) => p.kind === 'CHILD' && !p.unborn && p.socialcareId && clean(p))
            .map((p) =>
              agency === 'police' ? p.policeId : agency === 'health' ? p.healthId : p.educationId,
            )
            .filter((id): id is string => id !== null),
        );
      const withDob = new Set(w.socialcare.adults.filter((a) => a.dateOfBirth).map((a) => a.id));
      const adults = new Set(
        w.truth.people
          .filter(
            (p) => p.kind === 'ADULT' && p.socialcareId && withDob.has(p.socialcareId) && clean(p),
          )
          .flatMap((p) => (p.healthId ? [p.healthId] : [])),
      );
      /** How many of `among` hold such a record, up to the 3 the generator guarantees. */
      const holders = (held: string[], among: Set<string>) =>
        Math.min(3, new Set(held.filter((id) => among.has(id))).size);
      const police = children('police');
      const health = children('health');
      const education = children('education');
      const { police: p, health: h, education: e } = w;
      const flagged = (code: string) =>
        h.safeguardingFlags.filter((f) => f.code === code).map((f) => f.patientId);
      const parents = (kind: string) =>
        h.parentalConcerns.filter((c) => c.kind === kind).map((c) => c.patientId);
      const provided = (provision: string) =>
        e.senProvisions.filter((s) => s.provision === provision).map((s) => s.pupilId);
      expect({
        missing: holders(
          p.missingEpisodes.map((m) => m.personId),
          police,
        ),
        camhs: holders(
          h.camhsReferrals.map((c) => c.patientId),
          health,
        ),
        cpPlan: holders(flagged('CP_PLAN'), health),
        lookedAfter: holders(flagged('LOOKED_AFTER'), health),
        childConcern: holders(flagged('SAFEGUARDING_CONCERN'), health),
        adultConcern: holders(flagged('SAFEGUARDING_CONCERN'), adults),
        mentalHealth: holders(parents('MENTAL_HEALTH'), adults),
        substance: holders(parents('SUBSTANCE_MISUSE'), adults),
        alcohol: holders(parents('ALCOHOL_MISUSE'), adults),
        suspended: holders(
          e.exclusions.map((x) => x.pupilId),
          education,
        ),
        senSupport: holders(provided('SEN_SUPPORT'), education),
        ehcPlan: holders(provided('EHC_PLAN'), education),
        homeEducated: holders(
          e.homeEducation.map((x) => x.pupilId),
          education,
        ),
        missingEducation: holders(
          e.missingEducation.map((x) => x.pupilId),
          education,
        ),
      }).toEqual({
        missing: 3,
        camhs: 3,
        cpPlan: 3,
        lookedAfter: 3,
        childConcern: 3,
        adultConcern: 3,
        mentalHealth: 3,
        substance: 3,
        alcohol: 3,
        suspended: 3,
        senSupport: 3,
        ehcPlan: 3,
        homeEducated: 3,
        missingEducation: 3,
      });
    });
  });
});

import { generateWorld, type TruthPerson, type World } from '../../seed/world';
import { isValidNhsNumber, isValidPncId, isValidUpn } from '../../shared/identifiers';
import {
  SCALE,
  SEED,
  AS_OF,
  MONTHS,
  DATE,
  INSTANT,
  HOUR,
  ids,
  expectUnique,
  expectAllIn,
  has,
  ageOn,
} from '../support/generate';

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
});

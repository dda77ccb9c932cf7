import {
  generateWorld,
  stripAccents,
  type Discrepancy,
  type TruthPerson,
  type World,
} from '../../seed/world';
import {
  SCALE,
  SEED,
  AS_OF,
  MONTHS,
  expectUnique,
  expectAllIn,
  has,
  londonDate,
  yearsBetween,
  SENSITIVE_BY_REASON,
  matchedChildren,
} from '../support/generate';

describe('generateWorld', () => {
  let world: World;

  beforeAll(() => {
    world = generateWorld({ seed: SEED, scale: SCALE, asOf: AS_OF, months: MONTHS });
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

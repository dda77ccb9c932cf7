import { generateWorld, type World } from '../../seed/world';
import {
  SCALE,
  SEED,
  AS_OF,
  MONTHS,
  londonDate,
  yearsBetween,
  AS_OF_DATE,
  truthBy,
  trueDob,
} from '../support/generate';

describe('generateWorld', () => {
  let world: World;

  beforeAll(() => {
    world = generateWorld({ seed: SEED, scale: SCALE, asOf: AS_OF, months: MONTHS });
  });

  describe('partner records', () => {
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
  });
});

import { generateWorld, type World } from '../../seed/world';
import {
  SCALE,
  SEED,
  AS_OF,
  MONTHS,
  expectUnique,
  daysBetween,
  weekdayOf,
} from '../support/generate';

describe('generateWorld', () => {
  let world: World;

  beforeAll(() => {
    world = generateWorld({ seed: SEED, scale: SCALE, asOf: AS_OF, months: MONTHS });
  });

  describe('partner records', () => {
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
  });
});

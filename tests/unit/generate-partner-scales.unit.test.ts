import { generateWorld, type TruthPerson, type World } from '../../seed/world';
import { AS_OF, AS_OF_DATE, MONTHS, SEED, yearsBetween } from '../support/generate';

describe('generateWorld', () => {
  describe('partner records', () => {
    let mid: World;
    let testWorld: World;

    beforeAll(() => {
      mid = generateWorld({ seed: SEED, scale: 0.05, asOf: AS_OF, months: MONTHS });
      // The world the integration and end-to-end tests run on.
      testWorld = generateWorld({ seed: 7, scale: 0.01, asOf: AS_OF });
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

import { generateWorld, type World } from '../../seed/world';
import {
  SCALE,
  SEED,
  AS_OF,
  MONTHS,
  DATE,
  INSTANT,
  ids,
  expectUnique,
  expectAllIn,
  londonDate,
  WINDOW_START,
  AS_OF_DATE,
} from '../support/generate';

describe('generateWorld', () => {
  let world: World;

  beforeAll(() => {
    world = generateWorld({ seed: SEED, scale: SCALE, asOf: AS_OF, months: MONTHS });
  });

  describe('partner records', () => {
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
  });
});

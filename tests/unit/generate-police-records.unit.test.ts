import { generateWorld, type World } from '../../seed/world';
import {
  SCALE,
  SEED,
  AS_OF,
  MONTHS,
  HOUR,
  londonDate,
  yearsBetween,
  AS_OF_DATE,
  daysBetween,
  weekdayOf,
  truthBy,
  trueDob,
} from '../support/generate';

describe('generateWorld', () => {
  let world: World;

  beforeAll(() => {
    world = generateWorld({ seed: SEED, scale: SCALE, asOf: AS_OF, months: MONTHS });
  });

  describe('partner records', () => {
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
  });
});

import {
  generateWorld,
  stripAccents,
  type Discrepancy,
  type TruthPerson,
  type World,
} from '../../seed/world';
import { SCALE, SEED, AS_OF, MONTHS, HOUR, type Agency, has } from '../support/generate';

describe('generateWorld', () => {
  let world: World;

  beforeAll(() => {
    world = generateWorld({ seed: SEED, scale: SCALE, asOf: AS_OF, months: MONTHS });
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
});

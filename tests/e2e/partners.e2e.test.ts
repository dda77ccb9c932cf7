import { PARTNER_AGENCIES } from '../../shared/agencies';
import type { SubgraphName } from '../../shared/config';
import { isInBlock, matchPerson } from '../../shared/partner/matching';
import type { World } from '../../seed/world';
import { dataStatements, startSystem, testWorld, type RunningSystem } from '../support/system';

// Partner checks through the gateway: practitioners' match decisions, household adults, the merged
// chronology, and what they cost in SQL. Who may see what is specified in access.e2e.test.ts.
const BREAK_GLASS = { breakGlass: 'Partner checks test: reading every section' };

const RECORD_DECISION = `
  mutation ($input: RecordMatchDecisionInput!) {
    recordMatchDecision(input: $input) {
      id childId agency agencyReference decision reason decidedBy decidedByAgency decidedAt
    }
  }`;

const POLICE_MATCH = `
  query ($id: ID!) {
    child(id: $id) {
      matchDecisions { agency agencyReference decision }
      police { match { level reasons agencyReference candidates { agencyReference score reasons } } person { id } }
    }
  }`;

interface PoliceMatch {
  child: {
    matchDecisions: { agency: string; agencyReference: string; decision: string }[];
    police: {
      match: {
        level: string;
        reasons: string[];
        agencyReference: string | null;
        candidates: { agencyReference: string; score: number; reasons: string[] }[];
      };
      person: { id: string } | null;
    };
  };
}

/** Socialcare children the police match (by the same rules the subgraph runs) only as POSSIBLE. */
function policePossibles(world: World): { childId: string; reference: string }[] {
  const postcodes = new Map(world.socialcare.households.map((h) => [h.id, h.postcode]));
  const persons = world.police.persons.map((p) => ({ ...p, identifiers: [], record: p }));
  return world.socialcare.children.flatMap((c) => {
    if (!c.dateOfBirth) return [];
    const probe = { ...c, postcode: c.householdId ? (postcodes.get(c.householdId) ?? null) : null };
    const result = matchPerson(
      probe,
      { identifier: { label: 'PNC id', value: null } },
      persons.filter((p) => isInBlock(probe, p, null, 'POLICE')),
    );
    return result.level === 'POSSIBLE' && result.candidates.length > 0
      ? [{ childId: c.id, reference: result.candidates[0].agencyReference }]
      : [];
  });
}

/** Children with police records, known from the ground truth (for tests only). */
function childrenKnownToPolice(world: World): { childId: string; policeId: string }[] {
  return world.truth.people
    .filter((p) => p.kind === 'CHILD' && !p.unborn && p.socialcareId && p.policeId)
    .map((p) => ({ childId: p.socialcareId as string, policeId: p.policeId as string }));
}

describe('partner checks through the gateway', () => {
  let system: RunningSystem;
  const world = testWorld();
  const known = childrenKnownToPolice(world);

  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(() => system.stop());

  const decide = (input: Record<string, unknown>, as: Record<string, string> = BREAK_GLASS) =>
    system.query<{ recordMatchDecision: Record<string, unknown> }>(
      RECORD_DECISION,
      { input: { reason: 'Checked with the family and the police MASH officer', ...input } },
      as,
    );
  const policeMatch = async (id: string) =>
    (await system.query<PoliceMatch>(POLICE_MATCH, { id }, BREAK_GLASS)).data!.child;

  describe('a possible match, settled by a practitioner', () => {
    const [possible] = policePossibles(world);

    it('is offered with its candidates and discloses nothing until decided', async () => {
      const child = await policeMatch(possible.childId);
      expect({
        level: child.police.match.level,
        candidates: child.police.match.candidates.map((c) => c.agencyReference),
        person: child.police.person,
        decisions: child.matchDecisions,
      }).toEqual({
        level: 'POSSIBLE',
        candidates: expect.arrayContaining([possible.reference]),
        person: null,
        decisions: [],
      });
    });

    it('once confirmed, is used exactly and recorded with who, when and why', async () => {
      const res = await decide({
        childId: possible.childId,
        agency: 'POLICE',
        agencyReference: possible.reference,
        decision: 'CONFIRMED',
      });
      expect(res.data!.recordMatchDecision).toEqual({
        id: expect.any(String),
        childId: possible.childId,
        agency: 'POLICE',
        agencyReference: possible.reference,
        decision: 'CONFIRMED',
        reason: 'Checked with the family and the police MASH officer',
        decidedBy: 'sc-practitioner',
        decidedByAgency: 'SOCIALCARE',
        decidedAt: expect.stringMatching(/Z$/),
      });
      const child = await policeMatch(possible.childId);
      expect({ match: child.police.match, person: child.police.person }).toEqual({
        match: {
          level: 'CONFIRMED',
          reasons: ['linked by a practitioner'],
          agencyReference: possible.reference,
          candidates: [],
        },
        person: { id: possible.reference },
      });
    });

    it('returns the same decision, and stores nothing more, when the confirmation is retried', async () => {
      const input = {
        childId: possible.childId,
        agency: 'POLICE',
        agencyReference: possible.reference,
        decision: 'CONFIRMED',
      };
      const first = await decide(input);
      const again = await decide(input);
      expect(again.data!.recordMatchDecision).toEqual(first.data!.recordMatchDecision);
      expect((await policeMatch(possible.childId)).matchDecisions).toEqual([
        { agency: 'POLICE', agencyReference: possible.reference, decision: 'CONFIRMED' },
      ]);
    });

    it('refuses to confirm a second police record for the same child', async () => {
      const res = await decide({
        childId: possible.childId,
        agency: 'POLICE',
        agencyReference: 'PP999999',
        decision: 'CONFIRMED',
      });
      expect(res.errors!.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
        ['MATCH_ALREADY_CONFIRMED', 'agencyReference'],
      ]);
    });
  });

  describe('a link that cannot be trusted', () => {
    it('discloses nothing when the linked record does not resemble the child', async () => {
      // Another child's police record, confirmed for this one by mistake.
      const [{ childId }, { policeId: strangers }] = [known[4], known[5]];
      const linked = await decide({
        childId,
        agency: 'POLICE',
        agencyReference: strangers,
        decision: 'CONFIRMED',
      });
      expect(linked.errors).toBeUndefined();
      const child = await policeMatch(childId);
      expect({
        level: child.police.match.level,
        reason: child.police.match.reasons[0],
        person: child.police.person,
      }).toEqual({
        level: 'POSSIBLE',
        reason: 'the record a practitioner linked does not resemble this person',
        person: null,
      });
    });

    it('refuses to confirm one record as two children', async () => {
      const [first, second] = [known[6], known[7]];
      await decide({
        childId: first.childId,
        agency: 'POLICE',
        agencyReference: first.policeId,
        decision: 'CONFIRMED',
      });
      const res = await decide({
        childId: second.childId,
        agency: 'POLICE',
        agencyReference: first.policeId,
        decision: 'CONFIRMED',
      });
      expect(res.errors!.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
        ['MATCH_RECORD_CONFIRMED_ELSEWHERE', 'agencyReference'],
      ]);
    });

    it('shows the decisions only to a user with a relationship to the child', async () => {
      // A child with no open contact and no case: no relationship without a break-glass reason.
      const unrelated = known.find(
        (k) =>
          !world.socialcare.contactChildren.some(
            (cc) => cc.childId === k.childId && !cc.decidedAt,
          ) && !world.socialcare.referrals.some((r) => r.childId === k.childId),
      )!;
      await decide({
        childId: unrelated.childId,
        agency: 'POLICE',
        agencyReference: 'PP999998',
        decision: 'REJECTED',
      });
      const read = (as: Record<string, string>) =>
        system.query<{ child: { matchDecisions: unknown } }>(
          `query ($id: ID!) { child(id: $id) { id matchDecisions { agency agencyReference } } }`,
          { id: unrelated.childId },
          as,
        );
      const [without, withReason] = [
        await read({ as: 'education-mash' }),
        await read({ as: 'education-mash', ...BREAK_GLASS }),
      ];
      expect({
        without: [
          without.data!.child.matchDecisions,
          without.errors!.map((e) => e.extensions?.code),
        ],
        withReason: [withReason.data!.child.matchDecisions, withReason.errors],
      }).toEqual({
        without: [null, ['FORBIDDEN_NO_RELATIONSHIP']],
        withReason: [[{ agency: 'POLICE', agencyReference: 'PP999998' }], undefined],
      });
    });
  });

  describe('a rejected record', () => {
    it('is never offered again, and the child is matched without it', async () => {
      const { childId, policeId } = known[1];
      const before = await policeMatch(childId);
      expect(before.police.match.agencyReference).toBe(policeId);
      await decide({ childId, agency: 'POLICE', agencyReference: policeId, decision: 'REJECTED' });
      const after = await policeMatch(childId);
      expect({
        reference: after.police.match.agencyReference,
        offered: after.police.match.candidates.map((c) => c.agencyReference),
        person: after.police.person?.id ?? null,
      }).toEqual({ reference: null, offered: [], person: null });
    });

    it('can be confirmed after all, replacing the rejection', async () => {
      const { childId, policeId } = known[2];
      await decide({ childId, agency: 'POLICE', agencyReference: policeId, decision: 'REJECTED' });
      await decide({ childId, agency: 'POLICE', agencyReference: policeId, decision: 'CONFIRMED' });
      const child = await policeMatch(childId);
      expect([child.matchDecisions, child.police.person]).toEqual([
        [{ agency: 'POLICE', agencyReference: policeId, decision: 'CONFIRMED' }],
        { id: policeId },
      ]);
    });
  });

  describe('recording a decision refuses', () => {
    const childId = () => known[3].childId;

    it.each([
      ['a reference with spaces', { agencyReference: 'PP 12' }, 'agencyReference'],
      ['a reason under 10 characters', { reason: 'same' }, 'reason'],
    ])('%s, naming the field', async (_, override, field) => {
      const res = await decide({
        childId: childId(),
        agency: 'POLICE',
        agencyReference: known[3].policeId,
        decision: 'CONFIRMED',
        ...override,
      });
      expect(res.errors!.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
        ['BAD_USER_INPUT', field],
      ]);
    });

    it('an agency that does not match children (SOCIALCARE)', async () => {
      const res = await decide({
        childId: childId(),
        agency: 'SOCIALCARE',
        agencyReference: 'PP000001',
        decision: 'REJECTED',
      });
      expect(res.errors!.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    });

    it('an analyst (FORBIDDEN_ROLE)', async () => {
      const res = await decide(
        { childId: childId(), agency: 'POLICE', agencyReference: 'PP000001', decision: 'REJECTED' },
        { as: 'analyst' },
      );
      expect(res.errors!.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN_ROLE']);
    });

    it('a practitioner with no relationship to the child and no break-glass reason', async () => {
      const closed = world.socialcare.children.find(
        (c) =>
          !world.socialcare.contactChildren.some((cc) => cc.childId === c.id && !cc.decidedAt) &&
          !world.socialcare.referrals.some((r) => r.childId === c.id),
      )!;
      const res = await decide(
        { childId: closed.id, agency: 'POLICE', agencyReference: 'PP000001', decision: 'REJECTED' },
        {},
      );
      expect(res.errors!.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN_NO_RELATIONSHIP']);
    });

    it('an unknown child (NOT_FOUND)', async () => {
      const res = await decide({
        childId: 'SC999999',
        agency: 'POLICE',
        agencyReference: 'PP000001',
        decision: 'REJECTED',
      });
      expect(res.errors!.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([
        ['NOT_FOUND', 'childId'],
      ]);
    });
  });

  describe('the merged chronology', () => {
    const EVENT = 'at agency kind summary severity';
    const CHRONOLOGY = `
      query ($id: ID!) {
        child(id: $id) {
          chronology { ${EVENT} }
          policeEvents { ${EVENT} }
          healthEvents { ${EVENT} }
          educationEvents { ${EVENT} }
          probationEvents { ${EVENT} }
        }
      }`;
    type Event = { at: string; agency: string; kind: string; summary: string; severity: string };

    it("holds every agency's events, oldest first, each with its agency", async () => {
      // A child every partner holds and socialcare has contacts for.
      const rich = world.truth.people.find(
        (p) =>
          p.socialcareId &&
          p.policeId &&
          p.healthId &&
          p.educationId &&
          world.police.occurrencePersons.some((o) => o.personId === p.policeId) &&
          world.socialcare.contactChildren.some((cc) => cc.childId === p.socialcareId),
      )!;
      const res = await system.query<{
        child: Record<
          'chronology' | `${'police' | 'health' | 'education' | 'probation'}Events`,
          Event[]
        >;
      }>(CHRONOLOGY, { id: rich.socialcareId }, BREAK_GLASS);
      expect(res.errors).toBeUndefined();
      const { chronology, policeEvents, healthEvents, educationEvents, probationEvents } =
        res.data!.child;
      const times = chronology.map((e) => Date.parse(e.at));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      const partnerEvents = [
        ...policeEvents,
        ...healthEvents,
        ...educationEvents,
        ...probationEvents,
      ];
      expect({
        agencies: [...new Set(chronology.map((e) => e.agency))].sort(),
        partners: chronology.filter((e) => e.agency !== 'SOCIALCARE').length,
        everyPartnerEventIncluded: partnerEvents.every((p) =>
          chronology.some((e) => e.at === p.at && e.kind === p.kind && e.agency === p.agency),
        ),
      }).toEqual({
        agencies: [
          'EDUCATION',
          'HEALTH',
          'POLICE',
          ...(probationEvents.length > 0 ? ['PROBATION'] : []),
          'SOCIALCARE',
        ],
        partners: partnerEvents.length,
        everyPartnerEventIncluded: true,
      });
    });
  });

  describe('household adults', () => {
    it("shows each adult's police and health findings, matched like a child", async () => {
      const adult = world.truth.people.find(
        (p) =>
          p.kind === 'ADULT' &&
          p.socialcareId &&
          world.socialcare.adults.some((a) => a.id === p.socialcareId && a.dateOfBirth) &&
          p.policeId &&
          p.healthId &&
          Object.values(p.discrepancies).every((d) => !d || d.length === 0),
      )!;
      const sc = world.socialcare.adults.find((a) => a.id === adult.socialcareId)!;
      const child = world.socialcare.children.find((c) => c.householdId === sc.householdId)!;
      const res = await system.query<{
        child: { household: { adults: Record<string, unknown>[] } };
      }>(
        `query ($id: ID!) {
          child(id: $id) {
            household { adults { id
              police { match { level agencyReference } summary }
              health { match { level agencyReference } summary } } }
          }
        }`,
        { id: child.id },
        BREAK_GLASS,
      );
      expect(res.errors).toBeUndefined();
      const found = res.data!.child.household.adults.find((a) => a.id === sc.id);
      const level = expect.stringMatching(/^(CONFIRMED|PROBABLE)$/);
      expect(found).toEqual({
        id: sc.id,
        police: { match: { level, agencyReference: adult.policeId }, summary: expect.any(String) },
        health: { match: { level, agencyReference: adult.healthId }, summary: expect.any(String) },
      });
    });
  });

  describe('what it costs', () => {
    const VIEW = `
      query ($id: ID!) {
        child(id: $id) {
          id
          household { adults { id
            police { match { level } summary arrests { id } }
            health { match { level } summary safeguardingFlags { code } } } }
          police { summary domesticAbuse { id } missingEpisodes { id } }
          health { summary communityContacts { id } safeguardingFlags { code } }
          education { summary exclusions { id } }
          chronology { at agency kind }
        }
      }`;

    it('costs each subgraph the same SQL statements for a one-adult household as for a larger one', async () => {
      // Statements follow the kinds of records reached, not their number: compare two children
      // that every partner holds cleanly, in households whose adults police and health hold too.
      const truthOf = new Map(world.truth.people.map((p) => [p.socialcareId, p]));
      const clean = (id: string, agencies: ('police' | 'health' | 'education')[]) => {
        const t = truthOf.get(id);
        return (
          !!t &&
          agencies.every((a) => t[`${a}Id`] !== null) &&
          Object.values(t.discrepancies).every((d) => !d || d.length === 0)
        );
      };
      const adultsOf = (householdId: string | null) =>
        world.socialcare.adults.filter((a) => a.householdId === householdId);
      const candidates = world.socialcare.children.filter((c) => {
        const adults = adultsOf(c.householdId);
        return (
          c.dateOfBirth &&
          clean(c.id, ['police', 'health', 'education']) &&
          adults.length > 0 &&
          adults.every((a) => a.dateOfBirth && clean(a.id, ['police', 'health']))
        );
      });
      const small = candidates.find((c) => adultsOf(c.householdId).length === 1)!;
      const large = candidates.find((c) => adultsOf(c.householdId).length >= 2)!;
      // The partners (a partner the view does not ask runs nothing either way): socialcare's
      // statements turn on the child's relationship too (break-glass is counted against the
      // allowance only when no other relationship holds), and no two clean children of the two
      // household sizes share one here.
      const names = PARTNER_AGENCIES.map((a) => a.name as SubgraphName);
      const measure = async (id: string) => {
        names.forEach((n) => system.subgraphs[n].statements.reset());
        const res = await system.query(VIEW, { id }, BREAK_GLASS);
        expect(res.errors).toBeUndefined();
        return names.map((n) => dataStatements(system.subgraphs[n].statements));
      };
      // The first break-glass for a child on a day records it against the user's allowance (a
      // write of its own); what is compared is a view's reads.
      await measure(large.id);
      await measure(small.id);
      expect(await measure(large.id)).toEqual(await measure(small.id));
    });
  });
});

import type { TruthPerson } from '../../seed/world';
import { auditOf, bySubject, DISCLOSURE_COLUMNS } from '../support/audit';
import { errorCodes } from '../support/errors';
import {
  ADULT_QUERY,
  adultRepresentation,
  children,
  cleanAdults,
  expectedArrests,
  expectedCourtOrders,
  expectedDomesticAbuse,
  expectedMarac,
  intelligenceOf,
  NO_RELATIONSHIP,
  richness,
  type Entities,
} from '../support/police-records';
import { startSubgraph, testWorld, type RunningSubgraph } from '../support/system';
import { childRepresentation, must } from '../support/truth';

// Police's records of a household adult (domestic abuse, arrests, MARAC, court orders and
// intelligence), asked through `_entities` as the gateway would and checked against the generated
// world (tests/support/police-records.ts); and what a child's and an adult's records cost in SQL.
// A child's section and chronology are in police-records.integration.test.ts.

const world = testWorld();

let police: RunningSubgraph;

beforeAll(async () => {
  police = await startSubgraph('police', world);
});
afterAll(() => police.stop());

describe("a household adult's police section", () => {
  const adultWith = (what: string, has: (policeId: string) => boolean) =>
    must(
      cleanAdults.find((p) => has(p.policeId!)),
      `clean household adult known to police with ${what}`,
    );
  const partiesIn = (id: string) => expectedCourtOrders(id).map((o) => o.party);
  /** A DA victim referred to MARAC whom an order protects. */
  const victim = adultWith(
    'a DA notification, a MARAC referral and an order protecting them',
    (id) =>
      expectedDomesticAbuse(id).some((d) => d.role === 'VICTIM') &&
      expectedMarac(id).length > 0 &&
      partiesIn(id).includes('PROTECTED'),
  );
  /** A DA perpetrator with arrests against whom an order was made. */
  const perpetrator = adultWith(
    'a DA notification as perpetrator, arrests and an order against them',
    (id) =>
      expectedDomesticAbuse(id).some((d) => d.role === 'PERPETRATOR') &&
      expectedArrests(id).length > 0 &&
      partiesIn(id).includes('RESPONDENT'),
  );
  const adult = victim;

  /** Every list of an adult's section, expected from the world. */
  const expectedAdultSection = (person: TruthPerson, summary: unknown) => {
    const id = person.policeId!;
    return {
      match: { level: 'PROBABLE', agencyReference: id },
      summary,
      person: { id },
      domesticAbuse: expectedDomesticAbuse(id),
      arrests: expectedArrests(id),
      maracReferrals: expectedMarac(id),
      courtOrders: expectedCourtOrders(id),
      intelligence: intelligenceOf(id)
        .sort((a, b) => b.recordedAt.localeCompare(a.recordedAt) || b.id.localeCompare(a.id))
        .map((i) => ({ id: i.id, handlingCode: i.handlingCode })),
    };
  };

  it('gives a victim’s and a perpetrator’s DA involvements with their part, arrests, MARAC and orders', async () => {
    const res = await police.query<Entities<{ police: Record<string, unknown> }>>(
      ADULT_QUERY,
      { r: [victim, perpetrator].map((p) => adultRepresentation(p.socialcareId!)) },
      { as: 'police-mash' },
    );
    expect({ errors: res.errors, adults: res.data?._entities.map((e) => e.police) }).toEqual({
      errors: undefined,
      adults: [
        expectedAdultSection(victim, expect.stringContaining('MARAC referral')),
        expectedAdultSection(perpetrator, expect.stringContaining('respondent to')),
      ],
    });
  });

  it('withholds the content of an adult’s C-coded item from a reader outside police, recording it', async () => {
    const holder = adultWith('C-coded intelligence', (id) =>
      intelligenceOf(id).some((i) => i.handlingCode === 'C'),
    );
    const items = intelligenceOf(holder.policeId!).sort(
      (a, b) => b.recordedAt.localeCompare(a.recordedAt) || b.id.localeCompare(a.id),
    );
    const requestId = `police-records-${Date.now()}-adult-c`;
    const res = await police.query<Entities<{ police: { intelligence: unknown[] } }>>(
      `query ($r: [_Any!]!) {
        _entities(representations: $r) {
          ... on Adult { police { intelligence { id handlingCode content } } }
        }
      }`,
      { r: [adultRepresentation(holder.socialcareId!)] },
      { requestId },
    );
    expect({
      intelligence: res.data?._entities[0].police.intelligence,
      errors: errorCodes(res),
      withheld: (await auditOf(police, requestId, DISCLOSURE_COLUMNS))
        .sort(bySubject)
        .filter((r) => r.outcome === 'WITHHELD'),
    }).toEqual({
      intelligence: items.map((i) => ({
        id: i.id,
        handlingCode: i.handlingCode,
        content: i.handlingCode === 'P' ? i.content : null,
      })),
      errors: items
        .map((i, n): [string, string] => [
          `_entities.0.police.intelligence.${n}.content`,
          i.handlingCode,
        ])
        .filter(([, code]) => code === 'C')
        .map(([path]) => [path, 'WITHHELD_HANDLING_CODE']),
      withheld: items
        .filter((i) => i.handlingCode === 'C')
        .map((i) => ({
          subject: `IntelligenceItem ${i.id}`,
          childId: null,
          fields: ['content'],
          outcome: 'WITHHELD',
          reason: 'WITHHELD_HANDLING_CODE',
        }))
        .sort((a, b) => a.subject.localeCompare(b.subject)),
    });
  });

  it('is recorded against the adult, with no child, and denied without a relationship', async () => {
    const allowedId = `police-records-${Date.now()}-adult`;
    const deniedId = `${allowedId}-denied`;
    const q = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Adult { id police { summary } } } }`;
    await police.query(
      q,
      { r: [adultRepresentation(adult.socialcareId!)] },
      { requestId: allowedId },
    );
    const denied = await police.query<Entities<unknown>>(
      q,
      { r: [adultRepresentation(adult.socialcareId!, NO_RELATIONSHIP)] },
      { requestId: deniedId },
    );
    const subject = `Adult ${adult.socialcareId} PoliceAdultSection`;
    expect({
      allowed: (await auditOf(police, allowedId, DISCLOSURE_COLUMNS))
        .sort(bySubject)
        .filter((r) => r.outcome !== 'WITHHELD'),
      denied: {
        data: denied.data,
        errors: errorCodes(denied),
        audit: (await auditOf(police, deniedId, DISCLOSURE_COLUMNS)).sort(bySubject),
      },
    }).toEqual({
      allowed: [
        {
          subject,
          childId: null,
          fields: ['summary'],
          outcome: 'DISCLOSED',
          reason: 'OPEN_CONTACT',
        },
      ],
      denied: {
        data: { _entities: [{ id: adult.socialcareId, police: null }] },
        errors: [['_entities.0.police', 'FORBIDDEN_NO_RELATIONSHIP']],
        audit: [
          {
            subject,
            childId: null,
            fields: ['summary'],
            outcome: 'DENIED',
            reason: 'FORBIDDEN_NO_RELATIONSHIP',
          },
        ],
      },
    });
  });
});

describe('the cost of police records', () => {
  it('answers 50 children’s records and chronologies with the same SQL statements as one', async () => {
    const rich = [...children].sort((a, b) => richness(b.policeId!) - richness(a.policeId!))[0];
    const others = world.socialcare.children.filter(
      (c) => c.dateOfBirth && c.id !== rich.socialcareId,
    );
    const ids = [rich.socialcareId!, ...others.map((c) => c.id)];
    const query = `query ($r: [_Any!]!) {
      _entities(representations: $r) {
        ... on Child {
          police {
            summary domesticAbuse { id otherParties { role } } missingEpisodes { id } arrests { id }
            maracReferrals { id } courtOrders { id inForce } intelligence { id } occurrences { id }
          }
          policeEvents { kind }
        }
      }
    }`;
    const count = async (n: number) => {
      police.statements.reset();
      const res = await police.query(query, {
        r: ids.slice(0, n).map((id) => childRepresentation(world, id, 'police')),
      });
      expect(res.errors).toBeUndefined();
      return police.statements.count;
    };
    const one = await count(1);
    const fifty = await count(50);
    expect({ fifty, positive: one > 0 }).toEqual({ fifty: one, positive: true });
  });

  it('answers a child and its household adults in one request with one statement for their records', async () => {
    const adultIn = (householdId: string | null) =>
      cleanAdults.find(
        (p) =>
          world.socialcare.adults.find((a) => a.id === p.socialcareId)?.householdId === householdId,
      );
    const child = must(
      children.find((c) =>
        adultIn(world.socialcare.children.find((s) => s.id === c.socialcareId)!.householdId),
      ),
      'clean child known to police with a clean household adult known to police',
    );
    const { householdId } = world.socialcare.children.find((s) => s.id === child.socialcareId)!;
    const adults = world.socialcare.adults.filter((a) => a.householdId === householdId);
    const query = `query ($r: [_Any!]!) {
      _entities(representations: $r) {
        ... on Child { police { match { level } summary occurrences { id } } policeEvents { kind } }
        ... on Adult { police { match { level } summary arrests { id } } }
      }
    }`;
    police.statements.reset();
    const res = await police.query<Entities<{ police: { match: { level: string } } }>>(query, {
      r: [
        childRepresentation(world, child.socialcareId!, 'police'),
        ...adults.map((a) => adultRepresentation(a.id)),
      ],
    });
    expect(res.errors).toBeUndefined();
    const matched = res.data!._entities.filter((e) => e.police.match.level === 'PROBABLE');
    // The child and at least one adult matched; the candidates of all of them, the records of
    // every one matched, and the audit write.
    expect({ matched: matched.length >= 2, statements: police.statements.count }).toEqual({
      matched: true,
      statements: 3,
    });
  });

  it('answers 50 household adults with the same SQL statements as one', async () => {
    const rich = [...cleanAdults].sort((a, b) => richness(b.policeId!) - richness(a.policeId!))[0];
    const ids = [
      rich.socialcareId!,
      ...world.socialcare.adults.filter((a) => a.id !== rich.socialcareId).map((a) => a.id),
    ];
    const count = async (n: number) => {
      police.statements.reset();
      const res = await police.query(ADULT_QUERY, {
        r: ids.slice(0, n).map((id) => adultRepresentation(id)),
      });
      expect(res.errors).toBeUndefined();
      return police.statements.count;
    };
    const one = await count(1);
    const fifty = await count(50);
    expect({ fifty, positive: one > 0 }).toEqual({ fifty: one, positive: true });
  });
});

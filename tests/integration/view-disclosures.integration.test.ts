import { appendAudit, type AuditEntry } from '../../shared/audit';
import { auditOf } from '../support/audit';
import { principalOf } from '../support/auth';
import { errorCodes } from '../support/errors';
import {
  dataStatements,
  startSubgraph,
  TEST_NOW,
  testWorld,
  type RunningSubgraph,
} from '../support/system';
import { childRepresentation, cleanChildren } from '../support/truth';
import type { RelationshipBasis } from '../../shared/access';
import { granted } from '../support/auth';

// "What the decision-maker knew": each partner adds to socialcare's ChildView the rows of its own
// audit log for the view's request and child, recorded for the view's decision-maker up to the
// decision. A disclosure is made first under a request id the test controls, then read back
// through `_entities` as the gateway would.

const world = testWorld();

type Partner = 'police' | 'health' | 'education';

/** The decision-maker whose view it was (the subgraphs' default test user) and the decision. */
const VIEWER = 'sc-practitioner';
const UNTIL = TEST_NOW.toISOString();
/** After the decision: what is recorded then was not known when deciding. */
const LATER = new Date(TEST_NOW.getTime() + 60_000);
/** The contact of the decision; partners carry it in the key and read nothing by it. */
const CONTACT_ID = 'CT0000001';

/**
 * Per partner: its view field, its audit agency, its section and the record field in it, a MASH
 * reader of its own agency, and a withholding as it records one (health and police as their
 * resolvers write them; education records none today, so a stand-in checks the rule).
 */
const PARTNERS: {
  name: Partner;
  field: string;
  agency: string;
  subject: string;
  recordField: string;
  ownReader: string;
  withheld: { subject: string; fields: string[]; reason: string };
}[] = [
  {
    name: 'police',
    field: 'policeDisclosures',
    agency: 'POLICE',
    subject: 'PoliceSection',
    recordField: 'person',
    ownReader: 'police-mash',
    withheld: {
      subject: 'IntelligenceItem INT000017',
      fields: ['agency', 'at', 'kind', 'severity', 'summary'],
      reason: 'WITHHELD_HANDLING_CODE',
    },
  },
  {
    name: 'health',
    field: 'healthDisclosures',
    agency: 'HEALTH',
    subject: 'HealthSection',
    recordField: 'patient',
    ownReader: 'health-mash',
    withheld: {
      subject: 'CamhsReferral CM000032',
      fields: ['healthEvents.kind', 'healthEvents.summary', 'healthEvents.severity'],
      reason: 'WITHHELD_SENSITIVE_HEALTH',
    },
  },
  {
    name: 'education',
    field: 'educationDisclosures',
    agency: 'EDUCATION',
    subject: 'EducationSection',
    recordField: 'pupil',
    ownReader: 'education-mash',
    withheld: {
      subject: 'SomethingWithheld E000001',
      fields: ['note'],
      reason: 'WITHHELD_FOR_TEST',
    },
  },
];

/**
 * A ChildView representation as the gateway would send it: socialcare's key, the decision-maker
 * and the decision's instant, and the child's relationship facts now.
 */
function view(
  requestId: string,
  childId: string,
  {
    viewerId = VIEWER,
    until = UNTIL,
    basis = 'OPEN_CONTACT',
  }: {
    viewerId?: string;
    until?: string;
    /** The basis socialcare's relationship grant states (null: no relationship). */
    basis?: RelationshipBasis | null;
  } = {},
) {
  return {
    __typename: 'ChildView',
    contactId: CONTACT_ID,
    childId,
    requestId,
    viewerId,
    until,
    relationshipGrant: granted(basis),
  };
}

/** A READ audit entry about a child (what `appendAudit` takes). */
const read = (
  childId: string,
  entry: Pick<AuditEntry, 'subject' | 'fields' | 'outcome' | 'reason'>,
): AuditEntry => ({
  action: 'READ',
  childId,
  lawfulBasis: entry.outcome === 'DISCLOSED' ? 'test' : null,
  ...entry,
});

let unique = 0;
/** A request id of the gateway's shape (`[\w-]{8,64}`), new for every call. */
const requestIdFor = (what: string) => `vd-${what}-${(unique += 1).toString().padStart(4, '0')}`;

describe.each(PARTNERS)(
  '$name: ChildView.$field',
  ({ name, field, agency, subject, recordField, ownReader, withheld }) => {
    let sub: RunningSubgraph;
    const [first, second] = cleanChildren(world, [name]);
    const childA = first.socialcareId!;
    const childB = second.socialcareId!;

    const SECTION = `
    query ($r: [_Any!]!) {
      _entities(representations: $r) {
        ... on Child { ${name} { match { level agencyReference } ${recordField} { id } } }
      }
    }`;
    const SECTION_FIELDS = ['match.agencyReference', 'match.level', `${recordField}.id`];

    const VIEWS = `
    query ($r: [_Any!]!) {
      _entities(representations: $r) {
        ... on ChildView {
          contactId
          childId
          requestId
          ${field} { agency auditSeq at subject fields outcome reason }
        }
      }
    }`;

    type Views = { _entities: ({ [k: string]: unknown } | null)[] };

    /** This partner's audit rows of one request about one child, as stored. */
    const rowsOf = async (requestId: string, childId: string) =>
      (
        await auditOf(sub, requestId, [
          'seq',
          'userId',
          'occurredAt',
          'action',
          'subject',
          'childId',
          'fields',
          'outcome',
          'reason',
        ])
      ).filter((r) => r.childId === childId);

    /** A stored row as the view field gives it. */
    const asDisclosure = (r: Awaited<ReturnType<typeof rowsOf>>[number]) => ({
      agency,
      auditSeq: r.seq,
      at: new Date(r.occurredAt).toISOString(),
      subject: r.subject,
      fields: r.fields,
      outcome: r.outcome,
      reason: r.reason,
    });

    /** A view entity as the query gives it. */
    const entity = (requestId: string, childId: string, disclosures: unknown) => ({
      contactId: CONTACT_ID,
      childId,
      requestId,
      [field]: disclosures,
    });

    /** The request a decision-maker made: child A disclosed on an open contact, child B refused. */
    let decisionRequest: string;
    /** Child A's rows of the decision request: the two section reads and the withholding. */
    let decided: {
      reads: ReturnType<typeof asDisclosure>[];
      withheld: ReturnType<typeof asDisclosure>;
      otherUser: ReturnType<typeof asDisclosure>;
      later: ReturnType<typeof asDisclosure>;
    };

    beforeAll(async () => {
      sub = await startSubgraph(name, world);
      decisionRequest = requestIdFor(name);
      const res = await sub.query(
        SECTION,
        {
          r: [
            childRepresentation(world, childA, name),
            childRepresentation(world, childB, name, null),
          ],
        },
        { as: VIEWER, requestId: decisionRequest },
      );
      expect(errorCodes(res)).toEqual([[`_entities.1.${name}`, 'FORBIDDEN_NO_RELATIONSHIP']]);
      // The gateway may call a subgraph more than once in one request: a second read of child A,
      // asking less, is a second row of the same request.
      const again = await sub.query(
        `query ($r: [_Any!]!) {
        _entities(representations: $r) { ... on Child { ${name} { match { level } } } }
      }`,
        { r: [childRepresentation(world, childA, name)] },
        { as: VIEWER, requestId: decisionRequest },
      );
      expect(again.errors).toBeUndefined();
      const ds = sub.database.dataSource;
      // In the same request, as the partner records it: a withholding, and a change (a change is
      // not a disclosure: it is left out for every reader).
      await appendAudit(
        ds,
        principalOf({ as: VIEWER, requestId: decisionRequest }),
        [
          read(childA, { ...withheld, outcome: 'WITHHELD' }),
          {
            action: 'CHANGE',
            subject: 'SomethingChanged',
            childId: childA,
            fields: ['note'],
            outcome: 'CHANGED',
            reason: null,
            lawfulBasis: null,
          },
        ],
        TEST_NOW,
      );
      // Another user reusing the request id (it comes from the client's X-Request-Id), and the
      // decision-maker reusing it after deciding: neither is what the decision-maker knew.
      const disclosed = read(childA, {
        subject,
        fields: ['match.level'],
        outcome: 'DISCLOSED',
        reason: 'OPEN_CONTACT',
      });
      await appendAudit(
        ds,
        principalOf({ as: 'sc-practitioner-south', requestId: decisionRequest }),
        [disclosed],
        TEST_NOW,
      );
      await appendAudit(
        ds,
        principalOf({ as: VIEWER, requestId: decisionRequest }),
        [disclosed],
        LATER,
      );
      const stored = await rowsOf(decisionRequest, childA);
      const byViewer = stored.filter((r) => r.userId === VIEWER && r.action === 'READ');
      decided = {
        reads: byViewer
          .filter((r) => r.outcome === 'DISCLOSED' && new Date(r.occurredAt) <= TEST_NOW)
          .map(asDisclosure),
        withheld: asDisclosure(byViewer.find((r) => r.outcome === 'WITHHELD')!),
        otherUser: asDisclosure(stored.find((r) => r.userId !== VIEWER)!),
        later: asDisclosure(byViewer.find((r) => new Date(r.occurredAt) > TEST_NOW)!),
      };
      // What the rows say, whole: the tests below use them by position.
      expect(stored.map((r) => [r.userId, r.action, r.subject, r.outcome])).toEqual([
        [VIEWER, 'READ', subject, 'DISCLOSED'],
        [VIEWER, 'READ', subject, 'DISCLOSED'],
        [VIEWER, 'READ', withheld.subject, 'WITHHELD'],
        [VIEWER, 'CHANGE', 'SomethingChanged', 'CHANGED'],
        ['sc-practitioner-south', 'READ', subject, 'DISCLOSED'],
        [VIEWER, 'READ', subject, 'DISCLOSED'],
      ]);
    });
    afterAll(() => sub.stop());

    it("gives exactly the decision-maker's reads of that request about that child, in audit order", async () => {
      const [rowB] = await rowsOf(decisionRequest, childB);
      const reader = requestIdFor(`${name}-reader`);
      // The reader is not the decision-maker: a manager reviewing the decision.
      const res = await sub.query<Views>(
        VIEWS,
        { r: [view(decisionRequest, childA), view(decisionRequest, childB)] },
        { as: 'sc-manager', requestId: reader },
      );
      const row = (seq: string, outcome: string, reason: string, fields = SECTION_FIELDS) => ({
        agency,
        auditSeq: seq,
        at: UNTIL,
        subject,
        fields,
        outcome,
        reason,
      });
      expect({ errors: res.errors, data: res.data }).toEqual({
        errors: undefined,
        data: {
          _entities: [
            entity(decisionRequest, childA, [
              row(decided.reads[0].auditSeq, 'DISCLOSED', 'OPEN_CONTACT'),
              row(decided.reads[1].auditSeq, 'DISCLOSED', 'OPEN_CONTACT', ['match.level']),
            ]),
            entity(decisionRequest, childB, [row(rowB.seq, 'DENIED', 'FORBIDDEN_NO_RELATIONSHIP')]),
          ],
        },
      });
      // Reading what was disclosed is itself a disclosure, recorded under the reader's request.
      const audited = await auditOf(sub, reader, [
        'userId',
        'subject',
        'childId',
        'fields',
        'outcome',
        'reason',
      ]);
      const fields = ['agency', 'at', 'auditSeq', 'fields', 'outcome', 'reason', 'subject'];
      expect(audited).toEqual(
        [childA, childB].map((childId) => ({
          userId: 'sc-manager',
          subject: `ChildView.${field}`,
          childId,
          fields,
          outcome: 'DISCLOSED',
          reason: 'OPEN_CONTACT',
        })),
      );
    });

    it('leaves out a row of another user under the same request id', async () => {
      // The same request and child, as one user's view and as the other's: each their own rows.
      const res = await sub.query<Views>(VIEWS, {
        r: [
          view(decisionRequest, childA),
          view(decisionRequest, childA, { viewerId: 'sc-practitioner-south' }),
        ],
      });
      expect({ errors: res.errors, data: res.data }).toEqual({
        errors: undefined,
        data: {
          _entities: [
            entity(decisionRequest, childA, decided.reads),
            entity(decisionRequest, childA, [decided.otherUser]),
          ],
        },
      });
    });

    it('leaves out a row written after the decision, and keeps one written at its instant', async () => {
      // Two decisions on the same view, a minute apart, in one request: each up to its own.
      const res = await sub.query<Views>(VIEWS, {
        r: [
          view(decisionRequest, childA),
          view(decisionRequest, childA, { until: LATER.toISOString() }),
          view(decisionRequest, childA, { until: new Date(TEST_NOW.getTime() - 1).toISOString() }),
        ],
      });
      expect({ errors: res.errors, data: res.data }).toEqual({
        errors: undefined,
        data: {
          _entities: [
            entity(decisionRequest, childA, decided.reads),
            entity(decisionRequest, childA, [...decided.reads, decided.later]),
            entity(decisionRequest, childA, []),
          ],
        },
      });
    });

    it(`gives the WITHHELD rows to a reader of ${agency} only, and leaves them out for anyone else`, async () => {
      const own = await sub.query<Views>(
        VIEWS,
        { r: [view(decisionRequest, childA)] },
        { as: ownReader },
      );
      const socialcare = await sub.query<Views>(
        VIEWS,
        { r: [view(decisionRequest, childA)] },
        { as: 'sc-practitioner' },
      );
      expect({
        own: { errors: own.errors, data: own.data },
        socialcare: { errors: socialcare.errors, data: socialcare.data },
      }).toEqual({
        own: {
          errors: undefined,
          data: {
            _entities: [entity(decisionRequest, childA, [...decided.reads, decided.withheld])],
          },
        },
        // Not counted, not summarised: the list is as if the withholding had never been recorded.
        socialcare: {
          errors: undefined,
          data: { _entities: [entity(decisionRequest, childA, decided.reads)] },
        },
      });
      expect(decided.withheld).toEqual({
        agency,
        auditSeq: expect.any(String),
        at: UNTIL,
        ...withheld,
        outcome: 'WITHHELD',
      });
    });

    it('gives an empty list for a view of another request', async () => {
      const other = requestIdFor(`${name}-other`);
      const res = await sub.query<Views>(VIEWS, { r: [view(other, childA)] });
      expect({ errors: res.errors, data: res.data }).toEqual({
        errors: undefined,
        data: { _entities: [entity(other, childA, [])] },
      });
    });

    it('refuses a view whose decision instant is not an instant, recording nothing', async () => {
      const requestId = requestIdFor(`${name}-bad`);
      const res = await sub.query<Views>(
        VIEWS,
        { r: [view(decisionRequest, childA, { until: 'yesterday' })] },
        { requestId },
      );
      expect({
        data: res.data,
        errors: errorCodes(res),
        audited: await rowsOf(requestId, childA),
      }).toEqual({
        data: { _entities: [entity(decisionRequest, childA, null)] },
        errors: [[`_entities.0.${field}`, 'BAD_USER_INPUT']],
        audited: [],
      });
    });

    it('refuses under the partner rule: no relationship, or a role that sees no child records', async () => {
      const closed = view(decisionRequest, childA, { basis: null });
      const practitioner = await sub.query<Views>(VIEWS, { r: [closed] });
      const analyst = await sub.query<Views>(
        VIEWS,
        { r: [view(decisionRequest, childA)] },
        {
          as: 'analyst',
        },
      );
      // The team holding the case opens it without an open contact: child A's two reads.
      const caseTeam = await sub.query<Views>(VIEWS, {
        r: [view(decisionRequest, childA, { basis: 'CASE_TEAM' })],
      });
      expect({
        practitioner: [practitioner.data?._entities[0], errorCodes(practitioner)],
        analyst: [analyst.data?._entities[0], errorCodes(analyst)],
        caseTeam: [caseTeam.data?._entities[0], errorCodes(caseTeam)],
      }).toEqual({
        practitioner: [
          entity(decisionRequest, childA, null),
          [[`_entities.0.${field}`, 'FORBIDDEN_NO_RELATIONSHIP']],
        ],
        analyst: [
          entity(decisionRequest, childA, null),
          [[`_entities.0.${field}`, 'FORBIDDEN_ROLE']],
        ],
        caseTeam: [entity(decisionRequest, childA, decided.reads), []],
      });
    });

    it('reads any number of views in one statement, and nothing but its audit log', async () => {
      const children = cleanChildren(world, [name])
        .slice(0, 10)
        .map((p) => p.socialcareId!);
      const count = async (views: ReturnType<typeof view>[]) => {
        sub.statements.reset();
        const res = await sub.query<Views>(VIEWS, { r: views });
        expect(res.errors).toBeUndefined();
        return {
          total: sub.statements.count,
          viewReads: sub.statements.statements.filter((s) => /unnest\(/.test(s)).length,
          otherData: dataStatements(sub.statements),
        };
      };
      const one = await count([view(decisionRequest, childA)]);
      const many = await count([
        view(decisionRequest, childB),
        ...children.map((c) => view(decisionRequest, c)),
        ...children.map((c) => view(requestIdFor(`${name}-many`), c)),
        ...children.map((c) =>
          view(decisionRequest, c, {
            viewerId: 'sc-practitioner-south',
            until: LATER.toISOString(),
          }),
        ),
      ]);
      expect({ one, many }).toEqual({
        one: { total: one.total, viewReads: 1, otherData: 0 },
        many: { total: one.total, viewReads: 1, otherData: 0 },
      });
    });
  },
);

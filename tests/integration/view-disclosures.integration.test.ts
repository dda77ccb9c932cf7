import { appendAudit } from '../../shared/audit';
import { principalOf } from '../support/auth';
import {
  dataStatements,
  startSubgraph,
  TEST_NOW,
  testWorld,
  type GraphQLResponse,
  type RunningSubgraph,
} from '../support/system';
import { childRepresentation, cleanChildren } from '../support/truth';

// "What the decision-maker knew": each partner adds to socialcare's ChildView the rows of its own
// audit log for the view's request and child. A disclosure is made first under a request id the
// test controls, then read back through `_entities` as the gateway would.

const world = testWorld();

type Partner = 'police' | 'health' | 'education';

/** Per partner: its view field, its audit agency, its section and the record field in it. */
const PARTNERS: {
  name: Partner;
  field: string;
  agency: string;
  subject: string;
  recordField: string;
}[] = [
  {
    name: 'police',
    field: 'policeDisclosures',
    agency: 'POLICE',
    subject: 'PoliceSection',
    recordField: 'person',
  },
  {
    name: 'health',
    field: 'healthDisclosures',
    agency: 'HEALTH',
    subject: 'HealthSection',
    recordField: 'patient',
  },
  {
    name: 'education',
    field: 'educationDisclosures',
    agency: 'EDUCATION',
    subject: 'EducationSection',
    recordField: 'pupil',
  },
];

/** Each error as [path, code], sorted, for comparing whole. */
function errorCodes(res: GraphQLResponse<unknown>): [string, unknown][] {
  return (res.errors ?? [])
    .map((e): [string, unknown] => [(e.path ?? []).join('.'), e.extensions?.code])
    .sort((a, b) => a[0].localeCompare(b[0]));
}

/** A ChildView representation as the gateway would send it: socialcare's key and facts now. */
function view(
  requestId: string,
  childId: string,
  relationship: { hasOpenContact: boolean; caseTeam: string | null } = {
    hasOpenContact: true,
    caseTeam: null,
  },
) {
  return { __typename: 'ChildView', requestId, childId, ...relationship };
}

let unique = 0;
/** A request id of the gateway's shape (`[\w-]{8,64}`), new for every call. */
const requestIdFor = (what: string) => `vd-${what}-${(unique += 1).toString().padStart(4, '0')}`;

describe.each(PARTNERS)(
  '$name: ChildView.$field',
  ({ name, field, agency, subject, recordField }) => {
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
          requestId
          childId
          ${field} { agency auditSeq at subject fields outcome reason }
        }
      }
    }`;

    type Views = { _entities: ({ [k: string]: unknown } | null)[] };

    /** This partner's audit rows of one request about one child, as stored. */
    const rowsOf = async (requestId: string, childId: string) =>
      (await sub.database.dataSource.query(
        `SELECT seq::text AS seq, action, subject FROM audit_log
        WHERE request_id = $1 AND child_id = $2 ORDER BY seq`,
        [requestId, childId],
      )) as { seq: string; action: string; subject: string }[];

    /** The request a decision-maker made: child A disclosed on an open contact, child B refused. */
    let decisionRequest: string;

    beforeAll(async () => {
      sub = await startSubgraph(name, world);
      decisionRequest = requestIdFor(name);
      const res = await sub.query(
        SECTION,
        {
          r: [
            childRepresentation(world, childA, name),
            childRepresentation(world, childB, name, { hasOpenContact: false, caseTeam: null }),
          ],
        },
        { requestId: decisionRequest },
      );
      expect(errorCodes(res)).toEqual([[`_entities.1.${name}`, 'FORBIDDEN_NO_RELATIONSHIP']]);
      // The gateway may call a subgraph more than once in one request: a second read of child A,
      // asking less, is a second row of the same request.
      const again = await sub.query(
        `query ($r: [_Any!]!) {
        _entities(representations: $r) { ... on Child { ${name} { match { level } } } }
      }`,
        { r: [childRepresentation(world, childA, name)] },
        { requestId: decisionRequest },
      );
      expect(again.errors).toBeUndefined();
      // A change recorded under the same request and child is not a disclosure: it is left out.
      await appendAudit(
        sub.database.dataSource,
        principalOf({ requestId: decisionRequest }),
        [
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
    });
    afterAll(() => sub.stop());

    it('gives exactly the reads of that request about that child, in audit order', async () => {
      const [rowA, rowA2] = (await rowsOf(decisionRequest, childA)).filter(
        (r) => r.action === 'READ',
      );
      const [rowB] = await rowsOf(decisionRequest, childB);
      const reader = requestIdFor(`${name}-reader`);
      const res = await sub.query<Views>(
        VIEWS,
        { r: [view(decisionRequest, childA), view(decisionRequest, childB)] },
        { requestId: reader },
      );
      const row = (seq: string, outcome: string, reason: string, fields = SECTION_FIELDS) => ({
        agency,
        auditSeq: seq,
        at: TEST_NOW.toISOString(),
        subject,
        fields,
        outcome,
        reason,
      });
      expect({ errors: res.errors, data: res.data }).toEqual({
        errors: undefined,
        data: {
          _entities: [
            {
              requestId: decisionRequest,
              childId: childA,
              [field]: [
                row(rowA.seq, 'DISCLOSED', 'OPEN_CONTACT'),
                row(rowA2.seq, 'DISCLOSED', 'OPEN_CONTACT', ['match.level']),
              ],
            },
            {
              requestId: decisionRequest,
              childId: childB,
              [field]: [row(rowB.seq, 'DENIED', 'FORBIDDEN_NO_RELATIONSHIP')],
            },
          ],
        },
      });
      // Reading what was disclosed is itself a disclosure, recorded under the reader's request.
      const audited = (await sub.database.dataSource.query(
        `SELECT subject, child_id AS "childId", fields, outcome, reason FROM audit_log
        WHERE request_id = $1 ORDER BY seq`,
        [reader],
      )) as unknown[];
      const fields = ['agency', 'at', 'auditSeq', 'fields', 'outcome', 'reason', 'subject'];
      expect(audited).toEqual(
        [childA, childB].map((childId) => ({
          subject: `ChildView.${field}`,
          childId,
          fields,
          outcome: 'DISCLOSED',
          reason: 'OPEN_CONTACT',
        })),
      );
    });

    it('gives an empty list for a view of another request', async () => {
      const res = await sub.query<Views>(VIEWS, {
        r: [view(requestIdFor(`${name}-other`), childA)],
      });
      expect({ errors: res.errors, disclosures: res.data?._entities[0]?.[field] }).toEqual({
        errors: undefined,
        disclosures: [],
      });
    });

    it('refuses under the partner rule: no relationship, or a role that sees no child records', async () => {
      const closed = view(decisionRequest, childA, { hasOpenContact: false, caseTeam: null });
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
        r: [view(decisionRequest, childA, { hasOpenContact: false, caseTeam: 'MASH North' })],
      });
      expect({
        practitioner: [practitioner.data?._entities[0]?.[field], errorCodes(practitioner)],
        analyst: [analyst.data?._entities[0]?.[field], errorCodes(analyst)],
        caseTeam: [
          (caseTeam.data?._entities[0]?.[field] as { outcome: string }[]).map((d) => d.outcome),
          errorCodes(caseTeam),
        ],
      }).toEqual({
        practitioner: [null, [[`_entities.0.${field}`, 'FORBIDDEN_NO_RELATIONSHIP']]],
        analyst: [null, [[`_entities.0.${field}`, 'FORBIDDEN_ROLE']]],
        caseTeam: [['DISCLOSED', 'DISCLOSED'], []],
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
      ]);
      expect({ one, many }).toEqual({
        one: { total: one.total, viewReads: 1, otherData: 0 },
        many: { total: one.total, viewReads: 1, otherData: 0 },
      });
    });
  },
);

import { Writable } from 'node:stream';
import { listen, type RunningServer } from '../../shared/http';
import { pseudonymise } from '../../subgraphs/socialcare/pseudonym';
import { ANNEX_A_LISTS, exportAnnexAList } from '../../subgraphs/socialcare/exports/annexA';
import { createServer } from '../../subgraphs/socialcare/server';
import { auditOf } from '../support/audit';
import {
  internalToken,
  principalOf,
  testGrantVerifier,
  testInternalVerifier,
} from '../support/auth';
import { codes } from '../support/errors';
import {
  postGraphQL,
  startSubgraph,
  TEST_NOW,
  TEST_PSEUDONYM_KEY,
  testWorld,
  type RunningSubgraph,
} from '../support/system';

// The reference list of contact sources and Ofsted's Annex A lists as socialcare answers them
// over GraphQL. The seeded test world's contacts all fall from November 2024 on, so the periods
// here (2016) hold only the contacts these tests write themselves. The server is started with a
// cap of 3 rows, so a list of 3 is answered and one of 4 refused. Instants are UTC; BST began at
// 01:00 UTC on 27 March 2016.

const MAX_ROWS = 3;

const CONTACT_SOURCES_QUERY = `{ contactSources { code label } }`;

const LIST_QUERY = `query ($list: AnnexAList!, $from: Date!, $to: Date!) {
  annexAList(list: $list, from: $from, to: $to) { list from to filename rows csv }
}`;

interface ListFile {
  list: string;
  from: string;
  to: string;
  filename: string;
  rows: number;
  csv: string;
}

/** What exportAnnexAList writes, as text. */
async function exported(sc: RunningSubgraph, from: string, to: string): Promise<string> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await exportAnnexAList(
    sc.database.dataSource,
    'LIST_1',
    { from, to, pseudonymKey: TEST_PSEUDONYM_KEY },
    out,
  );
  return Buffer.concat(chunks).toString('utf8');
}

describe('contact sources and Annex A lists over GraphQL (socialcare)', () => {
  let sc: RunningSubgraph;
  const [a, b, c, d] = testWorld().socialcare.children.map((child) => child.id);

  /** A contact received at `receivedAt` about `children`, as the front door stores one. */
  async function contact(id: string, receivedAt: string, source: string, children: string[]) {
    const query = (sql: string, params: unknown[]) => sc.database.dataSource.query(sql, params);
    await query(
      `INSERT INTO contacts (id, received_at, source_code, referrer, concern, rag, team, version,
         stage, recorded_at, decision_due_working_day_at, closed_at)
       VALUES ($1, $2, $3, 'Annex A test referrer', 'Annex A test concern', 'AMBER', 'MASH North',
         1, 'SCREENED', $2, $2::timestamptz + interval '1 day', NULL)`,
      [id, receivedAt, source],
    );
    for (const child of children) {
      await query(
        `INSERT INTO contact_children (contact_id, child_id, decided_at, level, outcome)
         VALUES ($1, $2, NULL, NULL, NULL)`,
        [id, child],
      );
    }
  }

  beforeAll(async () => {
    sc = await startSubgraph('socialcare', testWorld(), { deps: { annexAListMaxRows: MAX_ROWS } });
    // January to March 2016: 3 rows. One second before the period and the first instant after it
    // (00:00 BST on 1 April is 23:00 UTC on 31 March) are outside it.
    await contact('AQC01', '2015-12-31T23:59:59Z', '6', [a]);
    await contact('AQC02', '2016-01-01T00:00:00Z', '6', [a]);
    // Siblings on one contact: a row each.
    await contact('AQC03', '2016-02-10T09:00:00Z', '2A', [b, c]);
    await contact('AQC04', '2016-03-31T23:00:00Z', '3E', [d]);
    // April to June 2016: that one and 3 more, 4 rows, one over the cap.
    await contact('AQC05', '2016-04-05T10:00:00Z', '1A', [a]);
    await contact('AQC06', '2016-05-05T10:00:00Z', '1B', [b]);
    await contact('AQC07', '2016-06-05T10:00:00Z', '9', [c]);
  });
  afterAll(() => sc.stop());

  const list = (from: string, to: string, as = 'analyst', requestId?: string) =>
    sc.query<{ annexAList: ListFile }>(
      LIST_QUERY,
      { list: 'LIST_1', from, to },
      { as, ...(requestId ? { requestId } : {}) },
    );

  it('lists every DfE contact source with its label in the census order', async () => {
    const res = await sc.query(CONTACT_SOURCES_QUERY, {}, { as: 'police-mash' });
    expect(res).toEqual({
      status: 200,
      data: {
        contactSources: [
          { code: '1A', label: 'Individual: family member, relative or carer' },
          { code: '1B', label: 'Individual: acquaintance' },
          { code: '1C', label: 'Individual: self' },
          { code: '1D', label: 'Individual: other' },
          { code: '2A', label: 'Schools' },
          { code: '2B', label: 'Education services' },
          { code: '3A', label: 'Health services: GP' },
          { code: '3B', label: 'Health services: health visitor' },
          { code: '3C', label: 'Health services: school nurse' },
          { code: '3D', label: 'Health services: other primary health services' },
          { code: '3E', label: 'Health services: A&E' },
          { code: '3F', label: 'Health services: other' },
          { code: '4', label: 'Housing' },
          { code: '5A', label: 'LA services: social care (e.g. adults)' },
          { code: '5B', label: 'LA services: other internal' },
          { code: '5C', label: 'LA services: another local authority' },
          { code: '5D', label: 'LA services: early help' },
          { code: '6', label: 'Police' },
          { code: '7', label: 'Other legal agency' },
          { code: '8', label: 'Other' },
          { code: '9', label: 'Anonymous' },
          { code: '10', label: 'Unknown' },
        ],
      },
    });
  });

  it('answers list 1 for a period with exactly what exportAnnexAList writes, pseudonymised', async () => {
    const res = await list('2016-01-01', '2016-03-31');
    expect(res.errors).toBeUndefined();
    const file = res.data!.annexAList;
    expect({ ...file, csv: undefined }).toEqual({
      list: 'LIST_1',
      from: '2016-01-01',
      to: '2016-03-31',
      filename: 'annex-a-list-1-2016-01-01-to-2016-03-31.csv',
      rows: 3,
      csv: undefined,
    });
    expect(file.csv).toBe(await exported(sc, '2016-01-01', '2016-03-31'));
    const lines = file.csv.trimEnd().split('\n');
    expect(lines[0]).toBe(ANNEX_A_LISTS.LIST_1.headings.join(','));
    // The first column of each row: the pseudonyms of a, then b and c (one contact: by id).
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(
      [a, ...[b, c].sort()].map((id) => pseudonymise(TEST_PSEUDONYM_KEY, id)),
    );
    for (const id of [a, b, c, d]) expect(file.csv).not.toContain(id);
  });

  it('refuses a MASH practitioner with FORBIDDEN_ROLE', async () => {
    const res = await list('2016-01-01', '2016-03-31', 'sc-practitioner');
    expect(res.data).toBeNull();
    expect(codes(res.errors)).toEqual([{ code: 'FORBIDDEN_ROLE', field: undefined }]);
  });

  it.each([
    ['`from` after `to`', '2016-02-02', '2016-02-01', 'from'],
    ['a period of five years and a day', '2016-01-01', '2021-01-01', 'to'],
    ['a date that does not exist', '2016-02-30', '2016-03-31', 'from'],
  ])('refuses %s with BAD_USER_INPUT naming the field', async (_what, from, to, field) => {
    const res = await list(from, to);
    expect(res.data ?? null).toBeNull();
    expect(codes(res.errors)).toEqual([{ code: 'BAD_USER_INPUT', field }]);
  });

  it('refuses a list longer than the cap on `to`, returning none of it and recording no disclosure', async () => {
    const res = await list('2016-04-01', '2016-06-30', 'analyst', 'annex-a-query-cap');
    expect(res.data).toBeNull();
    expect(res.errors?.map((e) => ({ message: e.message, ...codes([e])[0] }))).toEqual([
      {
        message:
          'The list would have more than 3 rows: shorten the period, or use `npm run report`',
        code: 'BAD_USER_INPUT',
        field: 'to',
      },
    ]);
    expect(await auditOf(sc, 'annex-a-query-cap')).toEqual([]);
  });

  it('records each answer and each refusal in the audit with the list and period, naming no child', async () => {
    await list('2016-01-01', '2016-03-31', 'sc-manager', 'annex-a-query-audit-m');
    await list('2016-01-01', '2016-01-31', 'sc-practitioner', 'annex-a-query-audit-p');
    const audit = await auditOf(
      sc,
      ['annex-a-query-audit-m', 'annex-a-query-audit-p'],
      ['requestId', 'userRole', 'subject', 'childId', 'fields', 'outcome', 'reason'],
    );
    expect(audit).toEqual([
      {
        requestId: 'annex-a-query-audit-m',
        userRole: 'MASH_MANAGER',
        subject: 'AnnexAList(LIST_1, 2016-01-01, 2016-03-31)',
        childId: null,
        fields: ['csv', 'filename', 'from', 'list', 'rows', 'to'],
        outcome: 'DISCLOSED',
        reason: 'AGGREGATE',
      },
      {
        requestId: 'annex-a-query-audit-p',
        userRole: 'MASH_PRACTITIONER',
        subject: 'AnnexAList(LIST_1, 2016-01-01, 2016-01-31)',
        childId: null,
        fields: ['csv', 'filename', 'from', 'list', 'rows', 'to'],
        outcome: 'DENIED',
        reason: 'FORBIDDEN_ROLE',
      },
    ]);
  });

  it('refuses with PSEUDONYM_KEY_NOT_CONFIGURED when socialcare has no pseudonym key', async () => {
    const server = createServer({
      dataSource: sc.database.dataSource,
      verifyToken: await testInternalVerifier('socialcare'),
      verifyGrant: await testGrantVerifier(),
      now: () => TEST_NOW,
    });
    const running: RunningServer = await listen(await server.start(), 0);
    try {
      const token = await internalToken(principalOf({ as: 'analyst' }), 'socialcare');
      const res = await postGraphQL<{ annexAList: ListFile }>(
        running.url,
        LIST_QUERY,
        { list: 'LIST_1', from: '2016-01-01', to: '2016-03-31' },
        { authorization: `Bearer ${token}` },
      );
      expect(res.data).toBeNull();
      expect(codes(res.errors)).toEqual([
        { code: 'PSEUDONYM_KEY_NOT_CONFIGURED', field: undefined },
      ]);
    } finally {
      await running.close(100);
      await server.apollo.stop();
    }
  });
});

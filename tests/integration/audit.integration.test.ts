import type { DataSource } from 'typeorm';
import {
  appendAudit,
  appendAuditIn,
  GENESIS_HASH,
  hashAuditRow,
  verifyAuditChain,
  type AuditEntry,
} from '../../shared/audit';
import type { Database } from '../../shared/database';
import { principalOf } from '../support/auth';
import { createTestDatabase } from '../support/databases';
import { startSubgraph, TEST_NOW, testWorld, type RunningSubgraph } from '../support/system';
import { childRepresentation, cleanChildren } from '../support/truth';

const TRIGGER = 'audit_log_no_update_or_delete';

function entry(childId: string, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    action: 'READ',
    subject: 'PoliceSection',
    childId,
    fields: ['summary'],
    outcome: 'DISCLOSED',
    reason: 'OPEN_CONTACT',
    lawfulBasis: 'a lawful basis',
    ...overrides,
  };
}

interface Link {
  seq: string;
  prevHash: string;
  hash: string;
}

async function chain(dataSource: DataSource): Promise<Link[]> {
  return dataSource.query(
    `SELECT seq::text AS seq, prev_hash AS "prevHash", hash FROM audit_log ORDER BY audit_log.seq`,
  );
}

/** Five rows, appended as five requests would append them. */
async function appendFive(dataSource: DataSource): Promise<Link[]> {
  for (let i = 1; i <= 5; i += 1) {
    await appendAudit(
      dataSource,
      principalOf({ as: 'police-mash' }),
      [entry(`SC90000${i}`)],
      TEST_NOW,
    );
  }
  return chain(dataSource);
}

/** Runs `sql` with the append-only trigger off, as a superuser covering their tracks would. */
async function tamper(dataSource: DataSource, sql: string, params: unknown[]): Promise<void> {
  await dataSource.query(`ALTER TABLE audit_log DISABLE TRIGGER ${TRIGGER}`);
  try {
    await dataSource.query(sql, params);
  } finally {
    await dataSource.query(`ALTER TABLE audit_log ENABLE TRIGGER ${TRIGGER}`);
  }
}

describe('the audit log of a subgraph', () => {
  let police: RunningSubgraph;
  const world = testWorld();

  beforeAll(async () => {
    police = await startSubgraph('police');
  });
  afterAll(() => police.stop());

  it('chains the rows its requests write, from the genesis hash, and the chain verifies', async () => {
    const [child] = cleanChildren(world, ['police']);
    const res = await police.query(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Child { police { summary } } } }`,
      { r: [childRepresentation(world, child.socialcareId!, 'police')] },
      { as: 'police-mash' },
    );
    await appendAudit(
      police.database.dataSource,
      principalOf({ as: 'police-mash' }),
      [entry('SC900001'), entry('SC900002', { outcome: 'DENIED', lawfulBasis: null })],
      TEST_NOW,
    );
    const links = await chain(police.database.dataSource);
    expect({
      errors: res.errors,
      rows: links.length,
      linked: links.every((l, i) => l.prevHash === (i === 0 ? GENESIS_HASH : links[i - 1].hash)),
      check: await verifyAuditChain(police.database.dataSource),
    }).toEqual({ errors: undefined, rows: 3, linked: true, check: { rows: 3, broken: null } });
  });

  it('verifies a chain of many rows in seq order across read batches', async () => {
    // 25 rows read 7 at a time: seq 10 must follow seq 9, not seq 1 (as text order would have it).
    const dataSource = police.database.dataSource;
    for (let i = 0; i < 25; i += 1) {
      await appendAudit(
        dataSource,
        principalOf(),
        [entry(`SC8${String(i).padStart(5, '0')}`)],
        TEST_NOW,
      );
    }
    const rows = (await chain(dataSource)).length;
    expect(await verifyAuditChain(dataSource, 7)).toEqual({ rows, broken: null });
  });

  it('refuses to append under REPEATABLE READ, where the last hash could be stale', async () => {
    const runner = police.database.dataSource.createQueryRunner();
    await runner.startTransaction('REPEATABLE READ');
    try {
      await expect(
        appendAuditIn(runner.manager, principalOf(), [entry('SC900009')], TEST_NOW),
      ).rejects.toThrow('audit_append needs READ COMMITTED');
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it.each([
    ['UPDATE', `UPDATE audit_log SET user_id = 'someone-else'`],
    ['DELETE', `DELETE FROM audit_log`],
    ['TRUNCATE', `TRUNCATE audit_log`],
  ])(
    'refuses %s from the service’s own connection, in the database itself',
    async (operation, sql) => {
      const dataSource = police.database.dataSource;
      await appendAudit(dataSource, principalOf(), [entry('SC900003')], TEST_NOW);
      const before = await chain(dataSource);
      await expect(dataSource.query(sql)).rejects.toThrow(
        `audit_log is append-only: ${operation} is not allowed`,
      );
      expect({
        after: await chain(dataSource),
        check: (await verifyAuditChain(dataSource)).broken,
      }).toEqual({ after: before, check: null });
    },
  );
});

describe('tampering with the audit log behind the trigger', () => {
  // Each test breaks its chain for good, so each has a database of its own.
  const databases: Database[] = [];
  const fresh = async () => {
    const database = await createTestDatabase('police');
    databases.push(database);
    return database.dataSource;
  };
  afterAll(() => Promise.all(databases.map((d) => d.close())));

  it('is caught: a row whose field was changed is named as altered', async () => {
    const dataSource = await fresh();
    const links = await appendFive(dataSource);
    await tamper(dataSource, `UPDATE audit_log SET user_id = 'nobody' WHERE seq = $1`, [
      links[2].seq,
    ]);
    expect(await verifyAuditChain(dataSource)).toEqual({
      rows: 3,
      broken: { seq: links[2].seq, problem: expect.stringContaining('altered') },
    });
  });

  it('is caught: a row altered with its own hash recomputed is named by the row after it', async () => {
    const dataSource = await fresh();
    const links = await appendFive(dataSource);
    const [row] = (await dataSource.query(
      `SELECT occurred_at AS "occurredAt", request_id AS "requestId", user_id AS "userId",
              user_role AS "userRole", user_agency AS "userAgency", user_team AS "userTeam",
              purpose, lawful_basis AS "lawfulBasis", action, subject, child_id AS "childId",
              fields, outcome, reason, break_glass_reason AS "breakGlassReason",
              prev_hash AS "prevHash"
         FROM audit_log WHERE seq = $1`,
      [links[2].seq],
    )) as Parameters<typeof hashAuditRow>[0][];
    const altered = { ...row, occurredAt: new Date(row.occurredAt), userId: 'nobody' };
    await tamper(dataSource, `UPDATE audit_log SET user_id = $2, hash = $3 WHERE seq = $1`, [
      links[2].seq,
      altered.userId,
      hashAuditRow(altered),
    ]);
    expect(await verifyAuditChain(dataSource)).toEqual({
      rows: 4,
      broken: { seq: links[3].seq, problem: expect.stringContaining('removed') },
    });
  });

  it('is caught: a removed row is named by the row after it', async () => {
    const dataSource = await fresh();
    const links = await appendFive(dataSource);
    await tamper(dataSource, `DELETE FROM audit_log WHERE seq = $1`, [links[2].seq]);
    expect(await verifyAuditChain(dataSource)).toEqual({
      rows: 3,
      broken: { seq: links[3].seq, problem: expect.stringContaining('removed') },
    });
  });

  it('is caught: a row appended without the previous row’s hash is named', async () => {
    const dataSource = await fresh();
    const links = await appendFive(dataSource);
    // INSERT is allowed (the log is append-only, not read-only); a forged row must still chain.
    await dataSource.query(
      `INSERT INTO audit_log (occurred_at, request_id, user_id, user_role, user_agency, action,
                              subject, fields, outcome, prev_hash, hash)
       SELECT occurred_at, request_id, user_id, user_role, user_agency, action, subject, fields,
              outcome, $2, 'forged'
         FROM audit_log WHERE seq = $1`,
      [links[1].seq, GENESIS_HASH],
    );
    const forged = (await chain(dataSource)).at(-1)!;
    expect(await verifyAuditChain(dataSource)).toEqual({
      rows: 6,
      broken: { seq: forged.seq, problem: expect.stringContaining('inserted') },
    });
  });
});

describe('a subgraph that cannot write its audit', () => {
  let police: RunningSubgraph;
  const world = testWorld();

  beforeAll(async () => {
    police = await startSubgraph('police');
  });
  afterAll(() => police.stop());

  it('discloses nothing, and says why', async () => {
    const [child] = cleanChildren(world, ['police']);
    const dataSource = police.database.dataSource;
    await dataSource.query(`ALTER FUNCTION audit_append RENAME TO audit_append_gone`);
    try {
      const res = await police.query(
        `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Child { police { summary } } } }`,
        { r: [childRepresentation(world, child.socialcareId!, 'police')] },
        { as: 'police-mash' },
      );
      expect({ data: res.data, codes: res.errors?.map((e) => e.extensions?.code) }).toEqual({
        data: null,
        codes: ['AUDIT_UNAVAILABLE'],
      });
    } finally {
      await dataSource.query(`ALTER FUNCTION audit_append_gone RENAME TO audit_append`);
    }
  });
});

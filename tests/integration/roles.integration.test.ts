import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { appendAudit, verifyAuditChain, type AuditEntry } from '../../shared/audit';
import { createDatabase, type Database } from '../../shared/database';
import { agencyDatabase, provisionAgencyDatabase } from '../../shared/roles';
import { SCHEMAS } from '../../seed/seed';
import { auditOf } from '../support/audit';
import { principalOf } from '../support/auth';
import { ENGINE, TEST_DATABASE_URL } from '../support/databases';

// The running service logs in as its agency's service role, never as the owner. Whatever code
// runs in it (a bug, an injected statement), the database itself keeps the audit log
// append-only and the schema as the owner's migrations left it.

const AT = new Date('2026-11-20T12:00:00Z');

// Roles are cluster-wide: a prefix of this run's own, so runs on one server never collide.
const names = agencyDatabase('police', `t${randomBytes(5).toString('hex')}`);

/** TEST_DATABASE_URL (a superuser) for another database or as another role; any ?host= kept. */
function urlAs(database: string, role?: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${encodeURIComponent(database)}`;
  if (role) url.username = encodeURIComponent(role);
  return url.toString();
}

const superuserFor = (database: string) => urlAs(database);
const serviceUrl = urlAs(names.database, names.serviceRole);
const ownerUrl = urlAs(names.database, names.ownerRole);

/** What a statement came to: the SQLSTATE and message of its error, or that it ran. */
async function attempt(client: pg.Client, sql: string): Promise<{ code: string; message: string }> {
  try {
    await client.query(sql);
    return { code: 'none', message: 'the statement ran' };
  } catch (error) {
    const { code, message } = error as { code: string; message: string };
    return { code, message };
  }
}

function entry(childId: string): AuditEntry {
  return {
    action: 'READ',
    subject: 'PoliceSection',
    childId,
    fields: ['summary'],
    outcome: 'DISCLOSED',
    reason: 'OPEN_CONTACT',
    lawfulBasis: 'a lawful basis',
  };
}

const clients: pg.Client[] = [];

/** A client connected as `url`'s role; afterAll ends it. */
async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  clients.push(client);
  await client.connect();
  return client;
}

let service: Database;
let asService: pg.Client;
let asOwner: pg.Client;

beforeAll(async () => {
  await provisionAgencyDatabase(superuserFor, names);
  // As a service starts: the owner runs the migrations and grants, then it serves as itself.
  service = await createDatabase({
    database: { kind: 'postgres', url: serviceUrl, ownerUrl },
    ...SCHEMAS.police,
    applicationName: 'mash-roles-test',
  });
  [asService, asOwner] = await Promise.all([connect(serviceUrl), connect(ownerUrl)]);
  // A row for the refused changes to aim at: a trigger FOR EACH ROW fires only on rows.
  await appendAudit(service.dataSource, principalOf({ as: 'police-mash' }), [entry('SC1')], AT);
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.end()));
  await service?.close();
  const admin = new pg.Client({ connectionString: superuserFor('postgres') });
  await admin.connect();
  try {
    const id = pg.escapeIdentifier;
    await admin.query(`DROP DATABASE IF EXISTS ${id(names.database)} WITH (FORCE)`);
    await admin.query(`DROP ROLE IF EXISTS ${id(names.ownerRole)}`);
    await admin.query(`DROP ROLE IF EXISTS ${id(names.serviceRole)}`);
  } finally {
    await admin.end();
  }
});

describe(`an agency's service role (${ENGINE})`, () => {
  it('is who the service logs in as, and owns nothing it could alter', async () => {
    const [session] = (await service.dataSource.query(
      `SELECT current_user AS "user",
              (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
              (SELECT tableowner FROM pg_tables
                WHERE schemaname = 'public' AND tablename = 'audit_log') AS "auditLogOwner"`,
    )) as { user: string; superuser: boolean; auditLogOwner: string }[];
    expect(session).toEqual({
      user: names.serviceRole,
      superuser: false,
      auditLogOwner: names.ownerRole,
    });
  });

  const permissionDenied = (message: string) => ({ code: '42501', message });

  it.each([
    [
      'UPDATE audit rows',
      `UPDATE audit_log SET reason = 'NONE'`,
      'permission denied for table audit_log',
    ],
    ['DELETE audit rows', 'DELETE FROM audit_log', 'permission denied for table audit_log'],
    ['TRUNCATE the audit log', 'TRUNCATE audit_log', 'permission denied for table audit_log'],
    [
      'disable every trigger on the audit log',
      'ALTER TABLE audit_log DISABLE TRIGGER ALL',
      'must be owner of table audit_log',
    ],
    [
      'disable the append-only trigger',
      'ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_or_delete',
      'must be owner of table audit_log',
    ],
    [
      'drop the append-only trigger',
      'DROP TRIGGER audit_log_no_update_or_delete ON audit_log',
      'must be owner of relation audit_log',
    ],
    [
      'replace the trigger function with one that lets changes through',
      `CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger
         LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`,
      // Refused before ownership is looked at: it may create nothing in the schema.
      'permission denied for schema public',
    ],
    [
      'turn triggers off for its session (session_replication_role = replica)',
      'SET session_replication_role = replica',
      'permission denied to set parameter "session_replication_role"',
    ],
    [
      'become the owner role',
      `SET ROLE ${pg.escapeIdentifier(names.ownerRole)}`,
      `permission denied to set role "${names.ownerRole}"`,
    ],
    [
      'create a table in public',
      'CREATE TABLE scratch (id int)',
      'permission denied for schema public',
    ],
    [
      'rewrite the record of which migrations ran',
      'DELETE FROM migrations',
      'permission denied for table migrations',
    ],
  ])('cannot %s', async (_what, sql, message) => {
    expect(await attempt(asService, sql)).toEqual(permissionDenied(message));
  });

  it('appends to the audit log through audit_append, and the chain holds', async () => {
    const before = await verifyAuditChain(service.dataSource);
    await appendAudit(
      service.dataSource,
      principalOf({ as: 'police-mash', requestId: 'roles-append' }),
      [entry('SC2'), entry('SC3')],
      AT,
    );
    const appended = await auditOf(service, 'roles-append', ['childId', 'userId']);
    const userId = principalOf({ as: 'police-mash' }).user.id;
    expect({ appended, chain: await verifyAuditChain(service.dataSource) }).toEqual({
      appended: [
        { childId: 'SC2', userId },
        { childId: 'SC3', userId },
      ],
      chain: { rows: before.rows + 2, broken: null },
    });
  });

  it("inserts, updates and deletes rows of its agency's own tables", async () => {
    const id = `P-roles-${randomBytes(4).toString('hex')}`;
    const read = async () =>
      (await asService.query('SELECT id, given_name FROM persons WHERE id = $1', [id])).rows;
    await asService.query(
      `INSERT INTO persons (id, given_name, family_name, date_of_birth, sex)
       VALUES ($1, 'Ada', 'Example', '2015-01-01', 'FEMALE')`,
      [id],
    );
    const inserted = await read();
    await asService.query(`UPDATE persons SET given_name = 'Grace' WHERE id = $1`, [id]);
    const updated = await read();
    await asService.query('DELETE FROM persons WHERE id = $1', [id]);
    expect({ inserted, updated, deleted: await read() }).toEqual({
      inserted: [{ id, given_name: 'Ada' }],
      updated: [{ id, given_name: 'Grace' }],
      deleted: [],
    });
  });
});

describe(`an agency's owner role (${ENGINE})`, () => {
  it.each([
    ['UPDATE', `UPDATE audit_log SET reason = 'NONE'`],
    ['DELETE', 'DELETE FROM audit_log'],
    ['TRUNCATE', 'TRUNCATE audit_log'],
  ])(
    'cannot %s audit rows either: the append-only trigger fires for the table owner',
    async (op, sql) => {
      expect(await attempt(asOwner, sql)).toEqual({
        code: '42501',
        message: `audit_log is append-only: ${op} is not allowed`,
      });
    },
  );
});

import fs from 'node:fs';
import path from 'node:path';
import { SUBGRAPH_NAMES } from '../../shared/config';
import { socketDirFor } from '../../shared/embedded-postgres';
import { agencyDatabase, provisionScript, serviceGrantsSql } from '../../shared/roles';

describe("each agency's database and roles", () => {
  it('names a database, an owner role and a service role after the agency', () => {
    expect(agencyDatabase('police')).toEqual({
      database: 'mash_police',
      ownerRole: 'mash_police_owner',
      serviceRole: 'mash_police',
    });
  });

  it('ships the SQL an operator runs, equal to what `npm run db:roles` prints', () => {
    const shipped = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'postgres-roles.sql'));
    expect(shipped.toString()).toBe(
      provisionScript(SUBGRAPH_NAMES.map((name) => agencyDatabase(name))),
    );
  });

  it('takes back from the service role every way to change or remove audit rows', () => {
    expect(serviceGrantsSql(agencyDatabase('health'))).toContain(
      'REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM "mash_health"',
    );
  });
});

describe('the embedded server socket', () => {
  it('lives in the cluster folder when the path fits the kernel limit', () => {
    expect(socketDirFor('/work/main/data/postgres')).toBe('/work/main/data/postgres');
  });

  it('moves to a private folder under the temporary folder when the cluster path is too long', () => {
    const long = `/home/someone/${'a-very-long-folder-name/'.repeat(5)}data/postgres`;
    const dir = socketDirFor(long);
    expect({
      sameEachTime: dir === socketDirFor(long),
      fits: Buffer.byteLength(path.join(dir, '.s.PGSQL.5432')) <= 100,
      notInside: dir.startsWith(long),
    }).toEqual({ sameEachTime: true, fits: true, notInside: false });
  });
});

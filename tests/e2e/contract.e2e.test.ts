import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { decodeJwt } from 'jose';
import type { RelationshipBasis } from '../../shared/access';
import type { Principal } from '../../shared/auth';
import { RequestGrants, type GrantCheck, type GrantClaims } from '../../shared/grants';
import { listen, type RunningServer } from '../../shared/http';
import { importSigningKey } from '../../shared/keys';
import type { PartnerDeps } from '../../shared/partner/settings';
import { createServer as createPolice } from '../../subgraphs/police/server';
import { postgresAuditSource, type AuditSource } from '../../scripts/contract/audit-source';
import { CLAUSES } from '../../scripts/contract/clauses';
import { PARTNERS, type Partner } from '../../scripts/contract/fixtures';
import { runContract, type ClauseResult } from '../../scripts/contract/runner';
import { testGrantVerifier, testInternalVerifier, testKeys } from '../support/auth';
import { TEST_DATABASE_URL } from '../support/databases';
import { startProxy, type FaultyProxy } from '../support/proxy';
import { startSubgraph, TEST_NOW, testWorld, type RunningSubgraph } from '../support/system';

// The partner contract suite (scripts/contract/, docs/contract.md) run over HTTP against each
// partner subgraph as it is, and against police broken four ways: each breakage fails the
// clauses that cover it, and nothing else.

const world = testWorld();
const run = promisify(execFile);

/** The URL of a subgraph's audit table: the test database, its schema first on the path. */
function auditUrl(s: RunningSubgraph): string {
  const url = new URL(TEST_DATABASE_URL);
  const { schema } = s.database.dataSource.options as { schema?: string };
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

/** Each clause's status, by clause id. */
const statuses = (results: ClauseResult[]) =>
  Object.fromEntries(results.map((r) => [r.id, r.status]));
const failed = (results: ClauseResult[]) =>
  results.filter((r) => r.status !== 'PASS').map((r) => r.id);

/** A principal read from any token at all, unverified: a subgraph that checks nothing. */
async function trustAnything(token: string): Promise<Principal> {
  const claims = decodeJwt(token) as unknown as { user: Principal['user']; rid: string };
  return {
    user: claims.user,
    requestId: claims.rid,
    purpose: null,
    breakGlassReason: null,
    breakGlassChildId: null,
  };
}

/** A grant's claims read unverified: a subgraph that trusts any grant it is sent. */
async function trustAnyGrant(grant: string): Promise<GrantClaims> {
  const c = decodeJwt(grant) as {
    sub?: string;
    basis?: RelationshipBasis | null;
    subjects?: Record<string, RelationshipBasis | null>;
    uid: string;
    rid: string;
  };
  const bases = new Map(c.subjects ? Object.entries(c.subjects) : [[c.sub ?? '', c.basis ?? null]]);
  return { bases, uid: c.uid, rid: c.rid };
}

/**
 * A request's grant check that trusts any grant whose signature verified, whatever child, user or
 * request it was issued for: a subgraph that checks the signature and nothing it says.
 */
function checkSignatureOnly(this: RequestGrants, grant: string | null | undefined): GrantCheck {
  const verified = (this as unknown as { claims: Map<string, GrantClaims | string> }).claims;
  const claims = grant ? verified.get(grant) : undefined;
  if (claims === undefined || typeof claims === 'string') {
    return { trusted: false, problem: claims ?? 'none was sent' };
  }
  return { trusted: true, basis: [...claims.bases.values()][0] ?? null };
}

describe('the partner contract suite', () => {
  const subgraphs = {} as Record<Partner, RunningSubgraph>;
  const audits: AuditSource[] = [];
  const servers: { stop(): Promise<void> }[] = [];

  beforeAll(async () => {
    for (const s of await Promise.all(PARTNERS.map((name) => startSubgraph(name)))) {
      subgraphs[s.name as Partner] = s;
    }
  });
  afterAll(async () => {
    for (const s of servers) await s.stop();
    await Promise.all(audits.map((a) => a.close()));
    await Promise.all(Object.values(subgraphs).map((s) => s.stop()));
  });

  const contract = async (agency: Partner, url: string, only?: string[]) => {
    const audit = postgresAuditSource(auditUrl(subgraphs[agency]));
    audits.push(audit);
    const keys = await testKeys();
    const signingKey = await importSigningKey(keys.internal.privateJwk);
    const grantSigningKey = await importSigningKey(keys.grant.privateJwk);
    return runContract({ agency, url, signingKey, grantSigningKey, world, audit, only });
  };

  /** Police's server over police's running database, with `deps` changed, on port 0. */
  const brokenPolice = async (deps: Partial<PartnerDeps>): Promise<string> => {
    const police = subgraphs.police;
    const server = createPolice({
      dataSource: police.database.dataSource,
      verifyToken: await testInternalVerifier('police'),
      verifyGrant: await testGrantVerifier(),
      now: () => TEST_NOW,
      ...deps,
    });
    const running: RunningServer = await listen(await server.start(), 0);
    servers.push({
      stop: async () => {
        await running.close(100);
        await server.apollo.stop();
      },
    });
    return running.url;
  };

  it.each(PARTNERS)('certifies %s: every clause passes', async (agency) => {
    const results = await contract(agency, subgraphs[agency].url);
    expect({
      statuses: statuses(results),
      reasons: results.filter((r) => r.status !== 'PASS'),
    }).toEqual({
      statuses: Object.fromEntries(
        results.map((r) => [
          r.id,
          agency === 'probation' && r.id === 'twins-apart' ? 'SKIP' : 'PASS',
        ]),
      ),
      // The test world's probation holds no twins, so that clause has no one to ask about.
      reasons:
        agency === 'probation'
          ? [expect.objectContaining({ id: 'twins-apart', status: 'SKIP' })]
          : [],
    });
  });

  it('fails the forged, expired, wrong-audience and replayed token clauses of a subgraph that checks no token', async () => {
    const url = await brokenPolice({ verifyToken: trustAnything });
    expect(failed(await contract('police', url))).toEqual([
      'auth-forged-token',
      'auth-expired-token',
      'auth-wrong-audience',
      'auth-replayed-token',
    ]);
  });

  it('fails the forged and expired grant clauses of a subgraph that trusts any grant', async () => {
    // The grant's child, user and request are still checked against the request
    // (shared/grants.ts RequestGrants), which a verifier cannot change: those clauses pass.
    const url = await brokenPolice({ verifyGrant: trustAnyGrant });
    expect(failed(await contract('police', url))).toEqual(['grant-forged', 'grant-expired']);
  });

  it("fails the another-child (alone or in a list), -user and -request grant clauses of a subgraph that checks only the grant's signature", async () => {
    const url = await brokenPolice({});
    // In-process, every subgraph's grant check is this one while it lasts: only police is asked.
    const check = jest
      .spyOn(RequestGrants.prototype, 'check')
      .mockImplementation(checkSignatureOnly);
    try {
      expect(failed(await contract('police', url))).toEqual([
        'grant-another-child',
        'grant-another-user',
        'grant-another-request',
        'grant-list-another-child',
      ]);
    } finally {
      check.mockRestore();
    }
  });

  it('fails the match-level and disclosure clauses of a subgraph that discloses on a possible match', async () => {
    const url = await brokenPolice({ matchThresholds: { probable: 10, possible: 5 } });
    expect(failed(await contract('police', url))).toEqual([
      'match-levels',
      'no-disclosure-below-probable',
    ]);
  });

  describe('through a proxy that blanks what police withhold', () => {
    let proxy: FaultyProxy;
    beforeAll(async () => {
      proxy = await startProxy(subgraphs.police.url);
      proxy.rewrite = blankWithheld;
      servers.push(proxy);
    });

    it('fails the withheld, no-relationship and grant refusal clauses from the command line, exiting 1', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mash-contract-'));
      const keyFile = path.join(dir, 'private.jwk.json');
      const grantKeyFile = path.join(dir, 'grant.private.jwk.json');
      const keys = await testKeys();
      fs.writeFileSync(keyFile, JSON.stringify(keys.internal.privateJwk));
      fs.writeFileSync(grantKeyFile, JSON.stringify(keys.grant.privateJwk));
      const args = ['tsx', 'scripts/contract.ts', '--agency', 'police', '--url', proxy.url];
      args.push('--signing-key', keyFile, '--grant-signing-key', grantKeyFile);
      args.push('--seed', '7', '--scale', '0.01');
      args.push('--as-of', TEST_NOW.toISOString());
      args.push('--audit-database-url', auditUrl(subgraphs.police));
      const outcome = await run('npx', args, { cwd: path.resolve(__dirname, '../..') }).then(
        (r) => ({ code: 0, stdout: r.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
      );
      fs.rmSync(dir, { recursive: true, force: true });
      const lines = outcome.stdout.split('\n');
      expect({
        code: outcome.code,
        failed: lines.filter((l) => l.startsWith('FAIL')).map((l) => l.split(/\s+/)[1]),
        withheld: lines.find((l) => l.startsWith('FAIL  withheld-is-null')),
        audit: lines.find((l) => /^\w+ +audit-rows/.test(l))?.slice(0, 4),
        summary: lines.at(-2),
      }).toEqual({
        code: 1,
        // Every refusal turned into a blank: each clause that asks for one fails.
        failed: ['withheld-is-null', 'forbidden-no-relationship', ...GRANT_REFUSALS, 'grant-list'],
        withheld: expect.stringMatching(/"" at _entities\.0\.police/),
        audit: 'PASS',
        summary: `${CLAUSES.length - 11} passed, 11 failed, 0 skipped`,
      });
    });
  });
});

/** The clauses that check a partner refuses an untrusted grant or forged facts. */
const GRANT_REFUSALS = [
  'grant-missing',
  'grant-forged',
  'grant-expired',
  'grant-another-child',
  'grant-another-user',
  'grant-another-request',
  'grant-list-another-child',
  'grant-not-facts',
];

/** Every error's null turned into "" and the errors dropped: a withholding made a silent blank. */
function blankWithheld(body: string): string {
  const parsed = JSON.parse(body) as {
    data?: Record<string, unknown> | null;
    errors?: { path?: (string | number)[] }[];
  };
  if (!parsed.data || !parsed.errors) return body;
  for (const e of parsed.errors) {
    if (!e.path) continue;
    let at: Record<string | number, unknown> | null = parsed.data;
    for (const key of e.path.slice(0, -1)) {
      at = (at?.[key] as Record<string | number, unknown> | null) ?? null;
    }
    if (at && at[e.path[e.path.length - 1]] === null) at[e.path[e.path.length - 1]] = '';
  }
  delete parsed.errors;
  return JSON.stringify(parsed);
}

import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuditRecorder } from '../../shared/audit';
import { badUserInput, codedError } from '../../shared/errors';
import { createSubgraphServer, type RequestScope } from '../../shared/subgraph';
import { principalOf, testGrantVerifier, testInternalVerifier } from '../support/auth';
import { createTestDatabase } from '../support/databases';
import {
  startGateway,
  startSubgraph,
  testWorld,
  TEST_NOW,
  type RunningGateway,
  type RunningSubgraph,
} from '../support/system';
import type { Database } from '../../shared/database';
import { RequestGrants } from '../../shared/grants';

// What a user reads of an error in production. A service's own coded errors are meant for users
// and pass whole, through the gateway too; an unexpected failure (a SQL error, a bug) may hold
// internals and is masked where it happens, and again at the gateway.

const INTERNALS = 'relation "secret_table" does not exist';

describe('a subgraph in production', () => {
  let database: Database;
  const typeDefs = `type Query { boom: String, ownCode: String, badInput: String, unlisted: String }`;
  const resolvers = {
    Query: {
      boom: () => {
        throw new Error(INTERNALS);
      },
      ownCode: () => {
        throw codedError('OWN_CODE', 'Ask the agency');
      },
      badInput: () => {
        throw badUserInput('x', '`x` must be given');
      },
      unlisted: () => {
        throw codedError('NOT_IN_THE_LIST', INTERNALS);
      },
    },
  };

  beforeAll(async () => {
    database = await createTestDatabase('police');
  });
  afterAll(() => database.close());

  async function ask(production: boolean, field: string) {
    const server = createSubgraphServer<RequestScope>({
      typeDefs,
      resolvers,
      codes: ['OWN_CODE'],
      deps: {
        dataSource: database.dataSource,
        verifyToken: await testInternalVerifier('police'),
        verifyGrant: await testGrantVerifier(),
        production,
      },
      context: (scope) => scope,
    });
    await server.apollo.start();
    const principal = principalOf();
    const verifyGrant = await testGrantVerifier();
    try {
      const response = await server.apollo.executeOperation(
        { query: `{ ${field} }` },
        {
          contextValue: {
            now: TEST_NOW,
            principal,
            audit: new AuditRecorder(),
            grants: new RequestGrants(verifyGrant, principal),
          },
        },
      );
      if (response.body.kind !== 'single') throw new Error('expected one result');
      return response.body.singleResult.errors?.map(({ message, extensions }) => ({
        message,
        code: extensions?.code,
      }));
    } finally {
      await server.apollo.stop();
    }
  }

  it('masks an unexpected failure, and an error whose code it does not list', async () => {
    expect([await ask(true, 'boom'), await ask(true, 'unlisted')]).toEqual([
      [{ message: 'Internal server error', code: 'INTERNAL_SERVER_ERROR' }],
      [{ message: 'Internal server error', code: 'INTERNAL_SERVER_ERROR' }],
    ]);
  });

  it("passes its own listed codes and every service's whole", async () => {
    expect([await ask(true, 'ownCode'), await ask(true, 'badInput')]).toEqual([
      [{ message: 'Ask the agency', code: 'OWN_CODE' }],
      [{ message: '`x` must be given', code: 'BAD_USER_INPUT' }],
    ]);
  });

  it('masks nothing outside production, where developers read the failure', async () => {
    expect(await ask(false, 'boom')).toEqual([
      { message: INTERNALS, code: 'INTERNAL_SERVER_ERROR' },
    ]);
  });
});

describe('the gateway in production', () => {
  // A police subgraph that answers every request with one error, as set by the test.
  let answer: { message: string; extensions: { code: string } };
  let police: http.Server;
  let socialcare: RunningSubgraph;
  let gateway: RunningGateway;

  beforeAll(async () => {
    police = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ data: { _entities: [null] }, errors: [answer] }));
      });
    });
    police.listen(0, '127.0.0.1');
    await once(police, 'listening');
    const policeUrl = `http://127.0.0.1:${(police.address() as AddressInfo).port}/graphql`;
    socialcare = await startSubgraph('socialcare');
    // Health and education are not asked: a closed port stands for each.
    gateway = await startGateway({
      subgraphUrls: {
        socialcare: socialcare.url,
        police: policeUrl,
        health: 'http://127.0.0.1:9/graphql',
        education: 'http://127.0.0.1:9/graphql',
      },
    });
  }, 60_000);

  afterAll(async () => {
    await gateway?.stop();
    await socialcare?.stop();
    police?.close();
  });

  async function policeErrors() {
    const res = await gateway.query(`query ($id: ID!) { child(id: $id) { police { summary } } }`, {
      id: testWorld().socialcare.children[0].id,
    });
    return res.errors?.map(({ message, extensions }) => ({
      message,
      code: extensions?.code,
      serviceName: extensions?.serviceName,
    }));
  }

  it("passes an agency's coded error as the agency wrote it, naming the agency", async () => {
    answer = { message: 'Withheld under our own rule', extensions: { code: 'WITHHELD_BY_RULE' } };
    expect(await policeErrors()).toEqual([
      { message: 'Withheld under our own rule', code: 'WITHHELD_BY_RULE', serviceName: 'police' },
    ]);
  });

  it("masks an agency's unexpected failure", async () => {
    answer = { message: INTERNALS, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
    expect(await policeErrors()).toEqual([
      { message: 'Internal server error', code: 'INTERNAL_SERVER_ERROR', serviceName: undefined },
    ]);
  });
});

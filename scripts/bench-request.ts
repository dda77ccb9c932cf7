// npm run bench:request -- [--requests N]
//
// What one subgraph request costs its server whatever it asks: N requests of `{ __typename }` to
// each subgraph of a running `npm start`, one at a time on one kept-alive connection, each with
// its own internal token signed beforehand (as the gateway sends them), and the server's CPU
// (utime + stime from /proc) per request. Beside them, in the same run, the floors: a bare
// node:http server answering the same JSON, and a bare Apollo Server with a one-field schema.
// Start the system first (`npm start`) in another terminal. A child view makes six subgraph
// requests, so this fixed cost, times six, is a floor under its CPU.
import { spawn } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import { createInternalTokenSigner, type Principal } from '../shared/auth';
import { loadConfigOrExit, SUBGRAPH_NAMES } from '../shared/config';
import { loadSigningKey } from '../shared/keys';
import { arg, DEMO_USERS, machine, runBenchmark, say } from './bench-support';
import { cpuMs, processes } from './proc-cpu';

const REQUESTS = Number(arg('requests', '2000'));
const WARM_UP = 200;
const FLOOR_PORT = 4999;
const BODY = JSON.stringify({ query: '{ __typename }' });

/** The floors: servers doing only what any GraphQL server over node:http must. */
const FLOORS: Record<string, string> = {
  'bare node:http': `require('node:http').createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"data":{"__typename":"Query"}}');
      });
    }).listen(${FLOOR_PORT});`,
  'bare Apollo Server': `const { ApolloServer, HeaderMap } = require('@apollo/server');
    const apollo = new ApolloServer({ typeDefs: 'type Query { x: Int }', resolvers: {} });
    apollo.start().then(() => require('node:http').createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', async () => {
        const headers = new HeaderMap();
        for (const [k, v] of Object.entries(req.headers)) headers.set(k, String(v));
        const r = await apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: 'POST', headers, search: '', body: JSON.parse(body) },
          context: async () => ({}),
        });
        for (const [k, v] of r.headers) res.setHeader(k, v);
        res.statusCode = r.status ?? 200;
        res.end(r.body.string);
      });
    }).listen(${FLOOR_PORT}));`,
};

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function post(port: number, authorization: string | null): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (authorization) headers.authorization = authorization;
    const req = http.request(
      { host: '127.0.0.1', port, path: '/graphql', method: 'POST', agent, headers },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(BODY);
  });
}

/** Server CPU µs per request over REQUESTS requests after a warm-up; every answer must be 200. */
async function measure(pid: number, port: number, tokens: string[] | null): Promise<number> {
  const send = async (i: number) => {
    const status = await post(port, tokens ? `Bearer ${tokens[i]}` : null);
    if (status !== 200) throw new Error(`request ${i} to port ${port} answered ${status}`);
  };
  for (let i = 0; i < WARM_UP; i++) await send(i);
  const before = cpuMs(pid);
  for (let i = WARM_UP; i < WARM_UP + REQUESTS; i++) await send(i);
  const after = cpuMs(pid);
  if (before === null || after === null) throw new Error(`process ${pid} went away`);
  return ((after - before) * 1000) / REQUESTS;
}

runBenchmark('bench:request', async () => {
  const config = loadConfigOrExit();
  const running = processes(config.dataDir);
  const sign = createInternalTokenSigner(
    await loadSigningKey(config.auth.internalSigningKey ?? ''),
  );
  const principal: Principal = {
    user: DEMO_USERS['sc-practitioner'],
    requestId: 'bench-request',
    purpose: null,
    breakGlassReason: null,
    breakGlassChildId: null,
  };
  const rows: [string, number][] = [];
  for (const name of SUBGRAPH_NAMES) {
    const pid = [...running].find(([, n]) => n === name)?.[0];
    if (pid === undefined) throw new Error(`no ${name} process: start the system first`);
    const tokens = await Promise.all(
      Array.from({ length: WARM_UP + REQUESTS }, () => sign(principal, name)),
    );
    rows.push([
      `${name} (internal token, context, plugins)`,
      await measure(pid, config.subgraphs[name].port, tokens),
    ]);
  }
  for (const [name, code] of Object.entries(FLOORS)) {
    const child = spawn(process.execPath, ['-e', code], { stdio: 'inherit' });
    try {
      for (let tries = 0; ; tries++) {
        try {
          await post(FLOOR_PORT, null);
          break;
        } catch (error) {
          if (tries > 100) throw error;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      rows.push([`${name} (floor)`, await measure(child.pid!, FLOOR_PORT, null)]);
    } finally {
      child.kill();
    }
  }
  say(
    `${REQUESTS} requests of { __typename } each, one at a time on one kept-alive connection, after ${WARM_UP} to warm up; server CPU (utime + stime from /proc) per request.`,
  );
  say(machine());
  say('| server | CPU µs per request |');
  say('|---|---:|');
  for (const [name, us] of rows) say(`| ${name} | ${us.toFixed(0)} |`);
  say(
    `load average: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  agent.destroy();
});

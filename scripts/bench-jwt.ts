// npm run bench:jwt -- [--n 3000]
//
// CPU per ES256 sign and verify of an internal token (the gateway signs one per subgraph request,
// the subgraph verifies it), three ways side by side in one run: jose's SignJWT and jwtVerify
// (what the project used before issue 19), shared/jwt.ts on fast-jwt (what it uses now), and
// node:crypto's bare sign and verify (the floor). CPU from process.cpuUsage (user + system, every
// thread of this process: jose's work on the libuv thread pool included), in µs per operation,
// with the load average printed beside.
import { sign as cryptoSign, verify as cryptoVerify, KeyObject } from 'node:crypto';
import os from 'node:os';
import { createLocalJWKSet, jwtVerify, SignJWT } from 'jose';
import { createJwtSigner, createJwtVerifier } from '../shared/jwt';
import { generateJwkPair, importSigningKey } from '../shared/keys';
import { arg, runBenchmark, say } from './bench-support';

const N = Number(arg('n', '3000'));

async function cpuMicrosPerOp(run: () => unknown): Promise<number> {
  for (let i = 0; i < 200; i++) await run();
  const before = process.cpuUsage();
  for (let i = 0; i < N; i++) await run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / N;
}

runBenchmark('bench:jwt', async () => {
  const pair = await generateJwkPair();
  const signing = await importSigningKey(pair.privateJwk);
  const jwks = createLocalJWKSet(pair.jwks);
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    user: { id: 'u1', name: 'A Practitioner', agency: 'SOCIALCARE', role: 'MASH_PRACTITIONER' },
    rid: '8d0c3a52-7d4e-4d1b-9a43-0f2f0d6c2f11',
    purpose: 'contact:C0001234',
    jti: 'b7b1e0f4-6f1e-4a53-8b7e-5f0c1c2d3e4f',
    iss: 'mash-gateway',
    sub: 'u1',
    aud: 'police',
    iat: now,
    exp: now + 60,
  };
  const verifyOptions = { issuer: 'mash-gateway', audience: 'police', algorithms: ['ES256'] };

  const joseSign = () =>
    new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: signing.kid }).sign(signing.key);
  const token = await joseSign();
  const joseVerify = () => jwtVerify(token, jwks, verifyOptions);

  const fastSign = createJwtSigner(signing, { typ: 'JWT' });
  const fastVerify = createJwtVerifier(jwks, {
    ...verifyOptions,
    requiredClaims: ['exp', 'iat'],
    clockToleranceSeconds: 5,
    maxAgeSeconds: 86400,
  });

  const [head, body] = token.split('.');
  const input = Buffer.from(`${head}.${body}`);
  const key = signing.key as KeyObject;
  const publicKey = (await jwks({ alg: 'ES256', kid: signing.kid })) as KeyObject;
  const bare = { dsaEncoding: 'ieee-p1363' as const };
  const signature = cryptoSign('sha256', input, { key, ...bare });

  const rows: [string, number, number][] = [
    ['jose (thread pool)', await cpuMicrosPerOp(joseSign), await cpuMicrosPerOp(joseVerify)],
    [
      'shared/jwt.ts (fast-jwt)',
      await cpuMicrosPerOp(() => fastSign(claims)),
      await cpuMicrosPerOp(() => fastVerify(token)),
    ],
    [
      'node:crypto alone',
      await cpuMicrosPerOp(() => cryptoSign('sha256', input, { key, ...bare })),
      await cpuMicrosPerOp(() =>
        cryptoVerify('sha256', input, { key: publicKey, ...bare }, signature),
      ),
    ],
  ];
  say(`ES256, ${N} operations each, CPU µs per operation (user + system, all threads)`);
  say('| way | sign | verify |');
  say('|---|---:|---:|');
  for (const [way, s, v] of rows) say(`| ${way} | ${s.toFixed(0)} | ${v.toFixed(0)} |`);
  say(
    `load average: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
});

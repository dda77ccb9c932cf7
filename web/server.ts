import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { User } from '../shared/auth';

/** Largest GraphQL request body passed on to the gateway; the gateway applies its own limit too. */
const MAX_BODY_BYTES = 256 * 1024;

/** Request headers the browser may send on to the gateway; nothing else is forwarded. */
const FORWARDED_HEADERS = [
  'content-type',
  'authorization',
  'x-purpose',
  'x-break-glass-reason',
  'x-break-glass-child',
  'x-request-id',
  'apollo-require-preflight',
] as const;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** Sent with every response: the workbench loads only its own files and is never framed. */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export interface WebServerDeps {
  /** The built app (`web/build.ts`): index.html and its assets. */
  distDir: string;
  /** The gateway's GraphQL endpoint. */
  gatewayUrl: string;
  /**
   * The embedded default's sign-in: the demo users and a token for one of them from the local
   * development issuer. Absent where users sign in with a real identity provider, and then the
   * sign-in endpoints answer 404.
   */
  devSignIn?: {
    users: readonly User[];
    mint: (user: User) => Promise<string>;
  };
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(JSON.stringify(body));
}

function errorBody(code: string, message: string) {
  return { errors: [{ message, extensions: { code } }] };
}

function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Passes one GraphQL request to the gateway and its answer back, status and body unchanged. */
async function forwardToGateway(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  gatewayUrl: string,
): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST');
    return sendJson(res, 405, errorBody('METHOD_NOT_ALLOWED', 'Send GraphQL requests with POST'));
  }
  const body = await readBody(req);
  if (body === null) {
    return sendJson(
      res,
      413,
      errorBody('BODY_TOO_LARGE', `Request body exceeds ${MAX_BODY_BYTES} bytes`),
    );
  }
  const headers: Record<string, string> = {};
  for (const name of FORWARDED_HEADERS) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  let answer: Response;
  try {
    answer = await fetch(gatewayUrl, { method: 'POST', headers, body });
  } catch {
    return sendJson(
      res,
      502,
      errorBody('GATEWAY_UNAVAILABLE', 'The gateway cannot be reached; try again shortly'),
    );
  }
  res.writeHead(answer.status, {
    ...SECURITY_HEADERS,
    'content-type': answer.headers.get('content-type') ?? 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...(answer.headers.get('www-authenticate')
      ? { 'www-authenticate': answer.headers.get('www-authenticate') as string }
      : {}),
    // A request refused by the gateway's per-user limits (429) says when to try again.
    ...(answer.headers.get('retry-after')
      ? { 'retry-after': answer.headers.get('retry-after') as string }
      : {}),
  });
  res.end(Buffer.from(await answer.arrayBuffer()));
}

async function signIn(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  dev: NonNullable<WebServerDeps['devSignIn']>,
): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('allow', 'POST');
    return sendJson(res, 405, errorBody('METHOD_NOT_ALLOWED', 'Sign in with POST'));
  }
  const body = await readBody(req);
  let userId: unknown;
  try {
    userId = (JSON.parse(body?.toString('utf8') ?? '') as { user?: unknown }).user;
  } catch {
    return sendJson(res, 400, errorBody('BAD_REQUEST', 'Send {"user": "<demo user id>"}'));
  }
  const user = dev.users.find((u) => u.id === userId);
  if (!user) return sendJson(res, 400, errorBody('UNKNOWN_USER', 'No such demo user'));
  sendJson(res, 200, { token: await dev.mint(user), user });
}

/** Serves a file of the built app, or index.html for any path that is not a file. */
function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, distDir: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return sendJson(res, 405, { error: 'Method not allowed' });
  }
  const root = path.resolve(distDir);
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  } catch {
    return sendJson(res, 400, { error: 'Malformed path' });
  }
  let file = path.resolve(root, `.${pathname}`);
  // Never outside the build folder, whatever the path says.
  if (file !== root && !file.startsWith(`${root}${path.sep}`)) file = path.join(root, 'index.html');
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(root, 'index.html');
  if (!fs.existsSync(file)) {
    return sendJson(res, 503, { error: 'The workbench has not been built: npm run build:web' });
  }
  const immutable = file.includes(`${path.sep}assets${path.sep}`);
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
    // Vite names assets by their content hash; index.html must be fetched afresh to find them.
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') return void res.end();
  fs.createReadStream(file).pipe(res);
}

/**
 * The workbench's HTTP server: the built app, `POST /graphql` passed to the gateway unchanged (so
 * the browser talks to one origin and only to the gateway's public API), the embedded default's
 * sign-in (`GET /api/users`, `POST /api/sign-in`), and the open probes `/health` and `/ready`
 * (ready when the gateway is). Does not listen: see shared/http.ts `listen`.
 */
export function createWebServer(deps: WebServerDeps): http.Server {
  const gatewayBase = new URL(deps.gatewayUrl);
  return http.createServer(async (req, res) => {
    try {
      const { pathname } = new URL(req.url ?? '/', 'http://localhost');
      if (pathname === '/health') return sendJson(res, 200, { status: 'ok' });
      if (pathname === '/ready') {
        const ready = await fetch(new URL('/ready', gatewayBase))
          .then((r) => r.ok)
          .catch(() => false);
        return sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable' });
      }
      if (pathname === '/graphql') return await forwardToGateway(req, res, deps.gatewayUrl);
      if (pathname.startsWith('/api/')) {
        if (!deps.devSignIn) return sendJson(res, 404, { error: 'Not found' });
        if (pathname === '/api/users') return sendJson(res, 200, { users: deps.devSignIn.users });
        if (pathname === '/api/sign-in') return await signIn(req, res, deps.devSignIn);
        return sendJson(res, 404, { error: 'Not found' });
      }
      serveStatic(req, res, deps.distDir);
    } catch {
      if (!res.headersSent) sendJson(res, 500, { error: 'Internal server error' });
      else res.end();
    }
  });
}

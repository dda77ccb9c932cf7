import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';

/** Largest request body accepted, in bytes; larger ones get 413 before any parsing. */
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

/**
 * Request header by which a caller asks a subgraph to measure its request; `backend-calls` is the
 * one measurement defined (the partner contract suite asks for it: docs/contract.md).
 */
export const CONTRACT_HEADER = 'x-mash-contract';
/** Response header: the backend calls (SQL statements) the request cost, when asked for. */
export const BACKEND_CALLS_HEADER = 'x-mash-backend-calls';

/** Whether a request asks for its backend calls (`x-mash-contract: backend-calls`). */
function asksForBackendCalls(req: http.IncomingMessage): boolean {
  const value = req.headers[CONTRACT_HEADER];
  const asked = (Array.isArray(value) ? value : [value ?? '']).flatMap((v) => v.split(','));
  return asked.some((v) => v.trim().toLowerCase() === 'backend-calls');
}

export interface HttpServerOptions<TContext extends BaseContext, TAuth> {
  apollo: ApolloServer<TContext>;
  /**
   * Runs before anything else touches a GraphQL request: returns who is asking, or throws an
   * error carrying `status` (401, 400) and `code`, and the request gets that status with a
   * GraphQL-shaped error body; nothing is parsed or executed. The probes are never authenticated.
   */
  authenticate: (req: http.IncomingMessage) => Promise<TAuth>;
  /**
   * Runs after `authenticate`, before anything is parsed or executed: admits the request (the
   * gateway's per-user limits) and returns the function that gives its place back, which is
   * called once the request is over, whether it was answered, failed or its client went away; or
   * throws an error carrying `status` (429) and `code`, with `headers` (`Retry-After`) to send.
   */
  admit?: (req: http.IncomingMessage, auth: TAuth) => Promise<() => void>;
  /** Builds the per-request context; runs once per GraphQL request. */
  context: (req: http.IncomingMessage, auth: TAuth) => Promise<TContext>;
  /** Readiness: resolves true when the service can answer (its database is reachable). */
  ready: () => Promise<boolean>;
  maxBodyBytes?: number;
  /**
   * Runs one request's execution and counts its backend calls, for a request that asks with
   * `x-mash-contract: backend-calls`; the count goes back in `x-mash-backend-calls`. Without it
   * the header is never sent.
   */
  countBackendCalls?: <T>(work: () => Promise<T>) => Promise<{ result: T; calls: number }>;
}

/** A listening server and how to stop it gracefully. */
export interface RunningServer {
  url: string;
  port: number;
  /** Stops accepting, waits for in-flight requests (up to `graceMs`), then closes sockets. */
  close(graceMs?: number): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new HttpError(413, `Request body exceeds ${limit} bytes`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop keeping the body but let it drain, so the 413 can still be written.
        req.removeAllListeners('data');
        req.resume();
        reject(new HttpError(413, `Request body exceeds ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    // An oversized body may still be arriving; do not reuse the connection after it.
    ...(status === 413 ? { connection: 'close' } : {}),
  });
  res.end(text);
}

/**
 * A plain node:http server in front of an ApolloServer (Apollo Server 5 ships no HTTP framework
 * integration of its own beyond the standalone one, which has no room for probes). Serves
 * `POST|GET /graphql`, and the open probes `GET /health` (process up) and `GET /ready` (database
 * reachable). Does not listen: call `listen` on the result.
 */
export function createHttpServer<TContext extends BaseContext, TAuth>(
  options: HttpServerOptions<TContext, TAuth>,
): http.Server {
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/health') return sendJson(res, 200, { status: 'ok' });
      if (url.pathname === '/ready') {
        const ok = await options.ready().catch(() => false);
        return sendJson(res, ok ? 200 : 503, { status: ok ? 'ready' : 'unavailable' });
      }
      if (url.pathname !== '/graphql') return sendJson(res, 404, { error: 'Not found' });

      const raw = req.method === 'POST' ? await readBody(req, limit) : '';
      const auth = await options.authenticate(req);
      const release = (await options.admit?.(req, auth)) ?? (() => undefined);
      try {
        await serveGraphQL(req, res, options, url, raw, auth);
      } finally {
        release();
      }
    } catch (error) {
      if (error instanceof HttpError) return sendJson(res, error.status, { error: error.message });
      const { status, code, headers } = error as {
        status?: unknown;
        code?: unknown;
        headers?: Record<string, string>;
      };
      if (typeof status === 'number' && status >= 400 && status < 500 && typeof code === 'string') {
        return sendJson(
          res,
          status,
          { errors: [{ message: (error as Error).message, extensions: { code } }] },
          { ...(status === 401 ? { 'www-authenticate': 'Bearer' } : {}), ...headers },
        );
      }
      if (!res.headersSent) sendJson(res, 500, { error: 'Internal server error' });
      else res.end();
    }
  });
}

/** Runs one authenticated GraphQL request through Apollo and writes its answer. */
async function serveGraphQL<TContext extends BaseContext, TAuth>(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  options: HttpServerOptions<TContext, TAuth>,
  url: URL,
  raw: string,
  auth: TAuth,
): Promise<void> {
  let body: unknown = undefined;
  if (raw) {
    try {
      body = JSON.parse(raw);
    } catch {
      throw new HttpError(400, 'Request body is not valid JSON');
    }
  }
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const execute = () =>
    options.apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: () => options.context(req, auth),
    });
  let result: Awaited<ReturnType<typeof execute>>;
  if (options.countBackendCalls && asksForBackendCalls(req)) {
    const counted = await options.countBackendCalls(execute);
    result = counted.result;
    res.setHeader(BACKEND_CALLS_HEADER, String(counted.calls));
  } else {
    result = await execute();
  }
  for (const [key, value] of result.headers) res.setHeader(key, value);
  res.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    res.end(result.body.string);
  } else {
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  }
}

/** Listens on `host:port` (port 0 picks a free one) and returns the URL and a graceful close. */
export async function listen(
  server: http.Server,
  port: number,
  host = '127.0.0.1',
): Promise<RunningServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' ? '127.0.0.1' : host;
  return {
    port: address.port,
    url: `http://${shownHost}:${address.port}/graphql`,
    close: (graceMs = 5000) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => server.closeAllConnections(), graceMs);
        timer.unref();
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

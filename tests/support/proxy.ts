import http from 'node:http';
import { listen } from '../../shared/http';

/**
 * An HTTP proxy on port 0 in front of one server, to play a faulty network: it can hold every
 * answer back (a slow agency), pass a request on and lose its answer (the response never
 * reaches the client, though the server did the work), or rewrite the answers.
 */
export interface FaultyProxy {
  /** The proxy's URL for the target's path (e.g. `http://127.0.0.1:1234/graphql`). */
  url: string;
  /** Milliseconds each answer is held back before it is sent on; 0 passes it straight on. */
  delayMs: number;
  /**
   * How many of the next requests have their answer lost: the target answers in full, then the
   * proxy drops the client's connection without a byte.
   */
  loseNextAnswers: number;
  /** Requests the target answered whose answer the proxy lost. */
  lost: number;
  /**
   * Rewrites each answer's body before it is sent on (to play a subgraph that answers wrongly,
   * e.g. a blank where it should withhold); null passes bodies unchanged.
   */
  rewrite: ((body: string) => string) | null;
  stop(): Promise<void>;
}

/** Starts a proxy to `target` (a URL; its origin receives every request, path unchanged). */
export async function startProxy(target: string): Promise<FaultyProxy> {
  const origin = new URL(target);
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const upstream = http.request(
        {
          host: origin.hostname,
          port: origin.port,
          path: req.url,
          method: req.method,
          headers: { ...req.headers, host: origin.host },
          agent: false,
        },
        (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (c: Buffer) => body.push(c));
          answer.on('end', () => {
            if (proxy.loseNextAnswers > 0) {
              proxy.loseNextAnswers -= 1;
              proxy.lost += 1;
              req.socket.destroy();
              return;
            }
            const send = () => {
              if (res.destroyed) return;
              const raw = Buffer.concat(body);
              if (!proxy.rewrite) {
                res.writeHead(answer.statusCode ?? 502, answer.headers);
                res.end(raw);
                return;
              }
              const sent = Buffer.from(proxy.rewrite(raw.toString('utf8')));
              const { 'transfer-encoding': _chunked, ...headers } = answer.headers;
              res.writeHead(answer.statusCode ?? 502, {
                ...headers,
                'content-length': String(sent.length),
              });
              res.end(sent);
            };
            if (proxy.delayMs <= 0) return send();
            const timer = setTimeout(() => {
              timers.delete(timer);
              send();
            }, proxy.delayMs);
            timers.add(timer);
          });
        },
      );
      upstream.on('error', () => req.socket.destroy());
      upstream.end(Buffer.concat(chunks));
    });
  });
  const running = await listen(server, 0);
  const proxy: FaultyProxy = {
    url: `http://127.0.0.1:${running.port}${origin.pathname}`,
    delayMs: 0,
    loseNextAnswers: 0,
    lost: 0,
    rewrite: null,
    async stop() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await running.close(0);
    },
  };
  return proxy;
}

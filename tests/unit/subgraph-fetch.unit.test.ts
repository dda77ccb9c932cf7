import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSubgraphFetcher } from '../../gateway/subgraph-fetch';

/** A server on a free port; `handle` answers each request, told how many its connection has had. */
async function serve(
  handle: (req: http.IncomingMessage, res: http.ServerResponse, nth: number) => void,
): Promise<{ url: string; close(): Promise<void> }> {
  const seen = new WeakMap<object, number>();
  const server = http.createServer((req, res) => {
    const nth = (seen.get(req.socket) ?? 0) + 1;
    seen.set(req.socket, nth);
    req.resume();
    req.on('end', () => handle(req, res, nth));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const json = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

describe("the gateway's HTTP client for subgraphs", () => {
  it('answers with the status, headers and body, reusing the connection', async () => {
    const server = await serve((_req, res, nth) => json(res, 200, { data: { nth } }));
    const fetcher = createSubgraphFetcher(5000);
    try {
      const first = await fetcher(server.url, { method: 'POST', body: '{}' });
      const second = await fetcher(server.url, { method: 'POST', body: '{}' });
      expect({
        ok: first.ok,
        type: first.headers.get('Content-Type'),
        bodies: [await first.json(), await second.json()],
      }).toEqual({
        ok: true,
        type: 'application/json',
        bodies: [{ data: { nth: 1 } }, { data: { nth: 2 } }],
      });
    } finally {
      await server.close();
    }
  });

  it('sends a request again on a new connection when the kept-alive one is closed as it is reused', async () => {
    // The subgraph's keep-alive timeout running out as the gateway reuses the connection.
    const server = await serve((req, res, nth) =>
      nth > 1 ? req.socket.destroy() : json(res, 200, { data: { ok: true } }),
    );
    const fetcher = createSubgraphFetcher(5000);
    try {
      await fetcher(server.url, { method: 'POST', body: '{}' });
      const again = await fetcher(server.url, { method: 'POST', body: '{}' });
      expect(await again.json()).toEqual({ data: { ok: true } });
    } finally {
      await server.close();
    }
  });

  it('fails a request not answered within the deadline with a TimeoutError', async () => {
    const server = await serve(() => undefined);
    const fetcher = createSubgraphFetcher(100);
    try {
      await expect(fetcher(server.url, { method: 'POST', body: '{}' })).rejects.toMatchObject({
        name: 'TimeoutError',
      });
    } finally {
      await server.close();
    }
  });

  it('names the network failure in its message', async () => {
    const server = await serve(() => undefined);
    const { url } = server;
    await server.close();
    await expect(createSubgraphFetcher(1000)(url, { method: 'POST' })).rejects.toThrow(
      /ECONNREFUSED/,
    );
  });
});

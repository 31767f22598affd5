/** Serves `/metrics` (Prometheus text format) and `/healthz` over plain HTTP with node:http. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running metrics endpoint. */
export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

/** Listens on `host:port` (port 0 picks a free one) and answers from `metrics()`. */
export async function serveMetrics(
  metrics: { text(): Promise<string>; registry: { contentType: string } },
  host = '127.0.0.1',
  port = 9464,
): Promise<MetricsServer> {
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url?.split('?')[0] === '/metrics') {
      metrics.text().then(
        (text) => {
          res.writeHead(200, { 'content-type': metrics.registry.contentType });
          res.end(text);
        },
        (err: Error) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(`${err.message}\n`);
        },
      );
    } else if (req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok\n');
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found: try /metrics\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shown}:${address.port}/metrics`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

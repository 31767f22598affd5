/** Tests of the reason detect gives for a workload API server it cannot reach: said once, server named once. */
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureCluster, matchingEvidence } from '../../test/support/recovery/fixtures.js';
import { only, report } from '../../test/support/recovery/report-helpers.js';
import { buildTopology } from '../model/capi-topology.js';
import { gatherNodeEvidence } from './node-evidence.js';

const sockets: Socket[] = [];
// Accepts connections and never answers: a hung API server.
const silent: Server = createServer((s) => void sockets.push(s));
afterAll(() => {
  for (const s of sockets) s.destroy();
  silent.close();
});

async function listening(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listening(server);
  await new Promise((r) => server.close(r));
  return port;
}

function kubeconfig(server: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters: [{name: wc1, cluster: {server: "SERVER", insecure-skip-tls-verify: true}}]',
    'users: [{name: u, user: {token: t}}]',
    'contexts: [{name: c, context: {cluster: wc1, user: u}}]',
    'current-context: c',
  ]
    .join('\n')
    .replace('SERVER', server);
}

describe('a workload cluster whose API server cannot be reached', () => {
  it.each([
    ['refuses connections', async () => closedPort(), 'ECONNREFUSED'],
    ['never answers', async () => listening(silent), 'no answer in 300 ms'],
  ])('is Unknown with the reason said once when it %s', async (_, port, detail) => {
    const server = `https://127.0.0.1:${await port()}`;
    const c = fixtureCluster({ kubeconfig: kubeconfig(server) });
    const nodes = await gatherNodeEvidence(buildTopology(c.objects).clusters, { timeoutMs: 300 });
    expect(nodes[c.id]).toEqual({ state: 'unreachable', reason: `${server}: ${detail}` });
    const cluster = only(report(c.objects, { ...matchingEvidence([c]), nodes }).clusters);
    expect(cluster.status).toBe('Unknown');
    expect(cluster.message).toBe(`API server unreachable: ${server}: ${detail}; 6 Unknown`);
  });
});

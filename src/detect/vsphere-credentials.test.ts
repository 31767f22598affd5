import { describe, expect, it } from 'vitest';
import type { CapiTopology } from '../model/capi-topology.js';
import type { KubeObject } from '../model/resource-key.js';
import { resolveVSphere } from './vsphere-credentials.js';

const none: CapiTopology = { clusters: [], problems: [] };
// A backup whose VSphereCluster names its vCenter, thumbprint and an identity Secret.
const fromBackup = {
  clusters: [
    {
      namespace: 'fleet',
      infrastructure: {
        name: 'wc1',
        server: 'vc.backup',
        thumbprint: 'AA:BB',
        identityRef: { kind: 'Secret', name: 'wc1-creds' },
      },
    },
  ],
  problems: [],
} as unknown as CapiTopology;
const identity: KubeObject = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'wc1-creds', namespace: 'fleet' },
  data: {
    username: Buffer.from('svc@vsphere').toString('base64'),
    password: Buffer.from('s3cret').toString('base64'),
  },
};

describe('resolveVSphere', () => {
  it('prefers flags over the environment and the backup', () => {
    const r = resolveVSphere(
      { server: 'vc.flag', username: 'u', password: 'p' },
      { GOVC_URL: 'vc.env' },
      fromBackup,
      [identity],
    );
    expect(r).toMatchObject({
      ok: true,
      target: { server: 'vc.flag', username: 'u', sources: { server: '--vsphere-server' } },
    });
  });

  it('reads govc variables, including credentials embedded in GOVC_URL and GOVC_INSECURE', () => {
    const r = resolveVSphere(
      {},
      { GOVC_URL: 'https://ro%40vsphere.local:pa%3Ass@vc.env/sdk', GOVC_INSECURE: '1' },
      none,
      [],
    );
    expect(r).toMatchObject({
      ok: true,
      target: {
        server: 'https://vc.env/sdk',
        username: 'ro@vsphere.local',
        password: 'pa:ss',
        insecureSkipVerify: true,
      },
    });
  });

  it("falls back to the backup's VSphereCluster and identityRef Secret", () => {
    const r = resolveVSphere({}, {}, fromBackup, [identity]);
    expect(r).toMatchObject({
      ok: true,
      target: {
        server: 'vc.backup',
        username: 'svc@vsphere',
        password: 's3cret',
        thumbprint: 'AA:BB',
        insecureSkipVerify: false,
      },
    });
  });

  it.each([
    ['no server anywhere', {}, {}, /no vCenter address/, false],
    ['a server but no credentials', { server: 'vc' }, {}, /no vSphere credentials/, true],
  ])('says why when there is %s', (_name, flags, env, reason, serverGiven) => {
    const r = resolveVSphere(flags, env, none, []);
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(reason), serverGiven });
  });
});

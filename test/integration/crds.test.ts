// The generated CRDs (deploy/crds/) on a real kube-apiserver 1.20: they install, and the API server
// and the zod schemas they come from agree on valid and invalid documents, naming the same field.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { KubeClient, ResourceRef } from '../../src/adapters/kube/index.js';
import { backupScheduleSchema } from '../../src/backup/schedule-schema.js';
import { fieldPath } from '../../src/common/zod-issues.js';
import type { KubeObject } from '../../src/model/resource-key.js';
import type { ProfileStatus } from '../../src/profiles/crd-schema.js';
import { profileSchema } from '../../src/profiles/schema.js';
import { TestEnv } from '../env/harness.js';
import {
  INVALID_PROFILES,
  INVALID_SCHEDULES,
  profile,
  VALID_PROFILES,
  VALID_SCHEDULES,
} from './crds-cases.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CRD_DIR = join(ROOT, 'deploy', 'crds');
const PROFILES: ResourceRef = {
  group: 'driftline.dev',
  version: 'v1alpha1',
  resource: 'driftprofiles',
  namespaced: false,
};
const SCHEDULES: ResourceRef = {
  group: 'driftline.dev',
  version: 'v1alpha1',
  resource: 'backupschedules',
  namespaced: true,
};

let env: TestEnv;
let client: KubeClient;

beforeAll(async () => {
  env = await TestEnv.start({ clusters: ['mgmt'] });
  client = env.cluster('mgmt').client;
  const crds = readdirSync(CRD_DIR).map((f) => parse(readFileSync(join(CRD_DIR, f), 'utf8')) as KubeObject);
  await env.installCrds('mgmt', crds);
  await client.create(
    { group: '', version: 'v1', resource: 'namespaces', namespaced: false },
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'driftline-system' },
    },
  );
});

afterAll(async () => {
  await env?.stop();
});

/** The server's verdict: undefined when accepted (dry run, nothing stored), else its message. */
async function serverVerdict(ref: ResourceRef, doc: KubeObject): Promise<string | undefined> {
  try {
    await client.apply(ref, doc, { fieldManager: 'crds-test', dryRun: true });
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

// kube-apiserver 1.20 names a field inside a list without its index (`spec.resources.kind`).
const serverField = (field: string): string => field.replace(/\[\d+\]/g, '');

function zodVerdict(
  schema: typeof profileSchema | typeof backupScheduleSchema,
  doc: unknown,
): string | undefined {
  const parsed = schema.safeParse(doc);
  return parsed.success
    ? undefined
    : parsed.error.issues.map((i) => `${fieldPath(i.path)}: ${i.message}`).join('; ');
}

/** The `kind` example of a docs page, so the documented example is proven to apply. */
function docsExample(page: string, kind: string): KubeObject {
  const text = readFileSync(join(ROOT, 'docs', page), 'utf8');
  const start = text.indexOf(`apiVersion: driftline.dev/v1alpha1\nkind: ${kind}\n`);
  if (start < 0) throw new Error(`no ${kind} example in docs/${page}`);
  return parse(text.slice(start, text.indexOf('```', start))) as KubeObject;
}

describe('the generated CRDs on kube-apiserver 1.20', () => {
  it('are served with their short names, categories and the status subresource', async () => {
    const { resources } = await client.discover(true);
    const names = resources.filter((r) => r.group === 'driftline.dev').map((r) => `${r.resource}:${r.kind}`);
    expect(names.sort()).toEqual(['backupschedules:BackupSchedule', 'driftprofiles:DriftProfile']);
    const kubectl = execFileSync('kubectl', [...kubeconfig(), 'api-resources', '--api-group=driftline.dev'], {
      encoding: 'utf8',
    });
    expect(kubectl).toMatch(/driftprofiles\s+dp\s+driftline\.dev\/v1alpha1\s+false\s+DriftProfile/);
    expect(kubectl).toMatch(/backupschedules\s+bsched\s+driftline\.dev\/v1alpha1\s+true\s+BackupSchedule/);
  });

  it('accepts the example of docs/profiles.md, by zod and by the server', async () => {
    const doc = docsExample('profiles.md', 'DriftProfile');
    expect(zodVerdict(profileSchema, doc)).toBeUndefined();
    expect(await serverVerdict(PROFILES, doc)).toBeUndefined();
  });

  it('accepts the example of docs/crds.md, by zod and by the server', async () => {
    const doc = docsExample('crds.md', 'BackupSchedule');
    expect(zodVerdict(backupScheduleSchema, doc)).toBeUndefined();
    expect(await serverVerdict(SCHEDULES, doc)).toBeUndefined();
  });
});

describe('zod and the API server agree on DriftProfiles', () => {
  it.each(VALID_PROFILES)('both accept: $name', async ({ doc }) => {
    expect(zodVerdict(profileSchema, doc)).toBeUndefined();
    expect(await serverVerdict(PROFILES, doc)).toBeUndefined();
  });

  it.each(INVALID_PROFILES)('both reject, naming $field: $name', async ({ doc, field }) => {
    expect(zodVerdict(profileSchema, doc)).toContain(field);
    expect(await serverVerdict(PROFILES, doc)).toContain(serverField(field));
  });
});

describe('zod and the API server agree on BackupSchedules', () => {
  it.each(VALID_SCHEDULES)('both accept: $name', async ({ doc }) => {
    expect(zodVerdict(backupScheduleSchema, doc)).toBeUndefined();
    expect(await serverVerdict(SCHEDULES, doc)).toBeUndefined();
  });

  it.each(INVALID_SCHEDULES)('both reject, naming $field: $name', async ({ doc, field }) => {
    expect(zodVerdict(backupScheduleSchema, doc)).toContain(field);
    expect(await serverVerdict(SCHEDULES, doc)).toContain(serverField(field));
  });
});

describe('where a structural schema cannot follow zod', () => {
  // Kubernetes 1.20 prunes unknown fields instead of refusing them (no server-side field validation
  // before 1.25); zod refuses them. kubectl's client-side validation refuses them too (next test).
  it('the server drops a misspelt spec field that zod refuses', async () => {
    const doc = profile({ syncmode: 'DryRun' });
    expect(zodVerdict(profileSchema, doc)).toContain('syncmode');
    const created = await client.create(PROFILES, { ...doc, metadata: { name: 'pruned' } });
    expect(created.spec).not.toHaveProperty('syncmode');
    await client.delete(PROFILES, '', 'pruned');
  });
});

describe('kubectl apply', () => {
  const apply = (doc: unknown): { status: number; stderr: string } => {
    const file = join(env.dir, 'apply.yaml');
    writeFileSync(file, stringify(doc));
    try {
      execFileSync('kubectl', [...kubeconfig(), 'apply', '-f', file], { encoding: 'utf8', stdio: 'pipe' });
      return { status: 0, stderr: '' };
    } catch (err) {
      const e = err as { status: number; stderr: string };
      return { status: e.status, stderr: e.stderr };
    }
  };

  it('rejects a profile with a wrong sync mode, naming the field', () => {
    const result = apply(profile({ syncMode: 'Sometimes' }));
    expect(result.status).not.toBe(0);
    // The wording docs/profiles.md shows.
    expect(result.stderr).toContain(
      'The DriftProfile "baseline" is invalid: spec.syncMode: Unsupported value: "Sometimes"',
    );
  });

  it('rejects a profile without resources, naming the field', () => {
    const result = apply(profile({ resources: undefined }));
    expect(result.status).not.toBe(0);
    // kubectl validates on the client first, against the CRD schema the server publishes.
    expect(result.stderr).toContain('ValidationError(DriftProfile.spec): missing required field "resources"');
  });

  it('applies a valid profile; the status serve writes shows in `kubectl get`', async () => {
    expect(apply(profile({ syncMode: 'DryRun' }))).toEqual({ status: 0, stderr: '' });
    const live = await client.get(PROFILES, '', 'baseline');
    const status: ProfileStatus = {
      observedGeneration: 1,
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          reason: 'Synced',
          message: 'ok',
          lastTransitionTime: '2026-12-07T10:00:00Z',
        },
      ],
      clusters: 3,
      inSync: 1,
      drifted: 2,
      contested: 0,
      unreachable: 0,
    };
    await client.replaceStatus(PROFILES, { ...live!, status });
    const table = execFileSync('kubectl', [...kubeconfig(), 'get', 'dp'], { encoding: 'utf8' });
    expect(table.split('\n')[0]).toMatch(/^NAME\s+MODE\s+CLUSTERS\s+DRIFTED\s+READY\s+AGE$/);
    expect(table).toMatch(/^baseline\s+DryRun\s+3\s+2\s+True\s+/m);
    // The status subresource: a write of the main resource leaves status alone.
    expect(apply(profile({ syncMode: 'OneTime' }))).toEqual({ status: 0, stderr: '' });
    expect((await client.get(PROFILES, '', 'baseline'))?.status).toEqual(status);
  });
});

function kubeconfig(): string[] {
  return ['--kubeconfig', env.cluster('mgmt').server.kubeconfigPath];
}

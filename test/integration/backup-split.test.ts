// A big namespaced resource is listed per namespace after its first cluster-wide page (etcd
// counts every remaining key for each page of a cluster-wide list). Against a real API server:
// every object lands in the backup exactly once, wherever the first page ends, including in a
// namespace whose name sorts around the key separator ('a-b/…' < 'a/…' < 'ab/…' in etcd).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ResourceRef } from '../../src/adapters/kube/index.js';
import { FsObjectStore } from '../../src/adapters/store/index.js';
import { createBackup } from '../../src/backup/create.js';
import { BackupRepository } from '../../src/backup/repository.js';
import { mapLimit } from '../../src/common/concurrency.js';
import { readBackup } from '../../src/format/index.js';
import { configMap, namespace } from '../../src/lab/builders/index.js';
import { TestEnv } from '../env/harness.js';

const NAMESPACES = ['a', 'a-b', 'ab', 'b', 'z'];
const configmaps: ResourceRef = { group: '', version: 'v1', resource: 'configmaps', namespaced: true };
let env: TestEnv;

beforeAll(async () => {
  env = await TestEnv.start({ clusters: ['split'] });
  await env.create(
    'split',
    NAMESPACES.map((ns) => namespace(ns).build()),
  );
  const objects = NAMESPACES.flatMap((ns) =>
    Array.from({ length: 23 }, (_, i) =>
      configMap(ns, `cm-${String(i).padStart(2, '0')}`)
        .data({ i: `${i}` })
        .build(),
    ),
  );
  const { client } = env.cluster('split');
  await mapLimit(objects, 16, (o) => client.create(configmaps, o));
});

afterAll(async () => {
  await env?.stop();
});

it.each([3, 7, 25, 40])('backs up every object exactly once with %i objects per page', async (pageSize) => {
  const { client } = env.cluster('split');
  const repo = new BackupRepository(new FsObjectStore(mkdtempSync(join(tmpdir(), 'driftline-split-'))));
  const name = `split-${pageSize}`;
  const listed: string[] = [];
  const source = {
    discover: () => client.discover(),
    listPages: (ref: ResourceRef, options?: Parameters<typeof client.listPages>[1]) => {
      if (ref.resource === 'configmaps') listed.push(options?.namespace ?? '*');
      return client.listPages(ref, options);
    },
  };
  const backup = await createBackup(source, repo, { name, includeResources: ['configmaps'], pageSize });
  expect(backup.status?.phase).toBe('Completed');

  const live = (await client.list(configmaps)).items.map((o) => `${o.metadata.namespace}/${o.metadata.name}`);
  const backedUp: string[] = [];
  for await (const item of readBackup(await repo.store.get(repo.layout.backupKeys(name).contents)))
    backedUp.push(`${item.namespace}/${item.name}`);
  expect(backedUp.sort()).toEqual(live.sort());
  expect(backup.status?.progress?.itemsBackedUp).toBe(live.length);
  // 115 objects: more than ten pages after the first splits the list; fewer does not.
  const split = 115 - pageSize > 10 * pageSize;
  expect(listed[0]).toBe('*');
  expect(listed.length > 1).toBe(split);
  if (split) expect(listed.slice(1)).toEqual(expect.arrayContaining(['a', 'a-b', 'ab', 'b', 'z']));
});

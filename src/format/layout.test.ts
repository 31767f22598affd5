import { describe, expect, it } from 'vitest';
import { FormatError } from './errors.js';
import {
  createStoreLayout,
  downloadFileName,
  type ItemPathParts,
  isValidBackupName,
  itemPath,
  normalizePrefix,
  parseItemPath,
} from './layout.js';

describe('store layout', () => {
  it('maps a backup name to every Velero key under a prefix', () => {
    expect(createStoreLayout('velero/cluster-a').backupKeys('nightly-20240101020000')).toEqual({
      dir: 'velero/cluster-a/backups/nightly-20240101020000/',
      metadata: 'velero/cluster-a/backups/nightly-20240101020000/velero-backup.json',
      contents: 'velero/cluster-a/backups/nightly-20240101020000/nightly-20240101020000.tar.gz',
      logs: 'velero/cluster-a/backups/nightly-20240101020000/nightly-20240101020000-logs.gz',
      resourceList:
        'velero/cluster-a/backups/nightly-20240101020000/nightly-20240101020000-resource-list.json.gz',
      results: 'velero/cluster-a/backups/nightly-20240101020000/nightly-20240101020000-results.gz',
      podVolumeBackups:
        'velero/cluster-a/backups/nightly-20240101020000/nightly-20240101020000-podvolumebackups.json.gz',
      volumeSnapshots:
        'velero/cluster-a/backups/nightly-20240101020000/nightly-20240101020000-volumesnapshots.json.gz',
      itemOperations:
        'velero/cluster-a/backups/nightly-20240101020000/nightly-20240101020000-itemoperations.json.gz',
      volumeInfo: 'velero/cluster-a/backups/nightly-20240101020000/nightly-20240101020000-volumeinfo.json.gz',
    });
  });

  it('maps a restore name to its keys at the bucket root', () => {
    expect(createStoreLayout().restoreKeys('r1')).toEqual({
      dir: 'restores/r1/',
      results: 'restores/r1/restore-r1-results.gz',
      resourceList: 'restores/r1/restore-r1-resource-list.json.gz',
      logs: 'restores/r1/restore-r1-logs.gz',
      metadata: 'restores/r1/restore-r1.json',
    });
  });

  it.each([
    ['', ''],
    ['velero', 'velero/'],
    ['velero/', 'velero/'],
    ['a/b', 'a/b/'],
  ])('normalises prefix %j to %j', (prefix, expected) => {
    expect(normalizePrefix(prefix)).toBe(expected);
    expect(createStoreLayout(prefix).dirKey('kopia')).toBe(`${expected}kopia/`);
  });

  it.each(['/abs', 'a//b', 'a/../b', './a', 'a\\b'])('rejects the unsafe prefix %j', (prefix) => {
    expect(() => normalizePrefix(prefix)).toThrow(FormatError);
  });

  it('names the metadata revision key and the download file', () => {
    expect(createStoreLayout('p').revisionKey()).toBe('p/metadata/revision');
    expect(downloadFileName('b1')).toBe('b1-data.tar.gz');
  });

  it.each([
    ['p/backups/b1/velero-backup.json', 'b1'],
    ['p/backups/b1/b1.tar.gz', 'b1'],
    ['p/restores/b1/x', undefined],
    ['p/backups/../x', undefined],
    ['other/backups/b1/x', undefined],
  ])('finds the backup that key %j belongs to', (key, name) => {
    expect(createStoreLayout('p').backupNameOf(key)).toBe(name);
  });
});

describe('backup names', () => {
  it.each(['b1', 'nightly-20240101020000', 'a.b-c', 'x'.repeat(253)])('accepts %j', (name) => {
    expect(isValidBackupName(name)).toBe(true);
  });

  it.each(['', '..', 'a/b', '../x', 'a..b', '.a', 'A', 'a_b', '-a', 'a-', 'x'.repeat(254)])(
    'rejects %j so that no key can contain / or ..',
    (name) => {
      expect(isValidBackupName(name)).toBe(false);
      expect(() => createStoreLayout().backupKeys(name)).toThrow(
        expect.objectContaining({ code: 'format.invalid-name' }),
      );
    },
  );
});

describe('item paths', () => {
  const cases: Array<[string, ItemPathParts, string]> = [
    [
      'a core namespaced item without a group suffix',
      { resource: 'secrets', group: '', version: undefined, preferred: true, namespace: 'ns1', name: 's1' },
      'resources/secrets/namespaces/ns1/s1.json',
    ],
    [
      'the preferred-version copy of a core item',
      { resource: 'secrets', group: '', version: 'v1', preferred: true, namespace: 'ns1', name: 's1' },
      'resources/secrets/v1-preferredversion/namespaces/ns1/s1.json',
    ],
    [
      'a cluster-scoped item',
      { resource: 'namespaces', group: '', version: undefined, preferred: true, namespace: '', name: 'ns1' },
      'resources/namespaces/cluster/ns1.json',
    ],
    [
      'a grouped item in a non-preferred version',
      {
        resource: 'clusters',
        group: 'cluster.x-k8s.io',
        version: 'v1alpha4',
        preferred: false,
        namespace: 'ns',
        name: 'c',
      },
      'resources/clusters.cluster.x-k8s.io/v1alpha4/namespaces/ns/c.json',
    ],
    [
      'an RBAC name with colons in a namespace called "cluster"',
      {
        resource: 'roles',
        group: 'rbac.authorization.k8s.io',
        version: 'v1',
        preferred: true,
        namespace: 'cluster',
        name: 'system:x',
      },
      'resources/roles.rbac.authorization.k8s.io/v1-preferredversion/namespaces/cluster/system:x.json',
    ],
  ];

  it.each(cases)('builds and parses %s', (_name, parts, path) => {
    expect(itemPath(parts)).toBe(path);
    expect(parseItemPath(path)).toEqual(parts);
  });

  it.each([
    ['metadata/version', 'not an item path'],
    ['resources/secrets/ns1/s1.json', 'missing cluster/namespaces scope'],
    ['resources/secrets/namespaces/ns1/s1.yaml', 'must end in .json'],
    ['resources/secrets/namespaces/ns1/extra/s1.json', 'unexpected number of path segments'],
    ['resources/secrets/cluster/a/s1.json', 'unexpected number of path segments'],
    ['resources/Secrets/cluster/s1.json', 'invalid resource'],
    ['resources/secrets/V1/cluster/s1.json', 'invalid version'],
    ['resources/secrets/namespaces/NS/s1.json', 'invalid namespace'],
    ['resources/secrets/cluster/..json', 'invalid object name'],
  ])('rejects %j (%s)', (path, why) => {
    expect(() => parseItemPath(path)).toThrow(
      expect.objectContaining({ code: 'format.invalid-path', entry: path }),
    );
    expect(() => parseItemPath(path)).toThrow(why);
  });

  it('refuses to build a path from a name that could escape', () => {
    const parts = {
      resource: 'secrets',
      group: '',
      version: undefined,
      preferred: true,
      namespace: 'ns',
      name: '../x',
    };
    expect(() => itemPath(parts)).toThrow(expect.objectContaining({ code: 'format.invalid-name' }));
  });
});

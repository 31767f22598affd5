import { describe, expect, it } from 'vitest';
import { buildBackupObject, encodeBackupObject, parseBackupObject } from './backup-object.js';

const start = new Date('2024-05-01T02:00:00.123Z');
const end = new Date('2024-05-01T02:01:30Z');

describe('velero-backup.json', () => {
  it('builds the Backup object Velero writes for a completed backup', () => {
    const backup = buildBackupObject({
      name: 'nightly-20240501020000',
      labels: { 'velero.io/schedule-name': 'nightly' },
      includedNamespaces: ['capi-system', 'fleet'],
      excludedResources: ['events'],
      includeClusterResources: true,
      labelSelector: { matchLabels: { tier: 'mgmt' } },
      ttl: '24h',
      phase: 'Completed',
      startTimestamp: start,
      completionTimestamp: end,
      totalItems: 10,
      itemsBackedUp: 10,
      warnings: 2,
    });
    expect(backup).toEqual({
      apiVersion: 'velero.io/v1',
      kind: 'Backup',
      metadata: {
        name: 'nightly-20240501020000',
        namespace: 'velero',
        creationTimestamp: '2024-05-01T02:00:00Z',
        labels: { 'velero.io/schedule-name': 'nightly', 'velero.io/storage-location': 'default' },
      },
      spec: {
        includedNamespaces: ['capi-system', 'fleet'],
        excludedResources: ['events'],
        includeClusterResources: true,
        labelSelector: { matchLabels: { tier: 'mgmt' } },
        ttl: '24h0m0s',
        storageLocation: 'default',
      },
      status: {
        version: 1,
        formatVersion: '1.1.0',
        expiration: '2024-05-02T02:00:00Z',
        phase: 'Completed',
        startTimestamp: '2024-05-01T02:00:00Z',
        completionTimestamp: '2024-05-01T02:01:30Z',
        progress: { totalItems: 10, itemsBackedUp: 10 },
        warnings: 2,
      },
    });
    expect(parseBackupObject(encodeBackupObject(backup))).toEqual(backup);
  });

  it('defaults to all namespaces, the default location and a 720h TTL', () => {
    const backup = buildBackupObject({
      name: 'b1',
      phase: 'InProgress',
      startTimestamp: start,
      totalItems: 0,
      itemsBackedUp: 0,
    });
    expect(backup.spec).toEqual({ includedNamespaces: ['*'], ttl: '720h0m0s', storageLocation: 'default' });
    expect(backup.status.expiration).toBe('2024-05-31T02:00:00Z');
    expect(backup.status).not.toHaveProperty('completionTimestamp');
  });

  it('parses a Backup Velero wrote, keeping fields it does not know', () => {
    const velero = {
      apiVersion: 'velero.io/v1',
      kind: 'Backup',
      metadata: {
        name: 'b1',
        namespace: 'velero',
        creationTimestamp: null,
        uid: 'u1',
        resourceVersion: '12',
      },
      spec: {
        hooks: {},
        ttl: '720h0m0s',
        storageLocation: 'default',
        csiSnapshotTimeout: '10m0s',
        snapshotMoveData: false,
      },
      status: { phase: 'PartiallyFailed', errors: 3, hookStatus: {}, backupItemOperationsAttempted: 0 },
    };
    const parsed = parseBackupObject(JSON.stringify(velero));
    expect(parsed).toEqual(velero);
    expect(parsed.status.phase).toBe('PartiallyFailed');
  });

  it.each([
    ['text that is not JSON', '{', 'format.invalid-json'],
    [
      'another kind',
      { apiVersion: 'velero.io/v1', kind: 'Restore', metadata: { name: 'x' } },
      'format.invalid-backup',
    ],
    [
      'a Backup without a name',
      { apiVersion: 'velero.io/v1', kind: 'Backup', metadata: {} },
      'format.invalid-backup',
    ],
    [
      'a non-numeric error count',
      { apiVersion: 'velero.io/v1', kind: 'Backup', metadata: { name: 'x' }, status: { errors: 'many' } },
      'format.invalid-backup',
    ],
  ])('rejects %s', (_name, input, code) => {
    expect(() => parseBackupObject(input)).toThrow(expect.objectContaining({ code }));
  });

  it('refuses a backup name that could escape the store layout', () => {
    expect(() =>
      buildBackupObject({
        name: '../x',
        phase: 'Failed',
        startTimestamp: start,
        totalItems: 0,
        itemsBackedUp: 0,
      }),
    ).toThrow(expect.objectContaining({ code: 'format.invalid-name' }));
  });
});

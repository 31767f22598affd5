import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { capiCluster, namespaceObject, secret } from '../../test/support/format/objects.js';
import { keyOf } from '../model/resource-key.js';
import {
  type BackupResults,
  decodeGzipJson,
  decodeResourceList,
  decodeResults,
  encodeGzipJson,
  encodeResourceList,
  encodeResults,
  ResourceListBuilder,
  ResultsBuilder,
} from './metadata-files.js';

describe('resource list', () => {
  it('keys core kinds as v1/Kind and sorts keys and names', async () => {
    const builder = new ResourceListBuilder();
    for (const obj of [
      secret('ns2', 'b'),
      capiCluster('ns1', 'c1'),
      secret('ns1', 'a'),
      namespaceObject('ns1'),
      secret('ns1', 'a'),
    ]) {
      builder.add(keyOf(obj));
    }
    const list = builder.build();
    expect(list).toEqual({
      'cluster.x-k8s.io/v1beta1/Cluster': ['ns1/c1'],
      'v1/Namespace': ['ns1'],
      'v1/Secret': ['ns1/a', 'ns2/b'],
    });
    expect(Object.keys(list)).toEqual(['cluster.x-k8s.io/v1beta1/Cluster', 'v1/Namespace', 'v1/Secret']);
    const gz = await encodeResourceList(list);
    expect(gunzipSync(gz).toString()).toBe(
      '{"cluster.x-k8s.io/v1beta1/Cluster":["ns1/c1"],"v1/Namespace":["ns1"],"v1/Secret":["ns1/a","ns2/b"]}\n',
    );
    expect(await decodeResourceList(gz)).toEqual(list);
  });

  it('reads a list Velero wrote with null entries', async () => {
    expect(await decodeResourceList(gzipSync('{"v1/Secret":null}'))).toEqual({ 'v1/Secret': [] });
  });
});

describe('results', () => {
  it('round-trips errors and warnings in Velero’s Result shape, leaving out empty parts', async () => {
    const results = new ResultsBuilder()
      .error({ namespace: 'ns1' }, 'secret ns1/s1: forbidden')
      .error('cluster', 'namespace ns9: gone')
      .warning('velero', 'plugin slow')
      .warning({ namespace: 'ns1' }, 'a')
      .warning({ namespace: 'ns1' }, 'b');
    const built = results.build();
    expect(built).toEqual({
      errors: { namespaces: { ns1: ['secret ns1/s1: forbidden'] }, cluster: ['namespace ns9: gone'] },
      warnings: { velero: ['plugin slow'], namespaces: { ns1: ['a', 'b'] } },
    });
    expect(results.counts()).toEqual({ errors: 2, warnings: 3 });
    const gz = await encodeResults(built);
    expect(JSON.parse(gunzipSync(gz).toString())).toEqual(built);
    expect(await decodeResults(gz)).toEqual(built);
  });

  it.each<[string, string, BackupResults]>([
    ['empty results', '{"errors":{},"warnings":{}}', { errors: {}, warnings: {} }],
    [
      'null parts',
      '{"errors":null,"warnings":{"velero":null,"namespaces":{"a":null}}}',
      { errors: {}, warnings: {} },
    ],
    [
      'unknown fields',
      '{"errors":{"cluster":["x"],"future":1},"warnings":{}}',
      { errors: { cluster: ['x'] }, warnings: {} },
    ],
  ])('reads %s', async (_name, json, expected) => {
    expect(await decodeResults(gzipSync(json))).toEqual(expected);
  });
});

describe('gzip json files', () => {
  it('encodes like Go: sorted keys, compact, HTML-safe, trailing newline', async () => {
    const gz = await encodeGzipJson({ b: [1], a: '<&>' });
    expect(gunzipSync(gz).toString()).toBe('{"a":"\\u003c\\u0026\\u003e","b":[1]}\n');
    expect(await decodeGzipJson(gz)).toEqual({ a: '<&>', b: [1] });
  });

  it.each([
    ['a truncated file', () => gzipSync('{"v1/Secret":[]}').subarray(0, 12), 'format.truncated'],
    ['a file that is not gzip', () => Buffer.from('{}'), 'format.corrupt'],
    ['gzip of something that is not JSON', () => gzipSync('{"'), 'format.invalid-json'],
    ['JSON of the wrong shape', () => gzipSync('{"v1/Secret":"s1"}'), 'format.invalid-json'],
  ])('rejects %s as a resource list', async (_name, build, code) => {
    await expect(decodeResourceList(build())).rejects.toMatchObject({ code, entry: 'resource list' });
  });

  it('refuses a gzip bomb beyond the size cap', async () => {
    const bomb = gzipSync(Buffer.alloc(4 * 1024 * 1024, 0x20));
    await expect(decodeGzipJson(bomb, 'results', 1024 * 1024)).rejects.toMatchObject({
      code: 'format.entry-too-large',
    });
  });
});

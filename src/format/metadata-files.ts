/** The gzip-JSON files stored beside a backup tarball: resource list, results and the generic lists. */
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { z } from 'zod';
import type { ResourceKey } from '../model/resource-key.js';
import { formatApiVersion } from '../model/resource-key.js';
import { FormatError } from './errors.js';
import { encodeGoJson } from './go-json.js';
import { gunzipBuffer } from './gunzip.js';

const gzipAsync = promisify(gzip);

/** Largest decompressed metadata file accepted; a guard against gzip bombs. */
export const MAX_METADATA_BYTES = 64 * 1024 * 1024;

/** `<n>-resource-list.json.gz`: `"<group/version>/<Kind>"` (core as `v1/Secret`) → sorted `ns/name` or `name`. */
export type ResourceList = Record<string, string[]>;

/** Velero's `results.Result`: messages for Velero itself, cluster-scoped items and per namespace. */
export interface VeleroResult {
  velero?: string[];
  cluster?: string[];
  namespaces?: Record<string, string[]>;
}

/** `<n>-results.gz` (and a restore's results): errors and warnings in Velero's Result shape. */
export interface BackupResults {
  errors: VeleroResult;
  warnings: VeleroResult;
}

/** Where a result message belongs. */
export type ResultScope = 'velero' | 'cluster' | { namespace: string };

/** Gzips a value as Velero's `encode.EncodeToJSONGzip` does: compact JSON, sorted map keys, a newline. */
export async function encodeGzipJson(value: unknown): Promise<Buffer> {
  return gzipAsync(Buffer.from(`${encodeGoJson(value)}\n`, 'utf8'));
}

/** Gunzips and parses a metadata file; `what` names it in errors (`format.truncated`, `format.invalid-json`, …). */
export async function decodeGzipJson(
  data: Uint8Array,
  what = 'metadata file',
  maxBytes = MAX_METADATA_BYTES,
): Promise<unknown> {
  const text = (await gunzipBuffer(data, maxBytes, what)).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new FormatError('format.invalid-json', `${what} is not valid json`, { entry: what, cause: err });
  }
}

/** The resource-list key of an object: `v1/Secret`, `cluster.x-k8s.io/v1beta1/Cluster`. */
export function resourceListKey(key: Pick<ResourceKey, 'group' | 'version' | 'kind'>): string {
  return `${formatApiVersion(key.group, key.version)}/${key.kind}`;
}

/** Accumulates the resource list while items are written; entries are de-duplicated and sorted on build. */
export class ResourceListBuilder {
  private readonly entries = new Map<string, Set<string>>();
  // Backups add long runs of one kind: remember the last kind's set instead of building and
  // hashing its key for every object.
  private last: { group: string; version: string; kind: string; names: Set<string> } | undefined;

  /** Records one backed-up object. */
  add(key: ResourceKey): void {
    const names = this.namesOf(key);
    names.add(key.namespace ? `${key.namespace}/${key.name}` : key.name);
  }

  private namesOf(key: ResourceKey): Set<string> {
    const last = this.last;
    if (last && last.kind === key.kind && last.version === key.version && last.group === key.group)
      return last.names;
    const listKey = resourceListKey(key);
    let names = this.entries.get(listKey);
    if (!names) {
      names = new Set();
      this.entries.set(listKey, names);
    }
    this.last = { group: key.group, version: key.version, kind: key.kind, names };
    return names;
  }

  /** The list as Velero stores it: keys and names sorted. */
  build(): ResourceList {
    const list: ResourceList = {};
    for (const key of [...this.entries.keys()].sort()) list[key] = [...(this.entries.get(key) ?? [])].sort();
    return list;
  }
}

const resourceListSchema = z.record(z.string(), z.array(z.string()).nullable());

/** Gzips a resource list. */
export function encodeResourceList(list: ResourceList): Promise<Buffer> {
  return encodeGzipJson(list);
}

/** Reads a resource list; throws `format.invalid-json` when the shape is wrong. */
export async function decodeResourceList(data: Uint8Array): Promise<ResourceList> {
  const parsed = resourceListSchema.safeParse(await decodeGzipJson(data, 'resource list'));
  if (!parsed.success) throw shapeError('resource list', parsed.error);
  return Object.fromEntries(Object.entries(parsed.data).map(([k, v]) => [k, v ?? []]));
}

const messages = z.array(z.string()).nullish();
const resultSchema = z
  .looseObject({ velero: messages, cluster: messages, namespaces: z.record(z.string(), messages).nullish() })
  .nullish();
const resultsSchema = z.looseObject({ errors: resultSchema, warnings: resultSchema });

/** Gzips results, leaving out empty fields as Go's `omitempty` does. */
export function encodeResults(results: BackupResults): Promise<Buffer> {
  return encodeGzipJson({ errors: compactResult(results.errors), warnings: compactResult(results.warnings) });
}

/** Reads a results file; missing or null parts become empty results. */
export async function decodeResults(data: Uint8Array): Promise<BackupResults> {
  const parsed = resultsSchema.safeParse(await decodeGzipJson(data, 'results'));
  if (!parsed.success) throw shapeError('results', parsed.error);
  return { errors: normalizeResult(parsed.data.errors), warnings: normalizeResult(parsed.data.warnings) };
}

/** Collects error and warning messages during a run, Velero `util/results` style. */
export class ResultsBuilder {
  private readonly results: BackupResults = { errors: {}, warnings: {} };

  /** Records an error message. */
  error(scope: ResultScope, message: string): this {
    addMessage(this.results.errors, scope, message);
    return this;
  }

  /** Records a warning message. */
  warning(scope: ResultScope, message: string): this {
    addMessage(this.results.warnings, scope, message);
    return this;
  }

  /** Counts of recorded errors and warnings (for the Backup status). */
  counts(): { errors: number; warnings: number } {
    return { errors: countMessages(this.results.errors), warnings: countMessages(this.results.warnings) };
  }

  /** The collected results. */
  build(): BackupResults {
    return structuredClone(this.results);
  }
}

function addMessage(result: VeleroResult, scope: ResultScope, message: string): void {
  if (scope === 'velero') {
    result.velero = appended(result.velero, message);
  } else if (scope === 'cluster') {
    result.cluster = appended(result.cluster, message);
  } else {
    const namespaces = result.namespaces ?? {};
    namespaces[scope.namespace] = appended(namespaces[scope.namespace], message);
    result.namespaces = namespaces;
  }
}

function appended(list: string[] | undefined, message: string): string[] {
  const out = list ?? [];
  out.push(message);
  return out;
}

function countMessages(result: VeleroResult): number {
  const namespaced = Object.values(result.namespaces ?? {}).reduce((n, list) => n + list.length, 0);
  return (result.velero?.length ?? 0) + (result.cluster?.length ?? 0) + namespaced;
}

function compactResult(result: VeleroResult): VeleroResult {
  const out: VeleroResult = {};
  if (result.velero?.length) out.velero = result.velero;
  if (result.cluster?.length) out.cluster = result.cluster;
  const namespaces = Object.entries(result.namespaces ?? {}).filter(([, list]) => list.length > 0);
  if (namespaces.length) out.namespaces = Object.fromEntries(namespaces);
  return out;
}

function normalizeResult(raw: z.infer<typeof resultSchema>): VeleroResult {
  const namespaces = Object.entries(raw?.namespaces ?? {}).map(([ns, list]) => [ns, list ?? []] as const);
  return compactResult({
    velero: raw?.velero ?? [],
    cluster: raw?.cluster ?? [],
    namespaces: Object.fromEntries(namespaces),
  });
}

function shapeError(what: string, cause: z.ZodError): FormatError {
  return new FormatError(
    'format.invalid-json',
    `${what} does not have the expected shape: ${z.prettifyError(cause)}`,
    {
      entry: what,
      cause,
    },
  );
}

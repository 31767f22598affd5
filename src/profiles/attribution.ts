/** Who changed the drifted fields: the managedFields entries that own them, with their time (pure). */
import { deepEqual, type FieldChange, parsePointer } from '../diff/index.js';
import type { KubeObject } from '../model/resource-key.js';
import { FIELD_MANAGER } from '../model/vocabulary.js';
import { comparableDesired } from './drift.js';
import { projectLive } from './project.js';

/** A manager that changed some of the drifted fields; `inferred` when no entry owns them (e.g. removals). */
export interface Attribution {
  manager: string;
  operation?: string;
  /** When that manager last changed the object (managedFields time, second precision). */
  time?: string;
  paths: string[];
  inferred?: boolean;
}

interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  time?: string;
  subresource?: string;
  fieldsV1?: FieldSet;
}

type FieldSet = { [key: string]: FieldSet };

type Step = { field: string } | { element: unknown; index: number };

/**
 * Names the managers other than `self` owning each drifted field of `live`. Fields nobody owns
 * (removed ones) go to the most recent other manager, marked `inferred`.
 */
export function attributeDrift(
  desired: KubeObject,
  live: KubeObject | undefined,
  changes: readonly FieldChange[],
  self = FIELD_MANAGER,
): Attribution[] {
  if (!live) return [];
  const entries = ((live.metadata.managedFields ?? []) as ManagedFieldsEntry[]).filter(
    (e) => e.manager && !e.subresource,
  );
  const want = comparableDesired(desired);
  const have = projectLive(want, live);
  const found = new Map<string, Attribution>();
  const orphans: string[] = [];
  for (const change of changes) {
    const steps = liveSteps(change.op === 'remove' ? want : have, live, parsePointer(change.path));
    const owners = entries.filter((e) => e.manager !== self && steps && owns(e.fieldsV1, steps));
    if (owners.length === 0) orphans.push(change.path);
    for (const owner of owners) add(found, owner, change.path, false);
  }
  const latest = latestOther(entries, self);
  if (orphans.length > 0 && latest) for (const path of orphans) add(found, latest, path, true);
  return [...found.values()].sort((a, b) => (b.time ?? '').localeCompare(a.time ?? ''));
}

/**
 * True when `manager` alone owns, in `live`, every field that had drifted (`changes`, the last
 * diff): it was that manager — another Driftline process such as `drift correct` — that put them
 * back, not a person or a controller reverting their own change. A deleted object (path `''`)
 * counts as put back by the manager owning the recreated object's declared fields.
 */
export function restoredBy(
  desired: KubeObject,
  live: KubeObject,
  changes: readonly FieldChange[],
  manager = FIELD_MANAGER,
): boolean {
  const entries = ((live.metadata.managedFields ?? []) as ManagedFieldsEntry[]).filter(
    (e) => e.manager && !e.subresource,
  );
  const want = comparableDesired(desired);
  const have = projectLive(want, live);
  const paths = changes.flatMap((c) => (c.path === '' ? declaredPaths(want) : [c.path]));
  if (paths.length === 0) return false;
  return paths.every((path) => {
    const steps = liveSteps(have, live, parsePointer(path));
    const owners = entries.filter((e) => steps && owns(e.fieldsV1, steps)).map((e) => e.manager);
    return owners.length > 0 && owners.every((m) => m === manager);
  });
}

// The top-level fields a desired object declares besides its identity, with its labels and annotations.
function declaredPaths(want: KubeObject): string[] {
  const top = Object.keys(want).filter((k) => !['apiVersion', 'kind', 'metadata'].includes(k));
  const meta = ['labels', 'annotations'].filter((k) => want.metadata[k] !== undefined);
  return [...top.map((k) => `/${k}`), ...meta.map((k) => `/metadata/${k}`)];
}

function add(
  found: Map<string, Attribution>,
  entry: ManagedFieldsEntry,
  path: string,
  inferred: boolean,
): void {
  const key = `${entry.manager}|${entry.operation}`;
  const current = found.get(key) ?? {
    manager: entry.manager!,
    operation: entry.operation,
    time: entry.time,
    paths: [],
    ...(inferred && { inferred }),
  };
  if (!inferred) delete current.inferred;
  current.paths.push(path);
  found.set(key, current);
}

function latestOther(entries: ManagedFieldsEntry[], self: string): ManagedFieldsEntry | undefined {
  return entries
    .filter((e) => e.manager !== self)
    .sort((a, b) => (b.time ?? '').localeCompare(a.time ?? ''))[0];
}

// Walks the pointer over `shape` (projected or desired) and translates list positions into the
// matching live elements, which managedFields keys (`k:{"name":"x"}`) describe.
function liveSteps(shape: unknown, live: unknown, tokens: string[]): Step[] | undefined {
  const steps: Step[] = [];
  let s = shape;
  let l = live;
  for (const token of tokens) {
    if (Array.isArray(s) && Array.isArray(l)) {
      const i = Number(token);
      const name = (s[i] as { name?: unknown } | undefined)?.name;
      const index =
        typeof name === 'string' ? l.findIndex((e) => (e as { name?: unknown })?.name === name) : i;
      if (index < 0 || index >= l.length) return steps;
      steps.push({ element: l[index], index });
      s = s[i];
      l = l[index];
    } else if (isObject(s) && isObject(l)) {
      steps.push({ field: token });
      s = s[token];
      l = l[token];
      if (l === undefined) return steps;
    } else return steps;
  }
  return steps;
}

function owns(set: FieldSet | undefined, steps: Step[]): boolean {
  let node = set;
  for (const step of steps) {
    if (!node) return false;
    if (Object.keys(node).length === 0) return true;
    node = 'field' in step ? node[`f:${step.field}`] : elementNode(node, step);
  }
  return node !== undefined;
}

function elementNode(node: FieldSet, step: { element: unknown; index: number }): FieldSet | undefined {
  for (const [key, child] of Object.entries(node)) {
    if (key === `i:${step.index}`) return child;
    if (key.startsWith('v:') && deepEqual(safeParse(key.slice(2)), step.element)) return child;
    if (key.startsWith('k:')) {
      const want = safeParse(key.slice(2));
      if (
        isObject(want) &&
        isObject(step.element) &&
        Object.entries(want).every(([k, v]) => deepEqual((step.element as Record<string, unknown>)[k], v))
      )
        return child;
    }
  }
  return undefined;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

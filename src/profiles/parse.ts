/** Parsing profile and manifest YAML into validated models, errors pointing at file:line and field (pure). */

import { type Document, isMap, isSeq, LineCounter, type Node, parseAllDocuments } from 'yaml';
import type { z } from 'zod';
import { fieldPath } from '../common/zod-issues.js';
import { fromLabelSelectorObject, parseLabelSelector } from '../model/label-selector.js';
import type { KubeObject } from '../model/resource-key.js';
import { ProfileError } from './errors.js';
import { PROFILE_KIND, type ProfileDocument, profileSchema } from './schema.js';
import {
  DEFAULT_GUARD,
  DEFAULT_TIER,
  type DesiredResource,
  type DriftExclusion,
  type Profile,
} from './types.js';

/** A validated profile document and where it sits. */
export interface ParsedProfile {
  document: ProfileDocument;
  file: string;
  index: number;
}

/** Resolves a `path:` entry (relative to the profile file) to the manifests it holds. */
export type PathResolver = (path: string, profileFile: string) => DesiredResource[];

/** Reads every `kind: DriftProfile` document of a YAML text; other documents are skipped. */
export function parseProfiles(text: string, file: string): ParsedProfile[] {
  const { docs, lines } = parseYaml(text, file);
  const out: ParsedProfile[] = [];
  const problems: string[] = [];
  docs.forEach((doc, index) => {
    const value = doc.toJS() as { kind?: unknown } | null;
    if (value?.kind !== PROFILE_KIND) return;
    const result = profileSchema.safeParse(value);
    if (result.success) out.push({ document: result.data, file, index });
    else problems.push(...describeIssues(result.error.issues, doc, lines, file));
  });
  // Every problem at once: fixing one field at a time and re-running is what users complained of.
  if (problems.length > 0) throw ProfileError.of(problems);
  return out;
}

/** Reads Kubernetes manifests (multi-document YAML); each needs apiVersion, kind and metadata.name. */
export function parseManifests(text: string, file: string): DesiredResource[] {
  const { docs, lines } = parseYaml(text, file);
  const out: DesiredResource[] = [];
  docs.forEach((doc, index) => {
    const value = doc.toJS() as KubeObject | null;
    if (value === null || value === undefined) return;
    const missing = ['apiVersion', 'kind'].find((f) => typeof value[f] !== 'string');
    const problem = missing ?? (typeof value.metadata?.name === 'string' ? undefined : 'metadata.name');
    if (problem)
      throw new ProfileError(
        `${where(lines, file, offsetOf(doc, []))}: manifest ${index + 1} has no ${problem}`,
      );
    out.push({ object: value, origin: { file, document: index, path: [] } });
  });
  return out;
}

/** Turns a validated document into a Profile, resolving `path:` entries through `resolve`. */
export function buildProfile(parsed: ParsedProfile, resolve: PathResolver): Profile {
  const { document: doc, file, index } = parsed;
  const spec = doc.spec;
  const resources = spec.resources.flatMap((entry, i): DesiredResource[] =>
    typeof entry.path === 'string'
      ? resolve(entry.path, file)
      : [{ object: entry as KubeObject, origin: { file, document: index, path: ['spec', 'resources', i] } }],
  );
  const guard = spec.contestGuard ?? {};
  return {
    name: doc.metadata.name,
    file,
    clusterSelector: spec.clusterSelector && fromLabelSelectorObject(spec.clusterSelector),
    clusters: spec.clusters,
    namespaces: spec.namespaces,
    resources,
    syncMode: spec.syncMode ?? 'ContinuousWithDriftDetection',
    correction: spec.correction ?? 'Auto',
    exclusions: (spec.driftExclusions ?? []).map(toExclusion),
    tier: spec.tier ?? DEFAULT_TIER,
    prune: spec.prune ?? false,
    guard: {
      maxCorrections: guard.maxCorrections ?? DEFAULT_GUARD.maxCorrections,
      windowMs: seconds(guard.windowSeconds) ?? DEFAULT_GUARD.windowMs,
      backoffMs: seconds(guard.backoffSeconds) ?? DEFAULT_GUARD.backoffMs,
      maxBackoffMs: seconds(guard.maxBackoffSeconds) ?? DEFAULT_GUARD.maxBackoffMs,
    },
  };
}

function toExclusion(e: NonNullable<ProfileDocument['spec']['driftExclusions']>[number]): DriftExclusion {
  if (!e.target) return { paths: e.paths };
  const { labelSelector, ...rest } = e.target;
  return {
    paths: e.paths,
    target: { ...rest, labelSelector: labelSelector ? parseLabelSelector(labelSelector) : undefined },
  };
}

const seconds = (s: number | undefined): number | undefined => (s === undefined ? undefined : s * 1000);

function parseYaml(text: string, file: string): { docs: Document[]; lines: LineCounter } {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines });
  if (!Array.isArray(docs)) return { docs: [], lines };
  for (const doc of docs) {
    const err = doc.errors[0];
    if (err) {
      const pos = err.linePos?.[0];
      throw new ProfileError(
        `${file}${pos ? `:${pos.line}:${pos.col}` : ''}: invalid YAML: ${firstLine(err.message)}`,
      );
    }
  }
  return { docs, lines };
}

// One line per issue, in the order the fields appear in the file.
function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  doc: Document,
  lines: LineCounter,
  file: string,
): string[] {
  return issues
    .map((issue) => {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      const offset = offsetOf(doc, path);
      const text = `${where(lines, file, offset)}: ${fieldPath(path)}: ${lowerFirst(issue.message)}`;
      return { offset: offset ?? -1, text };
    })
    .sort((a, b) => a.offset - b.offset)
    .map((p) => p.text);
}

// The deepest node that exists along `path`: a missing field points at its parent.
function offsetOf(doc: Document, path: (string | number)[]): number | undefined {
  let node: Node | undefined = doc.contents ?? undefined;
  for (const key of path) {
    if (!(isMap(node) || isSeq(node))) break;
    const child = node.get(key, true) as Node | undefined;
    if (!child) break;
    node = child;
  }
  return node?.range?.[0];
}

function where(lines: LineCounter, file: string, offset: number | undefined): string {
  if (offset === undefined) return file;
  const pos = lines.linePos(offset);
  return `${file}:${pos.line}:${pos.col}`;
}

const firstLine = (s: string): string => s.split('\n')[0] ?? s;
const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

/** Loads kubeconfigs the way kubectl does: --kubeconfig, KUBECONFIG, ~/.kube/config, or a string. */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeConfig } from './client-node.js';
import { KubeError } from './errors.js';

/** Where to find credentials for one API server. */
export interface KubeconfigSource {
  /** Path given with --kubeconfig (wins over KUBECONFIG). */
  file?: string;
  /** A whole kubeconfig document, e.g. the `value` of a `<cluster>-kubeconfig` Secret. */
  inline?: string;
  /** Context to use instead of current-context. */
  context?: string;
  /** Environment to read KUBECONFIG/HOME from (defaults to process.env). */
  env?: NodeJS.ProcessEnv;
}

/** A loaded kubeconfig pinned to one context. */
export interface LoadedKubeconfig {
  config: KubeConfig;
  context: string;
  server: string;
  /** Where it came from, for messages (never the content). */
  origin: string;
}

/** Loads and validates a kubeconfig, failing with `kube.kubeconfig` and a helpful message. */
export function loadKubeconfig(source: KubeconfigSource = {}): LoadedKubeconfig {
  const config = new KubeConfig();
  const origin = readInto(config, source);
  if (source.context) {
    const names = config.getContexts().map((c) => c.name);
    if (!names.includes(source.context)) {
      throw new KubeError(
        'kube.kubeconfig',
        `context "${source.context}" not found in ${origin} (available: ${names.join(', ') || 'none'})`,
      );
    }
    config.setCurrentContext(source.context);
  }
  const context = config.getCurrentContext();
  const cluster = config.getCurrentCluster();
  if (!context || !cluster) {
    throw new KubeError('kube.kubeconfig', `${origin} has no current context; pass --context`);
  }
  return { config, context, server: cluster.server, origin };
}

function readInto(config: KubeConfig, source: KubeconfigSource): string {
  try {
    if (source.inline !== undefined) {
      config.loadFromString(source.inline);
      return 'inline kubeconfig';
    }
    const files = kubeconfigFiles(source);
    if (files.length === 0) {
      throw new KubeError(
        'kube.kubeconfig',
        'no kubeconfig found: pass --kubeconfig, set KUBECONFIG, or create ~/.kube/config',
      );
    }
    const [first, ...rest] = files;
    config.loadFromFile(first!);
    for (const file of rest) mergeFirstWins(config, loadOne(file));
    return files.join(delimiter);
  } catch (err) {
    if (err instanceof KubeError) throw err;
    const what = source.inline !== undefined ? 'inline kubeconfig' : 'kubeconfig';
    throw new KubeError('kube.kubeconfig', `cannot load ${what}: ${safeReason(err)}`);
  }
}

// Parser messages quote the offending text, which may be a token: keep only the reason and position.
function safeReason(err: unknown): string {
  const e = err as { reason?: string; mark?: { line: number; column: number }; message?: string };
  if (e.reason)
    return e.mark ? `${e.reason} at line ${e.mark.line + 1}, column ${e.mark.column + 1}` : e.reason;
  return (e.message ?? String(err)).split('\n')[0]!.slice(0, 120);
}

// KUBECONFIG lists merge like kubectl: the first file to define a cluster, user or context name
// (or current-context) wins and later definitions are ignored. client-node's mergeConfig throws
// "Duplicate context" instead, although the same context in two files is common (a copied config).
function mergeFirstWins(into: KubeConfig, from: KubeConfig): void {
  const taken = (list: readonly { name: string }[], name: string): boolean =>
    list.some((x) => x.name === name);
  for (const cluster of from.clusters) if (!taken(into.clusters, cluster.name)) into.addCluster(cluster);
  for (const user of from.users) if (!taken(into.users, user.name)) into.addUser(user);
  for (const context of from.contexts) if (!taken(into.contexts, context.name)) into.addContext(context);
  if (!into.currentContext && from.currentContext) into.setCurrentContext(from.currentContext);
}

function loadOne(file: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(file);
  return kc;
}

/** The kubeconfig files kubectl would read for this source, in precedence order. */
export function kubeconfigFiles(source: Pick<KubeconfigSource, 'file' | 'env'>): string[] {
  if (source.file) {
    if (!existsSync(source.file))
      throw new KubeError('kube.kubeconfig', `kubeconfig ${source.file} does not exist`);
    return [source.file];
  }
  const env = source.env ?? process.env;
  if (env.KUBECONFIG) return env.KUBECONFIG.split(delimiter).filter((f) => f && existsSync(f));
  const home = env.HOME ?? homedir();
  const fallback = join(home, '.kube', 'config');
  return existsSync(fallback) ? [fallback] : [];
}

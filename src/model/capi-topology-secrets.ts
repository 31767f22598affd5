/** Secret material of a topology (workload kubeconfigs), held so it cannot be printed or serialised by accident. */
import { parse } from 'yaml';
import { decodeKubeconfigSecret } from './capi-kubeconfig.js';
import { kubeconfigSecretName } from './capi-names.js';
import type { ObjectIndex } from './capi-topology-refs.js';
import { field, stringField } from './capi-topology-refs.js';

const REDACTED = '<redacted>';

/**
 * A secret string: `reveal()` returns it; JSON.stringify, String(), template literals and
 * util.inspect/console.log all print `<redacted>`, so a topology can be logged safely.
 */
export class SensitiveText {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The secret itself; call it only where the value is used (e.g. to build a kube client). */
  reveal(): string {
    return this.#value;
  }

  /** Serialises as `<redacted>`. */
  toJSON(): string {
    return REDACTED;
  }

  /** Prints as `<redacted>`. */
  toString(): string {
    return REDACTED;
  }

  /** What util.inspect and console.log show. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `SensitiveText(${REDACTED})`;
  }
}

/** A workload cluster's admin kubeconfig as found in the backup. */
export interface TopologyKubeconfig {
  /** `<cluster>-kubeconfig`. */
  secretName: string;
  /** The decoded kubeconfig YAML; null when missing or unreadable. */
  value: SensitiveText | null;
  /** The API server URL it points at (not secret; used in messages). */
  server: string | null;
  /** Why it cannot be used, or null. */
  problem: string | null;
}

/** The server of the kubeconfig's current context (else of its first cluster), or an error text. */
function serverOf(yamlText: string): { server: string | null } | { problem: string } {
  let doc: unknown;
  try {
    doc = parse(yamlText);
  } catch {
    return { problem: 'is not valid YAML' };
  }
  const clusters = field(doc, 'clusters');
  if (!Array.isArray(clusters) || clusters.length === 0) return { problem: 'names no clusters' };
  const context = stringField(doc, 'current-context');
  const contexts = field(doc, 'contexts');
  const current = Array.isArray(contexts)
    ? contexts.find((c) => stringField(c, 'name') === context)
    : undefined;
  const clusterName = stringField(current, 'context', 'cluster');
  const chosen = clusters.find((c) => stringField(c, 'name') === clusterName) ?? clusters[0];
  return { server: stringField(chosen, 'cluster', 'server') };
}

/** Finds and decodes `<cluster>-kubeconfig` (data key `value`); problems are described, never thrown. */
export function readKubeconfig(index: ObjectIndex, namespace: string, cluster: string): TopologyKubeconfig {
  const secretName = kubeconfigSecretName(cluster);
  const missing = (problem: string): TopologyKubeconfig => ({
    secretName,
    value: null,
    server: null,
    problem,
  });
  const secret = index.get({ group: '', kind: 'Secret', namespace, name: secretName });
  if (!secret) return missing(`Secret ${namespace}/${secretName} is not in the backup`);
  const decoded = decodeKubeconfigSecret(secret);
  if (!decoded.ok) return missing(decoded.problem);
  const text = decoded.text;
  const parsed = serverOf(text);
  if ('problem' in parsed)
    return missing(`the kubeconfig in Secret ${namespace}/${secretName} ${parsed.problem}`);
  return { secretName, value: new SensitiveText(text), server: parsed.server, problem: null };
}

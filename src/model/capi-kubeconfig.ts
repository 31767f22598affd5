/** The `<cluster>-kubeconfig` Secret Cluster API writes: its kubeconfig, decoded from data key `value` (pure). */
import { isRecord } from '../common/records.js';
import { describeKey } from './resource-key.js';

/** The data key of `<cluster>-kubeconfig` that holds the kubeconfig (base64, like all Secret data). */
export const KUBECONFIG_DATA_KEY = 'value';

/** The parts of a Secret the decoder reads. */
export interface SecretObject {
  metadata: { name: string; namespace?: string };
  data?: unknown;
}

/** The kubeconfig text, or why the Secret holds none; the problem names the Secret, never its data. */
export type DecodedKubeconfig = { ok: true; text: string } | { ok: false; problem: string };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Decodes a `<cluster>-kubeconfig` Secret. Strict where `Buffer.from(…, 'base64')` is lenient: data
 * that is not base64 or not UTF-8 text is refused with a clear problem instead of becoming garbage
 * that a kube client later fails on with an obscure YAML error.
 */
export function decodeKubeconfigSecret(secret: SecretObject): DecodedKubeconfig {
  const { namespace = '', name } = secret.metadata;
  const what = describeKey({ kind: 'Secret', namespace, name });
  const encoded = isRecord(secret.data) ? secret.data[KUBECONFIG_DATA_KEY] : undefined;
  if (typeof encoded !== 'string')
    return { ok: false, problem: `${what} has no data key "${KUBECONFIG_DATA_KEY}"` };
  const compact = encoded.replace(/\s+/g, '');
  if (compact.length === 0) return { ok: false, problem: `${what} data "${KUBECONFIG_DATA_KEY}" is empty` };
  const text = decodeBase64Text(compact);
  if (text === null)
    return { ok: false, problem: `${what} data "${KUBECONFIG_DATA_KEY}" is not valid base64 text` };
  return { ok: true, text };
}

function decodeBase64Text(compact: string): string | null {
  if (compact.length % 4 === 1 || !BASE64.test(compact)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(compact, 'base64'));
  } catch {
    return null;
  }
}

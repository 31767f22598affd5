/** Deterministic "random" values (UUIDs, name suffixes, hashes) derived from a seed, so fixtures are stable. */
import { createHash } from 'node:crypto';

/** The alphabet Kubernetes' generateName uses (no vowels, no look-alike digits). */
const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function digest(parts: readonly string[]): Buffer {
  return createHash('sha256').update(parts.join('\u0000')).digest();
}

/** A UUID-shaped string (version 4 layout) determined by `parts`. */
export function seededUuid(...parts: string[]): string {
  const hex = digest(parts).toString('hex');
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * A BIOS UUID as vCenter assigns them (they start with `42`), determined by `parts`.
 * It is also the VM's identity in `vsphere://<uuid>` provider IDs.
 */
export function seededBiosUuid(...parts: string[]): string {
  return `42${seededUuid('bios', ...parts).slice(2)}`;
}

/** `length` characters from Kubernetes' generateName alphabet, e.g. the `x7k2q` in `md-0-x7k2q`. */
export function seededSuffix(length: number, ...parts: string[]): string {
  const bytes = digest(parts);
  let out = '';
  for (let i = 0; i < length; i++)
    out += SAFE_ALPHABET.charAt((bytes[i % bytes.length] ?? 0) % SAFE_ALPHABET.length);
  return out;
}

/** A decimal 32-bit hash string, the shape of Cluster API's `machine-template-hash` label. */
export function seededHash(...parts: string[]): string {
  return String(digest(parts).readUInt32BE(0));
}

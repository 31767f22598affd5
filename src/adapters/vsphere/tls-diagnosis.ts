/** Says in plain words why a vCenter certificate failed verification, where Node only says UNSPECIFIED. */
import type { DetailedPeerCertificate } from 'node:tls';

/** What is wrong with a refused certificate and what the user can do, for the vsphere.tls message. */
export interface UntrustedExplanation {
  /** E.g. `the server's certificate "vc01" has a 1024-bit RSA key …`; undefined when only the code is known. */
  reason?: string;
  advice: string;
}

const PASS_CA = 'pass the signing CA, or pin this thumbprint if you trust it';
const REISSUE =
  'replace it with a certificate that has a key of at least 2048 bits and a SHA-256 signature, ' +
  'or pin this thumbprint if you trust it';

/**
 * OpenSSL's key-size and digest checks (EE_KEY_TOO_SMALL, CA_KEY_TOO_SMALL, CA_MD_TOO_WEAK) have no
 * name in Node's table, so Node reports them as UNSPECIFIED; the names are listed in case it learns them.
 */
const UNNAMED = new Set(['UNSPECIFIED', 'EE_KEY_TOO_SMALL', 'CA_KEY_TOO_SMALL', 'CA_MD_TOO_WEAK']);

/** The smallest keys OpenSSL accepts at security level 2, its default since 3.2 (Node 24 ships 3.5). */
const MIN_RSA_BITS = 2048;
const MIN_EC_BITS = 224;

/** Certificate signature algorithms OpenSSL refuses at its default level (OID → digest). */
const WEAK_SIGNATURES: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.4': 'MD5',
  '1.2.840.113549.1.1.5': 'SHA-1',
  '1.2.840.10040.4.3': 'SHA-1',
  '1.2.840.10045.4.1': 'SHA-1',
  '1.3.14.3.2.29': 'SHA-1',
};

/** Explains Node's `authorizationError` `code` for the chain ending in `leaf`, presented for `host`. */
export function explainUntrusted(
  code: string,
  leaf: DetailedPeerCertificate,
  host: string,
): UntrustedExplanation {
  if (UNNAMED.has(code)) {
    const weak = chainOf(leaf).flatMap(weaknesses);
    if (weak.length > 0) return { reason: weak.join('; '), advice: REISSUE };
    return { reason: 'OpenSSL refused the chain without naming why', advice: PASS_CA };
  }
  switch (code) {
    case 'CERT_HAS_EXPIRED':
      return {
        reason: `it expired on ${leaf.valid_to}`,
        advice: 'renew it, or pin this thumbprint if you trust it',
      };
    case 'CERT_NOT_YET_VALID':
      return {
        reason: `it is valid only from ${leaf.valid_from} (check this machine's clock)`,
        advice: PASS_CA,
      };
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
      return { reason: 'it is self-signed', advice: PASS_CA };
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return {
        reason: `it is issued for ${leaf.subjectaltname || `CN=${leaf.subject?.CN ?? '?'}`}, not ${host}`,
        advice: 'connect with a name the certificate lists, or pin this thumbprint if you trust it',
      };
    default:
      return { advice: PASS_CA };
  }
}

/** The presented chain from the leaf up, as far as OpenSSL could build it. */
function chainOf(leaf: DetailedPeerCertificate): DetailedPeerCertificate[] {
  const chain: DetailedPeerCertificate[] = [];
  const seen = new Set<string>();
  for (let cert: DetailedPeerCertificate | undefined = leaf; cert?.raw; cert = cert.issuerCertificate) {
    if (seen.has(cert.fingerprint256)) break;
    seen.add(cert.fingerprint256);
    chain.push(cert);
  }
  return chain;
}

function weaknesses(cert: DetailedPeerCertificate, index: number): string[] {
  const who = index === 0 ? "the server's certificate" : `the CA certificate "${nameOf(cert)}"`;
  const found: string[] = [];
  const ec = Boolean(cert.asn1Curve || cert.nistCurve);
  const min = ec ? MIN_EC_BITS : MIN_RSA_BITS;
  if (cert.bits !== undefined && cert.bits < min) {
    found.push(
      `${who} has a ${cert.bits}-bit ${ec ? 'EC' : 'RSA'} key, under the ${min} bits ` +
        `OpenSSL ${process.versions.openssl} (Node ${process.version}) requires`,
    );
  }
  // A self-signed certificate is a trust anchor: OpenSSL never checks its own signature.
  const selfSigned =
    cert.issuerCertificate === cert || cert.issuerCertificate?.fingerprint256 === cert.fingerprint256;
  const digest = selfSigned ? undefined : WEAK_SIGNATURES[signatureOid(cert.raw) ?? ''];
  if (digest) found.push(`${who} is signed with ${digest}, which OpenSSL no longer accepts`);
  return found;
}

function nameOf(cert: DetailedPeerCertificate): string {
  // Node gives a multi-valued attribute as an array; String() joins it.
  return String(cert.subject?.CN || cert.subject?.O || cert.fingerprint256);
}

/**
 * The signatureAlgorithm OID of a DER certificate (`X509Certificate.signatureAlgorithmOid` exists only
 * from Node 24): Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm SEQUENCE { OID, … }, … }.
 */
export function signatureOid(der: Buffer): string | undefined {
  try {
    const certificate = readTlv(der, 0);
    const tbs = readTlv(der, certificate.start);
    const algorithm = readTlv(der, tbs.end);
    const oid = readTlv(der, algorithm.start);
    return oid.tag === 0x06 ? decodeOid(der.subarray(oid.start, oid.end)) : undefined;
  } catch {
    return undefined;
  }
}

function readTlv(der: Buffer, at: number): { tag: number; start: number; end: number } {
  const tag = der[at];
  let length = der[at + 1];
  let start = at + 2;
  if (tag === undefined || length === undefined) throw new RangeError('truncated DER');
  if (length & 0x80) {
    const octets = length & 0x7f;
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + (der[start++] ?? 0);
  }
  if (start + length > der.length) throw new RangeError('truncated DER');
  return { tag, start, end: start + length };
}

function decodeOid(bytes: Buffer): string {
  const first = bytes[0] ?? 0;
  const arcs = [Math.min(2, Math.floor(first / 40)), first - Math.min(2, Math.floor(first / 40)) * 40];
  let value = 0;
  for (const byte of bytes.subarray(1)) {
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      arcs.push(value);
      value = 0;
    }
  }
  return arcs.join('.');
}

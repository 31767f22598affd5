/** The vsphere.tls message names what is wrong with a refused certificate, against real TLS servers. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get, createServer as httpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VSphereError } from './errors.js';
import { createVSphereAgent, type VSphereTlsOptions } from './tls.js';
import { signatureOid } from './tls-diagnosis.js';

/**
 * OpenSSL 3.2 raised its default security level to 2 (no RSA keys under 2048 bits). Node 24.5+ ships
 * OpenSSL 3.5 at that level; Node 22 ships 3.5 too but pins level 1 (nodejs/node#59859); Node 20 has 3.0.
 */
const [major = 0, minor = 0] = process.versions.openssl.split('.').map(Number);
const STRICT_OPENSSL =
  (major > 3 || (major === 3 && minor >= 2)) && Number(process.versions.node.split('.')[0]) >= 24;

let dir: string;
const pem = (name: string): string => readFileSync(join(dir, name), 'utf8');

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

/** A self-signed certificate `<name>.crt` with key `<name>.key`. */
function selfSigned(name: string, bits: number, san = 'IP:127.0.0.1', digest = 'sha256'): void {
  openssl(
    ...['req', '-x509', '-newkey', `rsa:${bits}`, '-nodes', `-${digest}`, '-days', '2'],
    ...[
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.crt`,
      '-subj',
      `/CN=${name}`,
      '-addext',
      `subjectAltName=${san}`,
    ],
  );
}

/** A leaf `<name>.crt` for 127.0.0.1 signed by the CA `<ca>.crt` with `digest`. */
function signedBy(name: string, ca: string, digest: string): void {
  openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
    '-subj',
    `/CN=${name}`,
  );
  writeFileSync(join(dir, `${name}.ext`), 'subjectAltName=IP:127.0.0.1\n');
  openssl(
    ...['x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.crt`, '-CAkey', `${ca}.key`, '-CAcreateserial'],
    ...[`-${digest}`, '-days', '2', '-extfile', `${name}.ext`, '-out', `${name}.crt`],
  );
}

/** Serves `name`'s certificate (at security level 0, so even weak keys are served) until the test ends. */
async function serve(name: string): Promise<{ port: number; close: () => void }> {
  const server = httpsServer(
    { key: pem(`${name}.key`), cert: pem(`${name}.crt`), ciphers: 'DEFAULT@SECLEVEL=0' },
    (_req, res) => res.end('ok'),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, close: () => server.close() };
}

/** Requests `/` through the vSphere agent: 'ok' or the error the agent refused the socket with. */
async function fetchWith(name: string, tls: VSphereTlsOptions): Promise<string | VSphereError> {
  const server = await serve(name);
  const agent = createVSphereAgent(tls, 5_000);
  try {
    return await new Promise((resolve, reject) => {
      get({ host: '127.0.0.1', port: server.port, path: '/', agent }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve(body));
      }).on('error', (err) => (err instanceof VSphereError ? resolve(err) : reject(err)));
    });
  } finally {
    agent.destroy();
    server.close();
  }
}

const thumbprintOf = (name: string): string =>
  execFileSync('openssl', ['x509', '-in', join(dir, `${name}.crt`), '-noout', '-fingerprint', '-sha1'], {
    encoding: 'utf8',
  })
    .trim()
    .replace(/^.*=/, '');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'driftline-tls-'));
  selfSigned('weak-key', 1024);
  selfSigned('strong', 2048);
  selfSigned('other-name', 2048, 'DNS:vcenter.example.com');
  selfSigned('good-ca', 2048, 'DNS:good-ca');
  selfSigned('weak-ca', 1024, 'DNS:weak-ca');
  signedBy('sha1-leaf', 'good-ca', 'sha1');
  signedBy('under-weak-ca', 'weak-ca', 'sha256');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a vCenter certificate', () => {
  it(`with a 1024-bit key is ${STRICT_OPENSSL ? 'refused' : 'accepted'} by OpenSSL ${process.versions.openssl}${STRICT_OPENSSL ? ', naming the key size' : ''}`, async () => {
    const result = await fetchWith('weak-key', { ca: pem('weak-key.crt') });
    if (!STRICT_OPENSSL) {
      expect(result).toBe('ok');
      return;
    }
    expect(result).toMatchObject({ code: 'vsphere.tls', serverThumbprint: thumbprintOf('weak-key') });
    expect((result as Error).message).toContain(
      `is not trusted by the given CA bundle: the server's certificate has a 1024-bit RSA key, under the 2048 bits OpenSSL ${process.versions.openssl}`,
    );
    expect((result as Error).message).toContain(
      '(UNSPECIFIED); its SHA-1 thumbprint is ' +
        `${thumbprintOf('weak-key')}: replace it with a certificate that has a key of at least 2048 bits`,
    );
  });

  it('with a 1024-bit key is still accepted when its thumbprint is pinned', async () => {
    expect(await fetchWith('weak-key', { thumbprint: thumbprintOf('weak-key') })).toBe('ok');
  });

  it(`under a CA with a 1024-bit key is ${STRICT_OPENSSL ? 'refused, naming that CA' : 'accepted'}`, async () => {
    const result = await fetchWith('under-weak-ca', { ca: pem('weak-ca.crt') });
    if (!STRICT_OPENSSL) {
      expect(result).toBe('ok');
      return;
    }
    expect((result as Error).message).toContain(`the CA certificate "weak-ca" has a 1024-bit RSA key`);
  });

  it('signed with SHA-1 by a trusted CA is refused, naming the digest', async () => {
    const result = await fetchWith('sha1-leaf', { ca: pem('good-ca.crt') });
    expect((result as Error).message).toContain(
      "not trusted by the given CA bundle: the server's certificate is signed with SHA-1, which OpenSSL no longer accepts (UNSPECIFIED)",
    );
  });

  it('issued for another name is refused, naming the names it lists', async () => {
    const result = await fetchWith('other-name', { ca: pem('other-name.crt') });
    expect((result as Error).message).toContain(
      'it is issued for DNS:vcenter.example.com, not 127.0.0.1 (ERR_TLS_CERT_ALTNAME_INVALID)',
    );
  });

  it('that is self-signed and not in the system CAs says so', async () => {
    const result = await fetchWith('strong', {});
    expect((result as Error).message).toContain(
      'is not trusted by the system CAs: it is self-signed (DEPTH_ZERO_SELF_SIGNED_CERT); its SHA-1 thumbprint is',
    );
  });

  it('is accepted when its key and digest are strong and its CA is given', async () => {
    expect(await fetchWith('strong', { ca: pem('strong.crt') })).toBe('ok');
  });
});

describe('signatureOid', () => {
  const der = (name: string): Buffer =>
    Buffer.from(pem(`${name}.crt`).replace(/-----[^-]+-----|\s/g, ''), 'base64');

  it.each([
    ['a SHA-256 RSA signature', 'strong', '1.2.840.113549.1.1.11'],
    ['a SHA-1 RSA signature', 'sha1-leaf', '1.2.840.113549.1.1.5'],
  ])('reads %s', (_name, cert, oid) => {
    expect(signatureOid(der(cert))).toBe(oid);
  });

  it.each([
    ['empty input', Buffer.alloc(0)],
    ['a truncated certificate', Buffer.from([0x30, 0x82, 0x05, 0x00, 0x30])],
  ])('returns undefined for %s', (_name, input) => {
    expect(signatureOid(input)).toBeUndefined();
  });
});

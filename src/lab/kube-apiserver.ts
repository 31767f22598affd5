/** Starts a real kube-apiserver on loopback against a shared etcd, with its own etcd prefix. */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { freePort } from './ports.js';
import { type ManagedProcess, startProcess, waitFor } from './process.js';

/** Material shared by every API server of one environment (one serving cert for 127.0.0.1). */
export interface ApiServerPki {
  certFile: string;
  keyFile: string;
  caPem: string;
  saKeyFile: string;
}

/** Writes a self-signed certificate (its own CA) for 127.0.0.1 and localhost, valid two days. */
export function selfSignedCert(certFile: string, keyFile: string, commonName: string): void {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-sha256',
      '-days',
      '2',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-subj',
      `/CN=${commonName}`,
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ],
    { stdio: 'pipe' },
  );
}

/** Creates a self-signed serving certificate for 127.0.0.1/localhost and a service-account key. */
export function createPki(dir: string): ApiServerPki {
  const certFile = join(dir, 'serving.crt');
  const keyFile = join(dir, 'serving.key');
  selfSignedCert(certFile, keyFile, 'driftline-testenv');
  const saKeyFile = join(dir, 'sa.key');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  writeFileSync(saKeyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  return { certFile, keyFile, caPem: readFileSync(certFile, 'utf8'), saKeyFile };
}

/** A running (or stopped, restartable) API server. */
export interface ApiServer {
  name: string;
  url: string;
  /** Bearer token of a `system:masters` user. */
  token: string;
  caPem: string;
  /** A kubeconfig (context = name) as YAML, the way a `<cluster>-kubeconfig` Secret holds it. */
  kubeconfig: string;
  /** A kubeconfig for user `limited`, which has no permissions until a test grants some with RBAC. */
  limitedKubeconfig: string;
  kubeconfigPath: string;
  stop(): Promise<void>;
  /** Starts it again on the same port and etcd prefix (after stop). */
  start(): Promise<void>;
  running(): boolean;
}

/** Options for one API server. */
export interface ApiServerOptions {
  name: string;
  binary: string;
  etcd: string;
  dir: string;
  pki: ApiServerPki;
  extraArgs?: string[];
}

/** Starts kube-apiserver and waits for /readyz. */
export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const { name, dir, pki } = options;
  const port = await freePort();
  const url = `https://127.0.0.1:${port}`;
  const token = randomBytes(24).toString('hex');
  const tokenFile = join(dir, `${name}-tokens.csv`);
  const limitedToken = randomBytes(24).toString('hex');
  writeFileSync(
    tokenFile,
    `${token},admin,admin-uid,"system:masters"\n${limitedToken},limited,limited-uid\n`,
  );
  const kubeconfig = kubeconfigYaml(name, url, pki.caPem, token);
  const limitedKubeconfig = kubeconfigYaml(name, url, pki.caPem, limitedToken);
  const kubeconfigPath = join(dir, `${name}.kubeconfig`);
  writeFileSync(kubeconfigPath, kubeconfig, { mode: 0o600 });
  const args = apiServerArgs(options, port, tokenFile);
  let proc: ManagedProcess | undefined;

  const start = async (): Promise<void> => {
    proc = startProcess(options.binary, args, join(dir, `${name}-apiserver.log`));
    const exited = new Promise<never>((_, reject) =>
      proc!.child.once('exit', (code) => reject(new Error(`kube-apiserver ${name} exited with ${code}`))),
    );
    exited.catch(() => undefined);
    try {
      await Promise.race([
        waitFor(() => isReady(url, token, pki.caPem), 90_000, `kube-apiserver ${name} /readyz`),
        exited,
      ]);
    } catch (err) {
      await proc.stop();
      throw new Error(`${(err as Error).message}\n${proc.tail()}`);
    }
  };
  await start();
  return {
    name,
    url,
    token,
    caPem: pki.caPem,
    kubeconfig,
    limitedKubeconfig,
    kubeconfigPath,
    stop: async () => proc?.stop(),
    start,
    running: () => proc !== undefined && proc.child.exitCode === null && proc.child.signalCode === null,
  };
}

function apiServerArgs(options: ApiServerOptions, port: number, tokenFile: string): string[] {
  const { pki } = options;
  return [
    `--etcd-servers=${options.etcd}`,
    `--etcd-prefix=/driftline-${options.name}`,
    `--secure-port=${port}`,
    '--bind-address=127.0.0.1',
    '--advertise-address=127.0.0.1',
    // 1.20 still opens an insecure port 8080 by default; servers would collide on it.
    '--insecure-port=0',
    `--cert-dir=${options.dir}`,
    `--tls-cert-file=${pki.certFile}`,
    `--tls-private-key-file=${pki.keyFile}`,
    `--token-auth-file=${tokenFile}`,
    '--authorization-mode=RBAC',
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
    `--service-account-key-file=${pki.saKeyFile}`,
    `--service-account-signing-key-file=${pki.saKeyFile}`,
    '--service-cluster-ip-range=10.0.0.0/24',
    '--disable-admission-plugins=ServiceAccount',
    '--allow-privileged=true',
    ...(options.extraArgs ?? []),
  ];
}

async function isReady(url: string, token: string, caPem: string): Promise<boolean> {
  const { request } = await import('node:https');
  return new Promise((resolve) => {
    const req = request(
      `${url}/readyz`,
      { headers: { authorization: `Bearer ${token}` }, ca: caPem },
      (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      },
    );
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => req.destroy());
    req.end();
  });
}

/** A kubeconfig with one cluster, user and context, all named `name`. */
export function kubeconfigYaml(name: string, server: string, caPem: string, token: string): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      { name, cluster: { server, 'certificate-authority-data': Buffer.from(caPem).toString('base64') } },
    ],
    users: [{ name, user: { token } }],
    contexts: [{ name, context: { cluster: name, user: name } }],
    'current-context': name,
  });
}

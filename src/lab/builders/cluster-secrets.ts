/** The Secrets Cluster API keeps per workload cluster: admin kubeconfig and the ca, etcd, sa and proxy key pairs. */
import { stringify } from 'yaml';
import { LABEL } from './capi.js';
import type { SecretBuilder } from './core.js';
import { CAPI_SECRET_TYPE, kubeconfigSecret, secret } from './core.js';
import { seededUuid } from './seeded.js';

/** The suffixes of the certificate Secrets (`<cluster>-ca`, …) KubeadmControlPlane generates. */
export const CERTIFICATE_SECRETS = ['ca', 'etcd', 'sa', 'proxy'] as const;

/** A PEM block whose body is deterministic filler: the right shape, not a usable key. */
export function fakePem(type: 'CERTIFICATE' | 'RSA PRIVATE KEY', ...seed: string[]): string {
  const body = Buffer.from(
    Array.from({ length: 6 }, (_, i) => seededUuid(type, ...seed, String(i))).join(''),
  ).toString('base64');
  const lines = body.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${type}-----\n${lines.join('\n')}\n-----END ${type}-----\n`;
}

function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** An admin kubeconfig for a workload cluster, laid out as Cluster API writes it (`<cluster>-admin@<cluster>`). */
export function workloadKubeconfig(clusterName: string, server: string): string {
  const user = `${clusterName}-admin`;
  const context = `${user}@${clusterName}`;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: clusterName,
        cluster: { server, 'certificate-authority-data': b64(fakePem('CERTIFICATE', clusterName, 'ca')) },
      },
    ],
    contexts: [{ name: context, context: { cluster: clusterName, user } }],
    'current-context': context,
    users: [
      {
        name: user,
        user: {
          'client-certificate-data': b64(fakePem('CERTIFICATE', clusterName, 'admin')),
          'client-key-data': b64(fakePem('RSA PRIVATE KEY', clusterName, 'admin')),
        },
      },
    ],
    preferences: {},
  });
}

/**
 * Builders for `<cluster>-kubeconfig` plus `<cluster>-ca|etcd|sa|proxy`, each of type
 * `cluster.x-k8s.io/secret` and labelled with the cluster name (owners are left to the caller).
 */
export function clusterSecrets(
  namespace: string,
  clusterName: string,
  kubeconfigYaml: string,
): SecretBuilder[] {
  const pairs = CERTIFICATE_SECRETS.map((suffix) =>
    secret(namespace, `${clusterName}-${suffix}`)
      .type(CAPI_SECRET_TYPE)
      .withLabels({ [LABEL.clusterName]: clusterName })
      .data({
        'tls.crt': fakePem('CERTIFICATE', clusterName, suffix),
        'tls.key': fakePem('RSA PRIVATE KEY', clusterName, suffix),
      }),
  );
  return [kubeconfigSecret(namespace, clusterName, kubeconfigYaml), ...pairs];
}

/** Objects the target's own controllers create and own; restoring the source's copy would be wrong. */
import type { KubeObject } from '../../model/resource-key.js';
import type { KindTransformResult } from './table.js';

/** `kube-root-ca.crt` is published into every namespace by the target with the target's CA. */
export function skipRootCaConfigMap(object: KubeObject): KindTransformResult {
  return object.metadata.name === 'kube-root-ca.crt'
    ? { skip: "published by the target's controllers with the target's own CA" }
    : {};
}

/** Service-account token Secrets are signed with the source cluster's keys; the target issues its own. */
export function skipServiceAccountToken(object: KubeObject): KindTransformResult {
  return object.type === 'kubernetes.io/service-account-token'
    ? { skip: "a service-account token signed by the source cluster's keys" }
    : {};
}

/** Drops references to auto-generated token Secrets (`<sa>-token-xxxxx`), which are not restored. */
export function dropTokenSecretRefs(object: KubeObject): KindTransformResult {
  const prefix = `${object.metadata.name}-token-`;
  const secrets = object.secrets as { name?: string }[] | undefined;
  if (!Array.isArray(secrets)) return {};
  const kept = secrets.filter((s) => !s?.name?.startsWith(prefix));
  if (kept.length > 0) object.secrets = kept;
  else delete object.secrets;
  return {};
}

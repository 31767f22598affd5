/** The `--cluster-api` preset: everything needed to restore Cluster API clusters, nothing else. */

import {
  CAPI_LABEL,
  CAPI_TYPES,
  clusterNamedIn,
  isCapiGroup,
  linkedObjectNames,
} from '../model/capi-names.js';
import { groupResource, type KubeObject } from '../model/resource-key.js';
import type { Decision, SelectableResource } from './selection.js';

/** Namespaces of providers and platform components, excluded like TKG's `--exclude-namespaces tkg-system`. */
export const CAPI_EXCLUDED_NAMESPACES = [
  'kube-system',
  'kube-public',
  'kube-node-lease',
  'tkg-system',
  'tkg-system-public',
  'capi-system',
  'capv-system',
  'capi-kubeadm-bootstrap-system',
  'capi-kubeadm-control-plane-system',
  'cert-manager',
  'velero',
];

/** Kept for importers of the preset; Cluster API's groups are defined in model/capi-names. */
export { isCapiGroup } from '../model/capi-names.js';

/** Resource-level decision of the preset. Secrets and ConfigMaps are listed in a second phase. */
export function capiResourceDecision(r: SelectableResource): Decision {
  if (isCapiGroup(r.group)) return { include: true, reason: `${groupResource(r)} is a Cluster API resource` };
  if (r.group === '' && (r.resource === 'secrets' || r.resource === 'configmaps')) {
    return { include: true, reason: `${r.resource} linked to Cluster API objects` };
  }
  if (r.group === '' && r.resource === 'namespaces')
    return { include: true, reason: 'namespaces holding Cluster API objects' };
  if (r.group === 'apiextensions.k8s.io' && r.resource === 'customresourcedefinitions') {
    return { include: true, reason: 'Cluster API CRDs' };
  }
  return { include: false, reason: 'not part of the Cluster API preset' };
}

/** What phase one (the Cluster API objects) tells phase two (secrets, configmaps, namespaces). */
export class CapiLinks {
  private readonly clusters = new Set<string>();
  private readonly referenced = new Set<string>();
  private readonly owners = new Set<string>();
  private readonly namespaces = new Set<string>();

  /** Records a Cluster API object: its namespace, its uid, cluster names and referenced Secrets/ConfigMaps. */
  observe(obj: KubeObject): void {
    const ns = obj.metadata.namespace ?? '';
    if (ns) this.namespaces.add(ns);
    if (obj.metadata.uid) this.owners.add(obj.metadata.uid);
    if (obj.kind === CAPI_TYPES.cluster.kind) this.clusters.add(`${ns}/${obj.metadata.name}`);
    for (const name of linkedObjectNames(obj)) this.referenced.add(`${ns}/${name}`);
  }

  /** Decision for a Secret, ConfigMap, Namespace or CRD seen in phase two. */
  decide(obj: KubeObject): Decision {
    const ns = obj.metadata.namespace ?? '';
    const name = obj.metadata.name;
    if (obj.kind === 'Namespace') {
      return this.namespaces.has(name)
        ? { include: true, reason: 'holds Cluster API objects' }
        : { include: false, reason: 'holds no Cluster API objects' };
    }
    if (obj.kind === 'CustomResourceDefinition') {
      const group = (obj.spec as { group?: string } | undefined)?.group ?? '';
      return isCapiGroup(group)
        ? { include: true, reason: 'Cluster API CRD' }
        : { include: false, reason: 'not a Cluster API CRD' };
    }
    if ((obj.metadata.ownerReferences ?? []).some((o) => this.owners.has(o.uid)))
      return { include: true, reason: 'owned by a Cluster API object' };
    if (obj.metadata.labels?.[CAPI_LABEL.clusterName])
      return { include: true, reason: 'labelled with a cluster name' };
    if (this.referenced.has(`${ns}/${name}`))
      return { include: true, reason: 'referenced by a Cluster API object' };
    const cluster = clusterNamedIn(name, (c) => this.clusters.has(`${ns}/${c}`));
    if (cluster) return { include: true, reason: `named after cluster ${cluster}` };
    return { include: false, reason: 'not linked to a Cluster API object' };
  }
}

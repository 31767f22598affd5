/** The references one object makes to others (spec refs in v1beta1 and v1beta2 shape, secret names, classes) and Cluster API naming conventions (pure). */
import { clusterNamedIn } from '../model/capi-names.js';
import { field, stringField } from '../model/capi-topology-refs.js';
import { type KubeObject, parseApiVersion } from '../model/resource-key.js';
import { isRecord } from '../restore/transforms/index.js';

/** A reference to another object; `group` is undefined when the reference does not say. */
export interface Reference {
  group?: string;
  kind: string;
  namespace: string;
  name: string;
  /** Where it was found, e.g. `spec.infrastructureRef`. */
  via: string;
}

const CORE_KINDS = new Set(['Secret', 'ConfigMap']);

/**
 * Every reference under `spec`: objects with `kind` and `name` (v1beta1 refs carry `apiVersion`,
 * v1beta2 refs `apiGroup`, identityRefs neither), `dataSecretName` strings, a Cluster's topology
 * class and a ClusterResourceSetBinding's sets. The namespace defaults to the referrer's.
 */
export function referencesOf(object: KubeObject): Reference[] {
  const namespace = object.metadata.namespace ?? '';
  const out: Reference[] = [];
  if (isRecord(object.spec)) walk(object.spec, 'spec', namespace, out);
  out.push(...topologyClass(object, namespace), ...resourceSetBindings(object, namespace));
  return out;
}

/** The cluster (in the object's namespace) a Secret or ConfigMap is named after, among `clusters`. */
export function namedAfterCluster(object: KubeObject, clusters: ReadonlySet<string>): string | undefined {
  if (parseApiVersion(object.apiVersion).group !== '' || !CORE_KINDS.has(object.kind)) return undefined;
  return clusterNamedIn(object.metadata.name, (c) => clusters.has(c));
}

function walk(value: unknown, path: string, namespace: string, out: Reference[]): void {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) walk(v, `${path}[${i}]`, namespace, out);
    return;
  }
  if (!isRecord(value)) return;
  const ref = asReference(value, namespace, path);
  if (ref) out.push(ref);
  for (const [key, child] of Object.entries(value)) {
    if (key === 'dataSecretName' && typeof child === 'string' && child)
      out.push({ group: '', kind: 'Secret', namespace, name: child, via: `${path}.${key}` });
    else walk(child, `${path}.${key}`, namespace, out);
  }
}

function asReference(value: Record<string, unknown>, namespace: string, via: string): Reference | undefined {
  const { kind, name } = value;
  if (typeof kind !== 'string' || typeof name !== 'string' || !kind || !name) return undefined;
  const group =
    typeof value.apiGroup === 'string'
      ? value.apiGroup
      : typeof value.apiVersion === 'string'
        ? parseApiVersion(value.apiVersion).group
        : CORE_KINDS.has(kind)
          ? ''
          : undefined;
  const ns = typeof value.namespace === 'string' && value.namespace ? value.namespace : namespace;
  return { ...(group !== undefined && { group }), kind, namespace: ns, name, via };
}

// v1beta1 `spec.topology.class` (+ `classNamespace`), v1beta2 `spec.topology.classRef`.
function topologyClass(object: KubeObject, namespace: string): Reference[] {
  if (object.kind !== 'Cluster' || parseApiVersion(object.apiVersion).group !== 'cluster.x-k8s.io') return [];
  const ref = (name: string | null, ns: string | null, via: string): Reference[] =>
    name ? [{ group: 'cluster.x-k8s.io', kind: 'ClusterClass', namespace: ns ?? namespace, name, via }] : [];
  return [
    ...ref(
      stringField(object, 'spec', 'topology', 'class'),
      stringField(object, 'spec', 'topology', 'classNamespace'),
      'spec.topology.class',
    ),
    ...ref(
      stringField(object, 'spec', 'topology', 'classRef', 'name'),
      stringField(object, 'spec', 'topology', 'classRef', 'namespace'),
      'spec.topology.classRef',
    ),
  ];
}

function resourceSetBindings(object: KubeObject, namespace: string): Reference[] {
  if (object.kind !== 'ClusterResourceSetBinding') return [];
  const bindings = field(object, 'spec', 'bindings');
  if (!Array.isArray(bindings)) return [];
  return bindings.flatMap((b, i) => {
    const name = stringField(b, 'clusterResourceSetName');
    return name
      ? [
          {
            group: 'addons.cluster.x-k8s.io',
            kind: 'ClusterResourceSet',
            namespace,
            name,
            via: `spec.bindings[${i}]`,
          },
        ]
      : [];
  });
}

/** A minimal namespaced CustomResourceDefinition (one served version, schema preserving unknown fields). */
import type { KubeObject } from '../../src/model/resource-key.js';

/** `Kind` in `group`/v1 with plural `<kind>s`, e.g. `simpleCrd('example.driftline.dev', 'Widget')`. */
export function simpleCrd(group: string, kind: string): KubeObject {
  const plural = `${kind.toLowerCase()}s`;
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}` },
    spec: {
      group,
      scope: 'Namespaced',
      names: { plural, singular: kind.toLowerCase(), kind, listKind: `${kind}List` },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        },
      ],
    },
  };
}

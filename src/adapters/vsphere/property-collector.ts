/** Paged property retrieval (RetrievePropertiesEx / ContinueRetrievePropertiesEx) over container views. */
import { type MoRef, moRefNode, readMoRef, type SoapSession } from './client.js';
import { VSphereError } from './errors.js';
import { childElement, childElements, childText, node, type XmlElement, type XmlNode } from './soap-xml.js';

/** Default page size; vCenter caps pages itself too. */
export const DEFAULT_PAGE_SIZE = 500;

/** One object's requested properties, still as elements so callers pick what they keep. */
export interface ObjectContent {
  obj: MoRef;
  /** Property path → `<val>` element. Paths the server could not read are absent. */
  props: Map<string, XmlElement>;
  /** Property paths reported in missingSet (e.g. `config` of an inaccessible VM). */
  missing: string[];
}

/** A property spec: which paths to read from objects of `type`. */
export interface PropertySpec {
  type: string;
  paths: string[];
}

/** Creates a ContainerView of `types` under `container` (recursive), runs `fn`, then destroys the view. */
export async function withContainerView<T>(
  session: SoapSession,
  container: MoRef,
  types: string[],
  fn: (view: MoRef) => Promise<T>,
): Promise<T> {
  const args = [
    moRefNode('container', container),
    ...types.map((t) => node('type', t)),
    node('recursive', 'true'),
  ];
  const res = await session.call('CreateContainerView', session.serviceContent.viewManager, args, {
    idempotent: false,
  });
  const view = readMoRef(childElement(res, 'returnval'));
  if (!view) throw new VSphereError('vsphere.fault', 'CreateContainerView failed: no view in the answer');
  try {
    return await fn(view);
  } finally {
    await session.call('DestroyView', view, [], { idempotent: false }).catch(() => undefined);
  }
}

/** The filter spec selecting every object in a ContainerView. */
export function viewFilterSpec(view: MoRef, specs: PropertySpec[]): XmlNode {
  const traversal = node(
    'selectSet',
    [
      node('name', 'traverseView'),
      node('type', 'ContainerView'),
      node('path', 'view'),
      node('skip', 'false'),
    ],
    { 'xsi:type': 'TraversalSpec' },
  );
  return node('specSet', [
    ...specs.map(propSet),
    node('objectSet', [moRefNode('obj', view), node('skip', 'true'), traversal]),
  ]);
}

/** The filter spec reading properties of the listed objects directly. */
export function objectsFilterSpec(objects: MoRef[], specs: PropertySpec[]): XmlNode {
  return node('specSet', [
    ...specs.map(propSet),
    ...objects.map((o) => node('objectSet', [moRefNode('obj', o), node('skip', 'false')])),
  ]);
}

function propSet(spec: PropertySpec): XmlNode {
  return node('propSet', [node('type', spec.type), ...spec.paths.map((p) => node('pathSet', p))]);
}

/**
 * Yields pages of ObjectContent until the server stops returning a token. A consumer that stops
 * early (or throws) makes the generator cancel the outstanding retrieval.
 */
export async function* retrievePages(
  session: SoapSession,
  specSet: XmlNode,
  pageSize = DEFAULT_PAGE_SIZE,
): AsyncGenerator<ObjectContent[], void, void> {
  const pc = session.serviceContent.propertyCollector;
  const options = node('options', [node('maxObjects', String(pageSize))]);
  let res = await session.call('RetrievePropertiesEx', pc, [specSet, options]);
  let token: string | undefined;
  try {
    for (;;) {
      const rv = childElement(res, 'returnval');
      token = rv ? childText(rv, 'token') : undefined;
      yield rv ? childElements(rv, 'objects').map(readObjectContent) : [];
      if (!token) return;
      // Not retried: a lost answer would have advanced the server-side cursor.
      res = await session.call('ContinueRetrievePropertiesEx', pc, [node('token', token)], {
        idempotent: false,
      });
      token = undefined;
    }
  } finally {
    if (token) {
      const cancel = [node('token', token)];
      await session
        .call('CancelRetrievePropertiesEx', pc, cancel, { idempotent: false })
        .catch(() => undefined);
    }
  }
}

/** Reads one `<objects>` element. */
export function readObjectContent(el: XmlElement): ObjectContent {
  const obj = readMoRef(childElement(el, 'obj'));
  if (!obj)
    throw new VSphereError('vsphere.fault', 'RetrievePropertiesEx failed: object without a reference');
  const props = new Map<string, XmlElement>();
  const missing: string[] = [];
  for (const child of el.children) {
    if (child.name === 'propSet') {
      const name = childText(child, 'name');
      const val = childElement(child, 'val');
      if (name !== undefined && val) props.set(name, val);
    } else if (child.name === 'missingSet') {
      const path = childText(child, 'path');
      if (path !== undefined) missing.push(path);
    }
  }
  return { obj, props, missing };
}

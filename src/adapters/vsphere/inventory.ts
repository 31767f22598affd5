/** Lists every VM with its identity, power state and inventory paths, in pages, keeping only what is needed. */
import type { VmPowerState, VmRecord } from '../../recovery/evidence.js';
import { readMoRef, type SoapSession } from './client.js';
import { VSphereError } from './errors.js';
import {
  DEFAULT_PAGE_SIZE,
  type ObjectContent,
  objectsFilterSpec,
  retrievePages,
  viewFilterSpec,
  withContainerView,
} from './property-collector.js';
import type { XmlElement } from './soap-xml.js';

// The inventory yields recovery's evidence type (the port it implements): one definition of a VM.
export type { VmPowerState, VmRecord } from '../../recovery/evidence.js';

/** Lists VMs; the recovery classifier depends on this, not on the SOAP client. */
export interface VmInventory {
  listVirtualMachines(): Promise<VmRecord[]>;
}

/** Options for listing. */
export interface ListVmOptions {
  /** Objects per RetrievePropertiesEx page; default 500. */
  pageSize?: number;
}

const VM_PATHS = [
  'name',
  'config.uuid',
  'config.instanceUuid',
  'runtime.powerState',
  'parent',
  'resourcePool',
];
/** Entity types that can appear in a VM's folder or resource-pool path (the simulator matches types exactly). */
const PATH_TYPES = [
  'Folder',
  'Datacenter',
  'ComputeResource',
  'ClusterComputeResource',
  'ResourcePool',
  'VirtualApp',
];
const POWER_STATES = new Set<string>(['poweredOn', 'poweredOff', 'suspended']);
const MAX_DEPTH = 64;

interface EntityNode {
  name: string;
  parent: string | undefined;
}

/**
 * Lists all VMs under the root folder. Folders, datacenters, clusters and pools are read once
 * (names and parents) to build paths; VMs are read a page at a time and reduced to VmRecords.
 */
export async function listVirtualMachines(
  session: SoapSession,
  options: ListVmOptions = {},
): Promise<VmRecord[]> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const root = session.serviceContent.rootFolder;
  const entities = await withContainerView(session, root, PATH_TYPES, async (view) => {
    const found = new Map<string, EntityNode>();
    const spec = viewFilterSpec(view, [{ type: 'ManagedEntity', paths: ['name', 'parent'] }]);
    for await (const page of retrievePages(session, spec, pageSize)) {
      for (const o of page) {
        const name = own(o.props.get('name')?.text ?? o.obj.value);
        found.set(own(o.obj.value), { name, parent: refValue(o.props.get('parent')) });
      }
    }
    return found;
  });
  const paths = new InventoryPaths(entities);
  return withContainerView(session, root, ['VirtualMachine'], async (view) => {
    const vms: VmRecord[] = [];
    const spec = viewFilterSpec(view, [{ type: 'VirtualMachine', paths: VM_PATHS }]);
    for await (const page of retrievePages(session, spec, pageSize)) {
      for (const o of page) vms.push(toVmRecord(o, paths));
    }
    return vms;
  });
}

/**
 * Reads one VM again by its managed object id — no inventory walk, so re-checking a target before
 * acting on it costs one small call. Resolves undefined when the VM no longer exists; paths are null.
 */
export async function getVirtualMachine(session: SoapSession, moref: string): Promise<VmRecord | undefined> {
  const spec = objectsFilterSpec(
    [{ type: 'VirtualMachine', value: moref }],
    [{ type: 'VirtualMachine', paths: VM_PATHS }],
  );
  try {
    for await (const page of retrievePages(session, spec)) {
      const [found] = page;
      if (found) return toVmRecord(found, undefined);
    }
    return undefined;
  } catch (err) {
    if (err instanceof VSphereError && err.faultType === 'ManagedObjectNotFound') return undefined;
    throw err;
  }
}

function toVmRecord(o: ObjectContent, paths: InventoryPaths | undefined): VmRecord {
  const text = (path: string): string | null => {
    const value = o.props.get(path)?.text;
    return value === undefined ? null : own(value);
  };
  const power = text('runtime.powerState') ?? '';
  return {
    moref: own(o.obj.value),
    name: text('name') ?? own(o.obj.value),
    biosUuid: text('config.uuid'),
    instanceUuid: text('config.instanceUuid'),
    powerState: POWER_STATES.has(power) ? (power as VmPowerState) : 'unknown',
    folderPath: paths?.of(refValue(o.props.get('parent'))) ?? null,
    resourcePoolPath: paths?.of(refValue(o.props.get('resourcePool'))) ?? null,
  };
}

function refValue(el: XmlElement | undefined): string | undefined {
  const value = readMoRef(el)?.value;
  return value === undefined ? undefined : own(value);
}

/**
 * Copies a string out of the response text. V8 may represent substrings as slices that keep the
 * whole (multi-megabyte) page alive; records must hold only their own few bytes.
 */
function own(value: string): string {
  return Buffer.from(value, 'utf8').toString('utf8');
}

/** Memoised inventory paths (`/DC0/vm/folder`); the root folder itself is `/`. */
class InventoryPaths {
  readonly #entities: Map<string, EntityNode>;
  readonly #cache = new Map<string, string>();

  constructor(entities: Map<string, EntityNode>) {
    this.#entities = entities;
  }

  of(id: string | undefined): string | null {
    if (id === undefined || !this.#entities.has(id)) return null;
    return this.#resolve(id, 0);
  }

  #resolve(id: string, depth: number): string {
    const cached = this.#cache.get(id);
    if (cached !== undefined) return cached;
    const entity = this.#entities.get(id);
    // Not in the view means the root folder (or something outside it): the path starts here.
    if (!entity) return '';
    const parent =
      entity.parent === undefined || depth > MAX_DEPTH ? '' : this.#resolve(entity.parent, depth + 1);
    const path = `${parent}/${entity.name}`;
    this.#cache.set(id, path);
    return path;
  }
}

/** VmInventory backed by a live session. */
export class VSphereVmInventory implements VmInventory {
  readonly #session: SoapSession;
  readonly #options: ListVmOptions;

  constructor(session: SoapSession, options: ListVmOptions = {}) {
    this.#session = session;
    this.#options = options;
  }

  /** Lists all VMs (see `listVirtualMachines`). */
  listVirtualMachines(): Promise<VmRecord[]> {
    return listVirtualMachines(this.#session, this.#options);
  }
}

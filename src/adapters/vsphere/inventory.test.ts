/** Tests for VM listing: paging by token, inventory paths and partial answers, against a fake session. */
import { describe, expect, it } from 'vitest';
import { faultToError, type MoRef, type ServiceContent, type SoapSession } from './client.js';
import { listVirtualMachines } from './inventory.js';
import { buildEnvelope, escapeXml, parseXml, type XmlElement, type XmlNode } from './soap-xml.js';

const SERVICE_CONTENT: ServiceContent = {
  rootFolder: { type: 'Folder', value: 'group-d1' },
  propertyCollector: { type: 'PropertyCollector', value: 'propertyCollector' },
  viewManager: { type: 'ViewManager', value: 'ViewManager' },
  sessionManager: { type: 'SessionManager', value: 'SessionManager' },
  apiVersion: '7.0.3.0',
  fullName: 'fake vCenter',
};

/** Objects the fake returns as `<objects>` XML, per view. */
interface FakeInventory {
  entities: string[];
  vms: string[];
  /** Fail ContinueRetrievePropertiesEx with this fault string. */
  failContinue?: string;
}

interface Call {
  method: string;
  target: string;
  body: XmlElement;
}

function text(el: XmlElement, name: string): string[] {
  const found: string[] = [];
  const walk = (e: XmlElement): void => {
    if (e.name === name) found.push(e.text);
    e.children.forEach(walk);
  };
  walk(el);
  return found;
}

/** A SoapSession answering from `inv`, paging by the requested maxObjects like vCenter does. */
function fakeSession(inv: FakeInventory): SoapSession & { calls: Call[] } {
  const calls: Call[] = [];
  const page = (view: string, offset: number, size: number): string => {
    const all = view === 'view-1' ? inv.entities : inv.vms;
    const next = offset + size < all.length ? `<token>${view}:${offset + size}:${size}</token>` : '';
    const objects = all.slice(offset, offset + size).join('');
    return all.length === 0 ? '' : `<returnval>${next}${objects}</returnval>`;
  };
  let views = 0;
  const answer = (method: string, body: XmlElement): string => {
    switch (method) {
      case 'CreateContainerView':
        return `<returnval type="ContainerView">view-${++views}</returnval>`;
      case 'RetrievePropertiesEx': {
        const view = text(body, 'obj')[0] ?? '';
        return page(view, 0, Number(text(body, 'maxObjects')[0]));
      }
      case 'ContinueRetrievePropertiesEx': {
        if (inv.failContinue) {
          return `<soapenv:Fault><faultcode>ServerFaultCode</faultcode><faultstring>${inv.failContinue}</faultstring></soapenv:Fault>`;
        }
        const [view = '', offset = '0', size = '0'] = (text(body, 'token')[0] ?? '').split(':');
        return page(view, Number(offset), Number(size));
      }
      default:
        return '';
    }
  };
  return {
    serviceContent: SERVICE_CONTENT,
    calls,
    async call(method: string, target: MoRef, args: XmlNode[] = []): Promise<XmlElement> {
      const request = parseXml(buildEnvelope(method, args)).children[0]!.children[0]!;
      calls.push({ method, target: target.value, body: request });
      const inner = answer(method, request);
      const xml = inner.startsWith('<soapenv:Fault')
        ? buildEnvelope('x', []).replace(/<x [^>]*><\/x>/, inner)
        : buildEnvelope(`${method}Response`, []).replace('</', `${inner}</`);
      const res = parseXml(xml).children[0]!.children[0]!;
      if (res.name === 'Fault') throw faultToError(res, method);
      return res;
    },
  };
}

const XSI = 'xmlns:XMLSchema-instance="http://www.w3.org/2001/XMLSchema-instance"';
const prop = (name: string, value: string, type = 'xsd:string'): string =>
  `<propSet><name>${name}</name><val ${XSI} XMLSchema-instance:type="${type}">${escapeXml(value)}</val></propSet>`;
const refProp = (name: string, ref: MoRef): string =>
  `<propSet><name>${name}</name><val ${XSI} XMLSchema-instance:type="ManagedObjectReference" type="${ref.type}">${ref.value}</val></propSet>`;
const entity = (type: string, id: string, name: string, parent: MoRef): string =>
  `<objects><obj type="${type}">${id}</obj>${prop('name', name)}${refProp('parent', parent)}</objects>`;

const ENTITIES = [
  entity('Datacenter', 'datacenter-2', 'DC0', { type: 'Folder', value: 'group-d1' }),
  entity('Folder', 'folder-3', 'vm', { type: 'Datacenter', value: 'datacenter-2' }),
  entity('Folder', 'folder-10', 'tkg', { type: 'Folder', value: 'folder-3' }),
  entity('Folder', 'folder-11', 'a%2fb', { type: 'Folder', value: 'folder-10' }),
  entity('Folder', 'folder-4', 'host', { type: 'Datacenter', value: 'datacenter-2' }),
  entity('ClusterComputeResource', 'domain-c7', 'C0', { type: 'Folder', value: 'folder-4' }),
  entity('ResourcePool', 'resgroup-8', 'Resources', { type: 'ClusterComputeResource', value: 'domain-c7' }),
  entity('ResourcePool', 'resgroup-9', 'tkg & co', { type: 'ResourcePool', value: 'resgroup-8' }),
  entity('Folder', 'group-f1', 'EMEA', { type: 'Folder', value: 'group-d1' }),
  entity('Datacenter', 'datacenter-20', 'DC1', { type: 'Folder', value: 'group-f1' }),
  entity('Folder', 'folder-21', 'vm', { type: 'Datacenter', value: 'datacenter-20' }),
];

function vm(
  i: number,
  folder = 'folder-11',
  pool: string | null = 'resgroup-9',
  power = 'poweredOn',
): string {
  const uuid = `4211${String(i).padStart(4, '0')}-0000-0000-0000-000000000000`;
  return (
    `<objects><obj type="VirtualMachine">vm-${i}</obj>${prop('name', `node-${i}`)}${prop('config.uuid', uuid)}` +
    `${prop('config.instanceUuid', `5011${String(i).padStart(4, '0')}-0000-0000-0000-000000000000`)}` +
    `${prop('runtime.powerState', power, 'VirtualMachinePowerState')}${refProp('parent', { type: 'Folder', value: folder })}` +
    `${pool ? refProp('resourcePool', { type: 'ResourcePool', value: pool }) : ''}</objects>`
  );
}

describe('listVirtualMachines', () => {
  it('follows tokens across pages of the requested size and keeps every VM in order', async () => {
    const vms = Array.from({ length: 1200 }, (_, i) => vm(i + 1));
    const session = fakeSession({ entities: ENTITIES, vms });
    const listed = await listVirtualMachines(session, { pageSize: 500 });
    expect(listed).toHaveLength(1200);
    expect(listed.map((v) => v.moref)).toEqual(vms.map((_, i) => `vm-${i + 1}`));
    expect(session.calls.map((c) => c.method)).toEqual([
      'CreateContainerView',
      'RetrievePropertiesEx',
      'DestroyView',
      'CreateContainerView',
      'RetrievePropertiesEx',
      'ContinueRetrievePropertiesEx',
      'ContinueRetrievePropertiesEx',
      'DestroyView',
    ]);
    const retrieve = session.calls[4]!.body;
    expect(text(retrieve, 'maxObjects')).toEqual(['500']);
    expect(text(retrieve, 'pathSet')).toEqual([
      'name',
      'config.uuid',
      'config.instanceUuid',
      'runtime.powerState',
      'parent',
      'resourcePool',
    ]);
  });

  it('builds folder and resource pool paths from one read of the entity tree', async () => {
    const session = fakeSession({ entities: ENTITIES, vms: [vm(1), vm(2, 'folder-21', 'resgroup-8')] });
    const [first, second] = await listVirtualMachines(session);
    expect(first).toEqual({
      moref: 'vm-1',
      name: 'node-1',
      biosUuid: '42110001-0000-0000-0000-000000000000',
      instanceUuid: '50110001-0000-0000-0000-000000000000',
      powerState: 'poweredOn',
      folderPath: '/DC0/vm/tkg/a%2fb',
      resourcePoolPath: '/DC0/host/C0/Resources/tkg & co',
    });
    expect(second).toMatchObject({ folderPath: '/EMEA/DC1/vm', resourcePoolPath: '/DC0/host/C0/Resources' });
    const createView = session.calls.find((c) => c.method === 'CreateContainerView')!.body;
    expect(text(createView, 'type')).toEqual([
      'Folder',
      'Datacenter',
      'ComputeResource',
      'ClusterComputeResource',
      'ResourcePool',
      'VirtualApp',
    ]);
  });

  it('reports unreadable properties as null instead of failing', async () => {
    const noConfig =
      '<objects><obj type="VirtualMachine">vm-7</obj>' +
      `${prop('name', 'orphan')}${prop('runtime.powerState', 'suspended', 'VirtualMachinePowerState')}` +
      '<missingSet><path>config</path><fault><fault xsi:type="NoPermission"/></fault></missingSet></objects>';
    const template = vm(8, 'folder-404', null, 'weird');
    const session = fakeSession({ entities: ENTITIES, vms: [noConfig, template] });
    expect(await listVirtualMachines(session)).toEqual([
      {
        moref: 'vm-7',
        name: 'orphan',
        biosUuid: null,
        instanceUuid: null,
        powerState: 'suspended',
        folderPath: null,
        resourcePoolPath: null,
      },
      expect.objectContaining({
        moref: 'vm-8',
        powerState: 'unknown',
        folderPath: null,
        resourcePoolPath: null,
      }),
    ]);
  });

  it('returns an empty list when there are no VMs', async () => {
    expect(await listVirtualMachines(fakeSession({ entities: ENTITIES, vms: [] }))).toEqual([]);
  });

  it('cancels the open retrieval and destroys the view when a page fails', async () => {
    const vms = Array.from({ length: 30 }, (_, i) => vm(i + 1));
    const session = fakeSession({ entities: ENTITIES, vms, failContinue: 'session is gone' });
    await expect(listVirtualMachines(session, { pageSize: 10 })).rejects.toMatchObject({
      code: 'vsphere.fault',
      message: 'ContinueRetrievePropertiesEx failed: session is gone',
    });
    expect(session.calls.slice(-2).map((c) => c.method)).toEqual([
      'CancelRetrievePropertiesEx',
      'DestroyView',
    ]);
  });
});

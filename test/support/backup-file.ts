/** Writes objects into a Velero-format tarball on disk, for tests whose subject is not backup creation. */
import { createWriteStream } from 'node:fs';
import { createBackupWriter } from '../../src/format/index.js';
import { type KubeObject, parseApiVersion } from '../../src/model/resource-key.js';

// Plural resource names of the kinds test fixtures use.
const RESOURCES: Record<string, string> = {
  Cluster: 'clusters',
  KubeadmControlPlane: 'kubeadmcontrolplanes',
  KubeadmControlPlaneTemplate: 'kubeadmcontrolplanetemplates',
  KubeadmConfig: 'kubeadmconfigs',
  KubeadmConfigTemplate: 'kubeadmconfigtemplates',
  MachineDeployment: 'machinedeployments',
  MachineSet: 'machinesets',
  Machine: 'machines',
  MachineHealthCheck: 'machinehealthchecks',
  VSphereCluster: 'vsphereclusters',
  VSphereMachine: 'vspheremachines',
  VSphereMachineTemplate: 'vspheremachinetemplates',
  VSphereVM: 'vspherevms',
  Secret: 'secrets',
  ConfigMap: 'configmaps',
  Namespace: 'namespaces',
};

/** Writes `objects` to `file` exactly as a Velero backup stores them. */
export async function writeBackupFile(file: string, objects: readonly KubeObject[]): Promise<void> {
  const writer = createBackupWriter(createWriteStream(file));
  for (const object of objects) {
    const { group, version } = parseApiVersion(object.apiVersion);
    const resource = RESOURCES[object.kind];
    if (!resource) throw new Error(`test backup writer: no resource name for kind ${object.kind}`);
    await writer.add({ resource, group, preferredVersion: version, object });
  }
  await writer.finish();
}

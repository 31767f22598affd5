/** vSphere adapter: a small vim25 SOAP client, the VM inventory and the VM remediation actions. */
export {
  connectVSphere,
  type MoRef,
  type ServiceContent,
  type SoapSession,
  sdkUrl,
  VSphereClient,
  type VSphereConnectOptions,
} from './client.js';
export { isVSphereError, VSphereError, type VSphereErrorCode, type VSphereErrorDetails } from './errors.js';
export {
  getVirtualMachine,
  type ListVmOptions,
  listVirtualMachines,
  type VmInventory,
  type VmPowerState,
  type VmRecord,
  VSphereVmInventory,
} from './inventory.js';
export {
  destroyVm,
  powerOffVm,
  type TaskOutcome,
  type VmActions,
  VSphereVmActions,
  type WaitOptions,
  waitForTask,
} from './tasks.js';
export { formatThumbprint, normalizeThumbprint, type VSphereTlsOptions } from './tls.js';

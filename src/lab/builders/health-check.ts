/** Builder for MachineHealthCheck, which remediates unhealthy machines and so changes what a backup should hold. */
import type { CapiVersion } from './capi.js';
import { DEFAULT_CAPI_VERSION, GROUP } from './capi.js';
import { CapiObjectBuilder } from './capi-builder.js';
import type { JsonObject } from './object-builder.js';

/** Builds a MachineHealthCheck with TKG's defaults: Ready Unknown for 5m or False for 12m is unhealthy. */
export class MachineHealthCheckBuilder extends CapiObjectBuilder {
  private matchLabels: Record<string, string> = {};

  constructor(namespace: string, name: string, version: CapiVersion) {
    super(GROUP.cluster, 'MachineHealthCheck', namespace, name, version);
  }

  /** Sets `spec.selector.matchLabels`, the machines it watches. */
  selector(matchLabels: Record<string, string>): this {
    this.matchLabels = { ...matchLabels };
    return this;
  }

  protected body(): JsonObject {
    const common = { ...this.clusterNameField(), selector: { matchLabels: { ...this.matchLabels } } };
    if (this.version === 'v1beta1') {
      return {
        spec: {
          ...common,
          maxUnhealthy: '100%',
          nodeStartupTimeout: '20m0s',
          unhealthyConditions: [
            { type: 'Ready', status: 'Unknown', timeout: '5m0s' },
            { type: 'Ready', status: 'False', timeout: '12m0s' },
          ],
        },
      };
    }
    return {
      spec: {
        ...common,
        checks: {
          nodeStartupTimeoutSeconds: 1200,
          unhealthyNodeConditions: [
            { type: 'Ready', status: 'Unknown', timeoutSeconds: 300 },
            { type: 'Ready', status: 'False', timeoutSeconds: 720 },
          ],
        },
        remediation: { triggerIf: { unhealthyLessThanOrEqualTo: '100%' } },
      },
    };
  }
}

/** Starts a MachineHealthCheck. */
export function machineHealthCheck(
  namespace: string,
  name: string,
  version: CapiVersion = DEFAULT_CAPI_VERSION,
): MachineHealthCheckBuilder {
  return new MachineHealthCheckBuilder(namespace, name, version);
}

/** Before acting: is the report about the vCenter and the management cluster remediate is about to touch? */
import type { KubeClient } from '../adapters/kube/index.js';
import { KubeError } from '../adapters/kube/index.js';
import { CAPI_GROUP, CAPI_TYPES } from '../model/capi-names.js';
import { LABELS, LEGACY_DOMAIN } from '../model/vocabulary.js';
import type { RecoveryDriftReport } from '../recovery/index.js';
import type { PlannedStep } from './plan.js';

/** Labels a restore leaves on what it wrote, naming the backup: Driftline's (both domains) and Velero's. */
export const BACKUP_LABELS = [LABELS.backupName, `${LEGACY_DOMAIN}/backup-name`, 'velero.io/backup-name'];

/** The vCenter vSphere steps would connect to, and which setting named it. */
export interface VCenterTarget {
  server: string;
  /** `--vsphere-server`, `GOVC_URL`, or the report itself. */
  source: string;
}

/** What the management cluster holds of the clusters the report's automated steps are about. */
export interface ManagementView {
  context: string;
  server: string;
  /** False when the server does not serve Cluster API's Cluster kind at all. */
  servesClusters: boolean;
  /** Per cluster (`namespace/name`): its Cluster's labels, or null when there is no such Cluster. */
  clusters: Map<string, Record<string, string> | null>;
}

/** The clusters (`namespace/name`) that automated steps of the plan act on, in report order. */
export function actedOnClusters(plan: readonly PlannedStep[]): string[] {
  return [...new Set(plan.filter((p) => p.step.action.automated).map((p) => p.step.action.target.cluster))];
}

/** Whether any automated step connects to vCenter. */
export function touchesVCenter(plan: readonly PlannedStep[]): boolean {
  return plan.some((p) => p.step.action.automated && p.step.action.target.plane === 'vsphere');
}

/** Reads the Cluster objects of `clusters` from the management cluster (reads only). */
export async function readManagement(
  client: KubeClient,
  clusters: readonly string[],
): Promise<ManagementView> {
  const view: ManagementView = {
    context: client.context,
    server: client.server,
    servesClusters: true,
    clusters: new Map(),
  };
  let ref: Awaited<ReturnType<KubeClient['resolve']>>;
  try {
    ref = await client.resolve({ group: CAPI_GROUP, kind: CAPI_TYPES.cluster.kind });
  } catch (err) {
    if (err instanceof KubeError && err.code === 'kube.unsupported')
      return { ...view, servesClusters: false };
    throw err;
  }
  for (const id of clusters) {
    const [namespace, name] = id.split('/') as [string, string];
    const cluster = await client.get(ref, namespace, name);
    view.clusters.set(id, cluster ? (cluster.metadata.labels ?? {}) : null);
  }
  return view;
}

/** Every way the vCenter differs from the report's; empty when it matches (or no step needs vCenter). */
export function vcenterMismatches(
  report: RecoveryDriftReport,
  plan: readonly PlannedStep[],
  vcenter: VCenterTarget | undefined,
): string[] {
  if (!vcenter || !touchesVCenter(plan)) return [];
  const recorded = report.options.vsphereServer;
  if (recorded === null)
    return [
      `options.vsphereServer: the report does not say which vCenter its VMs were read from, but its vSphere steps would run against ${vcenter.server} (${vcenter.source})`,
    ];
  if (endpoint(recorded) === endpoint(vcenter.server)) return [];
  return [
    `options.vsphereServer: the report's vCenter is ${recorded}, but ${vcenter.source} names ${vcenter.server}`,
  ];
}

/** Every way the management cluster differs from the report's backup; empty when it matches. */
export function managementMismatches(report: RecoveryDriftReport, view: ManagementView): string[] {
  const where = `the management cluster of context "${view.context}" (${view.server})`;
  const backup = report.backup.name;
  if (!view.servesClusters)
    return [`${where} serves no Cluster API clusters: it is not a restore of backup ${backup}`];
  const out: string[] = [];
  for (const [id, labels] of view.clusters) {
    if (labels === null) {
      out.push(`clusters: ${id} is in the report (backup ${backup}) but not in ${where}`);
      continue;
    }
    const key = BACKUP_LABELS.find((k) => labels[k] !== undefined);
    const restoredFrom = key ? labels[key]! : undefined;
    if (restoredFrom !== undefined && !sameBackup(restoredFrom, backup))
      out.push(
        `backup.name: the report is about backup ${backup}, but Cluster ${id} in ${where} was restored from backup ${restoredFrom} (label ${key})`,
      );
  }
  return out;
}

// Label values stop at 63 characters; a longer backup name is kept as its first 57 and a hash.
function sameBackup(label: string, backup: string): boolean {
  return label === backup || (backup.length > 63 && label.startsWith(backup.slice(0, 57)));
}

// `vc.example.com`, `https://vc.example.com/sdk` and `vc.example.com:443` are one vCenter.
function endpoint(server: string): string {
  const trimmed = server.trim();
  try {
    const url = new URL(/^[a-z]+:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
    return `${url.hostname.toLowerCase()}:${url.port || (url.protocol === 'http:' ? '80' : '443')}`;
  } catch {
    return trimmed.toLowerCase();
  }
}

/** What {@link findMismatches} compares. */
export interface TargetCheck {
  report: RecoveryDriftReport;
  plan: readonly PlannedStep[];
  /** Undefined when no vCenter other than the report's own was named. */
  vcenter?: VCenterTarget;
  /** The management cluster; connected only when an automated step acts on a cluster. */
  management(): Promise<KubeClient>;
}

/** Every difference between the report and the targets its automated steps would touch (reads only). */
export async function findMismatches(check: TargetCheck): Promise<string[]> {
  const out = vcenterMismatches(check.report, check.plan, check.vcenter);
  const clusters = actedOnClusters(check.plan);
  if (clusters.length === 0) return out;
  const view = await readManagement(await check.management(), clusters);
  return [...out, ...managementMismatches(check.report, view)];
}

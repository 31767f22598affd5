/** Reading a RecoveryDriftReport back from JSON: its zod schema, the version check and consistency checks. */
import { z } from 'zod';
import { DriftlineError } from '../common/errors.js';
import { issueLines } from '../common/zod-issues.js';
import {
  type ActionTarget,
  type ClusterReport,
  REPORT_API_VERSION,
  REPORT_KIND,
  type RecoveryDriftReport,
  type RemediationStep,
} from './report-schema.js';

// The schema lives here, not in report-schema.ts, so that writing a report (detect, demo) does not
// load zod; the type assertion at the end keeps it and the interfaces one definition.

const machineStatus = z.enum(['Healthy', 'Stale', 'Ghost', 'Unknown']);
const rollupStatus = z.enum(['Healthy', 'Unknown', 'Drifted', 'Error']);
const count = z.number().int().nonnegative();
const nullableCount = count.nullable();

const countsSchema = z.object({
  desired: nullableCount,
  machines: count,
  vms: nullableCount,
  nodes: nullableCount,
});

const targetSchema = z.object({
  plane: z.enum(['management', 'workload', 'vsphere']),
  cluster: z.string().regex(/^[^/]+\/[^/]+$/, 'expected "namespace/name"'),
  kind: z.enum(['Cluster', 'Machine', 'MachineDeployment', 'Node', 'VirtualMachine', 'EtcdMember']),
  name: z.string().min(1),
  namespace: z.string().min(1).optional(),
  uuid: z.string().min(1).optional(),
  moref: z.string().min(1).optional(),
  replicas: count.optional(),
});

const stepSchema = z.object({
  order: z.number().int().positive(),
  description: z.string(),
  command: z.string(),
  action: z.object({
    type: z.enum([
      'cordon',
      'drain',
      'delete-node',
      'delete-machine',
      'scale-pool',
      'power-off-vm',
      'destroy-vm',
      'remove-etcd-member',
      'manual',
    ]),
    target: targetSchema,
    automated: z.boolean(),
  }),
});

const steps = z.array(stepSchema);

const vmSchema = z.object({
  name: z.string(),
  uuid: z.string().nullable(),
  powerState: z.enum(['poweredOn', 'poweredOff', 'suspended', 'unknown']),
  moref: z.string(),
});

const nodeSchema = z.object({
  name: z.string(),
  providerID: z.string().nullable(),
  ready: z.boolean().nullable(),
});

const machineSchema = z.object({
  name: z.string().min(1),
  role: z.enum(['control-plane', 'worker']),
  pool: z.string().nullable(),
  status: machineStatus,
  reason: z.string(),
  providerID: z.string().nullable(),
  vm: vmSchema.nullable(),
  node: nodeSchema.nullable(),
  remediation: steps,
});

const ghostSchema = z.object({
  kind: z.enum(['VM', 'Node']),
  name: z.string().min(1),
  uuid: z.string().nullable(),
  providerID: z.string().nullable(),
  role: z.enum(['control-plane', 'worker', 'unknown']),
  pool: z.string().nullable(),
  status: z.literal('Ghost'),
  evidence: z.string(),
  vm: vmSchema.nullable(),
  node: nodeSchema.nullable(),
  remediation: steps,
});

const level = { status: rollupStatus, message: z.string(), counts: countsSchema };
const sourceSchema = z.object({
  state: z.enum(['checked', 'failed', 'skipped']),
  reason: z.string().nullable(),
});

const clusterSchema = z.object({
  namespace: z.string().min(1),
  name: z.string().min(1),
  ...level,
  stale: z.boolean(),
  paused: z.boolean(),
  problems: z.array(z.string()),
  sources: z.object({ vsphere: sourceSchema, nodes: sourceSchema }),
  controlPlane: z.object({
    kind: z.string().nullable(),
    name: z.string().nullable(),
    ...level,
    desired: nullableCount,
    quorum: z.object({ desired: count, healthy: count, needed: count, holds: z.boolean() }).nullable(),
    machines: z.array(machineSchema),
  }),
  workers: z.object({
    ...level,
    pools: z.array(
      z.object({
        name: z.string(),
        ...level,
        desired: nullableCount,
        healthChecks: z.array(z.string()),
        machines: z.array(machineSchema),
      }),
    ),
  }),
  ghosts: z.array(ghostSchema),
  remediation: steps,
});

/** The whole report as documented in docs/report.md (unknown fields are dropped: additions are allowed). */
export const reportSchema = z.object({
  apiVersion: z.literal(REPORT_API_VERSION),
  kind: z.literal(REPORT_KIND),
  backup: z.object({
    name: z.string().min(1),
    created: z.string().nullable(),
    formatVersion: z.string(),
  }),
  generatedAt: z.string(),
  options: z.object({
    insecureSkipVerify: z.boolean(),
    skipAccessApiserver: z.boolean(),
    ignoreHealthyResources: z.boolean(),
    vsphereServer: z.string().min(1).nullable(),
  }),
  summary: z.object({
    status: rollupStatus,
    message: z.string(),
    counts: countsSchema.extend({
      clusters: count,
      ghosts: count,
      byStatus: z.record(machineStatus, count),
    }),
    clustersByStatus: z.record(rollupStatus, count),
  }),
  clusters: z.array(clusterSchema),
});

/**
 * Parses a report read from `file` (already JSON-decoded). Refuses another kind or apiVersion,
 * any field of the wrong type or missing, and steps that name another cluster than the one they
 * belong to — each problem naming the file and the field (`report.invalid`, `report.unsupported`).
 */
export function parseReport(value: unknown, file: string): RecoveryDriftReport {
  checkVersion(value, file);
  const parsed = reportSchema.safeParse(value);
  if (!parsed.success) throw invalid(file, issueLines(parsed.error, file));
  const report: RecoveryDriftReport = parsed.data;
  const problems = report.clusters.flatMap((c, i) => misplacedSteps(c, `clusters[${i}]`));
  if (problems.length > 0)
    throw invalid(
      file,
      problems.map((p) => `${file}: ${p}`),
    );
  return report;
}

function checkVersion(value: unknown, file: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalid(file, [`${file}: (document): expected a JSON object, got ${describe(value)}`]);
  const { kind, apiVersion } = value as { kind?: unknown; apiVersion?: unknown };
  if (kind !== REPORT_KIND)
    throw invalid(file, [
      `${file} is not a driftline detect report: kind is ${describe(kind)}, not ${REPORT_KIND}`,
    ]);
  if (apiVersion !== REPORT_API_VERSION)
    throw new DriftlineError(
      'report.unsupported',
      `${file}: apiVersion ${describe(apiVersion)} is not supported: this driftline reads ${REPORT_API_VERSION} reports (re-run detect with this version)`,
    );
}

// A step acts on the cluster its target names: one filed under another cluster would reach into
// the wrong workload cluster or namespace, so it is refused rather than trusted.
function misplacedSteps(c: ClusterReport, at: string): string[] {
  const id = `${c.namespace}/${c.name}`;
  const lists: [string, RemediationStep[]][] = [
    [`${at}.remediation`, c.remediation],
    ...c.controlPlane.machines.map((m, i): [string, RemediationStep[]] => [
      `${at}.controlPlane.machines[${i}].remediation`,
      m.remediation,
    ]),
    ...c.workers.pools.flatMap((p, pi) =>
      p.machines.map((m, i): [string, RemediationStep[]] => [
        `${at}.workers.pools[${pi}].machines[${i}].remediation`,
        m.remediation,
      ]),
    ),
    ...c.ghosts.map((g, i): [string, RemediationStep[]] => [`${at}.ghosts[${i}].remediation`, g.remediation]),
  ];
  return lists.flatMap(([path, list]) =>
    list.flatMap((s, i) => targetProblems(s.action.target, c, id, `${path}[${i}].action.target`)),
  );
}

function targetProblems(t: ActionTarget, c: ClusterReport, id: string, path: string): string[] {
  const out: string[] = [];
  if (t.cluster !== id) out.push(`${path}.cluster: ${t.cluster}, but the step belongs to cluster ${id}`);
  if (t.plane === 'management' && t.namespace !== undefined && t.namespace !== c.namespace)
    out.push(`${path}.namespace: ${t.namespace}, but cluster ${id} is in namespace ${c.namespace}`);
  return out;
}

function invalid(file: string, problems: string[]): DriftlineError {
  return new DriftlineError('report.invalid', problems[0] ?? `${file} is not a valid detect report`, {
    problems,
  });
}

const describe = (v: unknown): string =>
  v === undefined
    ? 'missing'
    : typeof v === 'string'
      ? JSON.stringify(v)
      : Array.isArray(v)
        ? 'an array'
        : String(v);

// The schema and the interfaces of report-schema.ts must describe the same document.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
type _ReportSchemaMatchesInterfaces = Assert<Same<z.infer<typeof reportSchema>, RecoveryDriftReport>>;

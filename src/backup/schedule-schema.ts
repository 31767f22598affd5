/** The BackupSchedule custom resource (driftline.dev/v1alpha1): its zod schema, the one source of its CRD (pure). */
import { z } from 'zod';
import { conditionsSchema, customResourceDefinition } from '../model/crd.js';
import { labelSelectorObjectSchema } from '../model/label-selector-schema.js';
import type { KubeObject } from '../model/resource-key.js';
import { structuralFromZod } from '../model/structural-schema.js';
import { API_VERSION } from '../model/vocabulary.js';
import { SCHEDULE_PRESETS } from './schedule-validate.js';

/** The kind of a backup schedule custom resource. */
export const BACKUP_SCHEDULE_KIND = 'BackupSchedule';

// Go's time.Duration syntax, as Velero stores TTLs (see format/duration.ts).
const GO_DURATION = /^[-+]?(0|(([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$/;

const strings = z.array(z.string().min(1));

/** A reference to one key of a Secret or ConfigMap in the schedule's namespace. */
const keyRef = z.strictObject({ name: z.string().min(1), key: z.string().min(1).optional() });

/** What each run backs up: Velero's BackupSpec selection fields, plus Driftline's preset. */
export const backupTemplateSchema = z.strictObject({
  preset: z.enum(SCHEDULE_PRESETS).optional(),
  includedNamespaces: strings.optional(),
  excludedNamespaces: strings.optional(),
  includedResources: strings.optional(),
  excludedResources: strings.optional(),
  includeClusterResources: z.boolean().optional(),
  labelSelector: labelSelectorObjectSchema.optional(),
  /** How long each backup is kept (Go duration, default 720h). */
  ttl: z.string().regex(GO_DURATION, { error: 'must be a duration such as 720h or 24h0m0s' }).optional(),
});

/** Where the backups go: the `--store` location and its S3 settings; credentials only by Secret reference. */
export const backupStorageSchema = z.strictObject({
  /** A directory (on a volume of serve's pod) or `s3://bucket[/prefix]`. */
  location: z.string().min(1),
  s3: z
    .strictObject({
      region: z.string().min(1).optional(),
      endpoint: z.string().min(1).optional(),
      forcePathStyle: z.boolean().optional(),
      /** An AWS shared-credentials file (Velero's secret format) in a Secret; key defaults to `cloud`. */
      credentialsSecretRef: keyRef.optional(),
      profile: z.string().min(1).optional(),
      /** A PEM bundle to trust for the endpoint, in a ConfigMap; key defaults to `ca.crt`. */
      caCertConfigMapRef: keyRef.optional(),
      insecureSkipTLSVerify: z.boolean().optional(),
    })
    .optional(),
});

/** The spec of a BackupSchedule. The cron expression is checked by serve (phase FailedValidation). */
export const backupScheduleSpecSchema = z.strictObject({
  /** Five-field cron expression, or a macro such as @daily (see `schedule create`). */
  schedule: z.string().min(1),
  template: backupTemplateSchema.optional(),
  storage: backupStorageSchema,
  paused: z.boolean().optional(),
  /** Skip the run that would be due as soon as the schedule is created or unpaused. */
  skipImmediately: z.boolean().optional(),
});

const timestamp = z.iso.datetime({ offset: true });

/** The status serve writes on a BackupSchedule (Velero's Schedule phases). */
export const backupScheduleStatusSchema = z.strictObject({
  observedGeneration: z.int().min(0).optional(),
  phase: z.enum(['New', 'Enabled', 'FailedValidation']).optional(),
  /** Name of the most recent backup this schedule started. */
  lastBackup: z.string().optional(),
  lastBackupTime: timestamp.optional(),
  nextBackupTime: timestamp.optional(),
  /** Why the phase is what it is (a validation problem, the last run's error). */
  message: z.string().optional(),
  conditions: conditionsSchema.optional(),
});

/** The whole BackupSchedule document (as a file or as a custom resource). */
export const backupScheduleSchema = z.strictObject({
  apiVersion: z.literal(API_VERSION),
  kind: z.literal(BACKUP_SCHEDULE_KIND),
  metadata: z.looseObject({
    name: z
      .string()
      .max(63)
      .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, {
        error: 'must be a DNS label (lower-case letters, digits, -)',
      }),
    namespace: z.string().optional(),
  }),
  spec: backupScheduleSpecSchema,
  status: backupScheduleStatusSchema.optional(),
});

/** A BackupSchedule. */
export type BackupSchedule = z.infer<typeof backupScheduleSchema>;

/** The BackupSchedule CRD (namespaced, as Velero's Schedule and RHACM's BackupSchedule). */
export function backupScheduleCrd(): KubeObject {
  return customResourceDefinition({
    kind: BACKUP_SCHEDULE_KIND,
    plural: 'backupschedules',
    shortNames: ['bsched'],
    scope: 'Namespaced',
    spec: structuralFromZod(backupScheduleSpecSchema),
    status: structuralFromZod(backupScheduleStatusSchema),
    name: backupScheduleSchema.shape.metadata.shape.name,
    printerColumns: [
      { name: 'Schedule', type: 'string', jsonPath: '.spec.schedule' },
      { name: 'Paused', type: 'boolean', jsonPath: '.spec.paused' },
      { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
      { name: 'Last-Backup', type: 'string', jsonPath: '.status.lastBackup' },
      { name: 'Last-Backup-Time', type: 'date', jsonPath: '.status.lastBackupTime', priority: 1 },
      // A string: kubectl shows a future `date` as <invalid>.
      { name: 'Next-Backup', type: 'string', jsonPath: '.status.nextBackupTime' },
    ],
  });
}

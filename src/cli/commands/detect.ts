/** `driftline detect`: compare a backup with vSphere and the workload clusters before a restore. */
import { type Command, Option } from 'commander';
import { lazyAction } from '../action.js';
import type { CliContext } from '../context.js';
import { addStoreOptions, type StoreFlags } from '../store-options.js';
import { addVSphereOptions, type VSphereCliFlags } from '../vsphere-flags.js';

/** The flags of `detect`. */
export interface DetectFlags extends StoreFlags, VSphereCliFlags {
  backup: string;
  output?: string;
  format?: 'json' | 'table' | 'html' | 'markdown';
  ignoreHealthyResources?: boolean;
  skipAccessApiserver?: boolean;
}

/** Registers `detect`. */
export function registerDetect(program: Command, makeContext: (cmd: Command) => CliContext): void {
  const cmd = program
    .command('detect')
    .description(
      'compare a backup with the live infrastructure (vSphere VMs, workload-cluster Nodes) before restoring it',
    )
    .requiredOption(
      '--backup <file|name>',
      'a tarball (e.g. <name>-data.tar.gz from velero backup download) or a backup name in the store',
    )
    .option('-o, --output <file>', 'write the report to this file (default: a table on stdout)')
    .addOption(
      new Option('--format <format>', 'report format (default: json with -o, table otherwise)').choices([
        'json',
        'table',
        'html',
        'markdown',
      ]),
    )
    .option(
      '--ignore-healthy-resources',
      'leave healthy clusters and machines out of the report (counts are kept)',
    )
    .option('--skip-access-apiserver', 'do not contact the workload clusters; Node evidence is skipped')
    .addHelpText(
      'after',
      [
        '',
        'Machine statuses: Healthy (every checked source has it), Stale (in the backup, gone in reality),',
        'Ghost (a VM or Node nothing in the backup accounts for), Unknown (not checkable, or sources disagree).',
        'See docs/report.md. Exit codes: 0 no drift, 1 drift or unknowns, 2 errors.',
        '',
        'Examples:',
        '  velero backup download mgmt-20261120 && driftline detect --backup mgmt-20261120-data.tar.gz',
        '  GOVC_URL=vc.example GOVC_USERNAME=ro@vsphere.local GOVC_PASSWORD=… driftline detect --backup mgmt-1 -o report.html --format html',
      ].join('\n'),
    );
  addStoreOptions(
    addVSphereOptions(cmd, {
      server: '$GOVC_URL, then VSphereCluster.spec.server',
      username: '$GOVC_USERNAME, then the identityRef Secret',
      thumbprint: 'VSphereCluster.spec.thumbprint',
      insecure: 'said so in the report',
    }),
  ).action(lazyAction(makeContext, async () => (await import('../actions/detect.js')).detectAction));
}

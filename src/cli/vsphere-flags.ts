/** The vCenter flags `detect` and `remediate` share, and how they become credentials. */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { UsageError } from '../common/errors.js';
import type { VSphereFlags } from '../detect/vsphere-credentials.js';

/** The parsed flags. */
export interface VSphereCliFlags {
  vsphereServer?: string;
  vsphereUsername?: string;
  vspherePasswordFile?: string;
  vsphereThumbprint?: string;
  insecureSkipVerify?: boolean;
}

/** Where each value comes from when its flag is absent, for the help text. */
export interface VSphereDefaults {
  server: string;
  username: string;
  thumbprint: string;
  insecure: string;
}

/** Adds `--vsphere-server/-username/-password-file/-thumbprint` and `--insecure-skip-verify`. */
export function addVSphereOptions(cmd: Command, defaults: VSphereDefaults): Command {
  return cmd
    .option('--vsphere-server <url>', `vCenter address (default: ${defaults.server})`)
    .option('--vsphere-username <user>', `vCenter user (default: ${defaults.username})`)
    .option('--vsphere-password-file <file>', 'file holding the vCenter password (default: $GOVC_PASSWORD)')
    .option(
      '--vsphere-thumbprint <sha1>',
      `pin the vCenter certificate's SHA-1 thumbprint (default: ${defaults.thumbprint})`,
    )
    .option('--insecure-skip-verify', `do not verify the vCenter certificate (${defaults.insecure})`);
}

/** The flags as resolveVSphere takes them; the password is read from its file here. */
export function vsphereFlags(flags: VSphereCliFlags): VSphereFlags {
  return {
    server: flags.vsphereServer,
    username: flags.vsphereUsername,
    password: flags.vspherePasswordFile ? readSecretFile(flags.vspherePasswordFile) : undefined,
    thumbprint: flags.vsphereThumbprint,
    insecureSkipVerify: flags.insecureSkipVerify,
  };
}

// The error names the file and the reason, never its content.
function readSecretFile(file: string): string {
  try {
    return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  } catch (err) {
    throw new UsageError(
      `cannot read --vsphere-password-file ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
}

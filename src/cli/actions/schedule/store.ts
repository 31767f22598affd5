/** For the schedule actions: the schedule store --state-dir opens, and where a schedule's backup store lives. */
import { isAbsolute, resolve } from 'node:path';
import { defaultStateDir, ScheduleStore } from '../../../backup/schedule-store.js';
import { readAnnotation, SCHEDULE_ANNOTATIONS } from '../../../model/vocabulary.js';
import type { StateFlags } from '../../commands/schedule/flags.js';
import { defaultStore, type StoreFlags } from '../../store-options.js';

/** Opens the schedule store the flags name. */
export function openSchedules(flags: StateFlags, env: NodeJS.ProcessEnv): ScheduleStore {
  return new ScheduleStore(flags.stateDir ?? defaultStateDir(env));
}

/** Annotation keys recording a schedule's store (never credentials: only the file that holds them). */
const STORE_ANNOTATIONS: [keyof StoreFlags, string, 'path' | 'text' | 'bool'][] = [
  ['store', SCHEDULE_ANNOTATIONS.store, 'path'],
  ['s3Region', SCHEDULE_ANNOTATIONS.s3Region, 'text'],
  ['s3Endpoint', SCHEDULE_ANNOTATIONS.s3Endpoint, 'text'],
  ['s3PathStyle', SCHEDULE_ANNOTATIONS.s3PathStyle, 'bool'],
  ['s3CredentialsFile', SCHEDULE_ANNOTATIONS.s3CredentialsFile, 'path'],
  ['s3Profile', SCHEDULE_ANNOTATIONS.s3Profile, 'text'],
  ['s3CaCert', SCHEDULE_ANNOTATIONS.s3CaCert, 'path'],
  ['s3InsecureSkipTlsVerify', SCHEDULE_ANNOTATIONS.s3InsecureSkipTlsVerify, 'bool'],
];

/** Records the store flags (the default store resolved, paths made absolute) as annotations. */
export function storeAnnotations(flags: StoreFlags, env: NodeJS.ProcessEnv): Record<string, string> {
  const values: StoreFlags = { ...flags, store: flags.store ?? defaultStore(env) };
  const out: Record<string, string> = {};
  for (const [field, key, kind] of STORE_ANNOTATIONS) {
    const value = values[field];
    if (value === undefined || value === false) continue;
    out[key] = kind === 'bool' ? 'true' : kind === 'path' ? absolute(String(value)) : String(value);
  }
  return out;
}

/** The store flags a schedule recorded (under driftline.dev, or driftline.io in files from before). */
export function storeFlagsFrom(annotations: Record<string, string> | undefined): StoreFlags {
  const flags: Record<string, string | boolean> = {};
  for (const [field, key, kind] of STORE_ANNOTATIONS) {
    const value = readAnnotation(annotations, key);
    if (value !== undefined) flags[field] = kind === 'bool' ? value === 'true' : value;
  }
  return flags as StoreFlags;
}

function absolute(value: string): string {
  return value.startsWith('s3://') || isAbsolute(value) ? value : resolve(value);
}

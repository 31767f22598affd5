/** Schedules kept as JSON files in a local state directory (`<state-dir>/schedules/<name>.json`). */
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeError } from '../common/errors.js';
import { xdgBaseDir } from '../common/xdg.js';
import { ScheduleError } from './schedule.js';
import {
  encodeScheduleObject,
  parseScheduleObject,
  type VeleroSchedule,
  validateScheduleName,
} from './schedule-object.js';

/** A schedule file that could not be read, reported instead of hidden. */
export interface BrokenSchedule {
  name: string;
  error: string;
}

/** `$XDG_STATE_HOME/driftline`, else `~/.local/state/driftline`. */
export function defaultStateDir(env: NodeJS.ProcessEnv): string {
  return join(xdgBaseDir(env, 'XDG_STATE_HOME'), 'driftline');
}

/**
 * Velero keeps Schedules in the cluster; Driftline keeps them next to the user, so a schedule
 * survives the loss of the management cluster it protects.
 */
export class ScheduleStore {
  readonly dir: string;

  constructor(stateDir: string) {
    this.dir = join(stateDir, 'schedules');
  }

  /** The file of schedule `name`. */
  path(name: string): string {
    return join(this.dir, `${validateScheduleName(name)}.json`);
  }

  /** Every readable schedule, by name, plus the files that could not be read. */
  async list(): Promise<{ schedules: VeleroSchedule[]; broken: BrokenSchedule[] }> {
    const files = await readdir(this.dir).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return [] as string[];
      throw err;
    });
    const schedules: VeleroSchedule[] = [];
    const broken: BrokenSchedule[] = [];
    for (const file of files.filter((f) => f.endsWith('.json')).sort()) {
      const name = file.slice(0, -'.json'.length);
      try {
        schedules.push(await this.get(name));
      } catch (err) {
        broken.push({ name, error: describeError(err) });
      }
    }
    return { schedules, broken };
  }

  /** Schedule `name`; `schedule.not-found` when there is none. */
  async get(name: string): Promise<VeleroSchedule> {
    const file = this.path(name);
    const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT')
        throw new ScheduleError('schedule.not-found', `schedule ${name} not found in ${this.dir}`);
      throw err;
    });
    const schedule = parseScheduleObject(text, file);
    if (schedule.metadata.name !== name)
      throw new ScheduleError(
        'schedule.invalid',
        `${file}: metadata.name: ${JSON.stringify(schedule.metadata.name)} is not the file's name ${name}`,
      );
    return schedule;
  }

  /** Writes a new schedule; `schedule.exists` when the name is taken. */
  async create(schedule: VeleroSchedule): Promise<string> {
    const file = this.path(schedule.metadata.name);
    await mkdir(this.dir, { recursive: true });
    await writeFile(file, encodeScheduleObject(schedule), { flag: 'wx' }).catch(
      (err: NodeJS.ErrnoException) => {
        if (err.code === 'EEXIST')
          throw new ScheduleError(
            'schedule.exists',
            `schedule ${schedule.metadata.name} already exists (${file})`,
          );
        throw err;
      },
    );
    return file;
  }

  /** Replaces a schedule atomically (write a temporary file, then rename over the old one). */
  async save(schedule: VeleroSchedule): Promise<void> {
    const file = this.path(schedule.metadata.name);
    await mkdir(this.dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, encodeScheduleObject(schedule));
    await rename(tmp, file);
  }

  /** Deletes schedule `name`; `schedule.not-found` when there is none. */
  async delete(name: string): Promise<void> {
    await this.get(name);
    await rm(this.path(name));
  }
}

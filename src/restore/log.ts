/** The restore log, in Velero's logrus text format, kept in memory and gzipped into the store. */
import { gzipSync } from 'node:zlib';
import type { Logger } from '../common/logger.js';
import { rfc3339 } from '../format/index.js';

/** Collects log lines for `restore-<n>-logs.gz`, mirroring them to the debug logger. */
export class RestoreLog {
  private readonly lines: string[] = [];

  constructor(
    private readonly name: string,
    private readonly now: () => Date = () => new Date(),
    private readonly logger?: Logger,
  ) {}

  /** Records an info line. */
  info(message: string): void {
    this.add('info', message);
  }

  /** Records a warning line. */
  warning(message: string): void {
    this.add('warning', message);
  }

  /** Records an error line. */
  error(message: string): void {
    this.add('error', message);
  }

  /** The gzipped log. */
  gzip(): Buffer {
    return gzipSync(`${this.lines.join('\n')}\n`);
  }

  private add(level: string, message: string): void {
    this.lines.push(
      `time="${rfc3339(this.now())}" level=${level} msg=${JSON.stringify(message)} restore=velero/${this.name}`,
    );
    this.logger?.debug({ restore: this.name }, message);
  }
}

/** A one-line progress indicator on stderr, only when stderr is a terminal. */
import type { CliContext } from './context.js';

/** Returns an update function and a finisher; both do nothing when stderr is not a TTY. */
export function progressLine(ctx: CliContext): { update(text: string): void; done(): void } {
  if (!ctx.stderr.isTTY) return { update: () => undefined, done: () => undefined };
  let last = 0;
  return {
    update(text) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      ctx.stderr.write(`\r\u001b[2K${text}`);
    },
    done() {
      ctx.stderr.write('\r\u001b[2K');
    },
  };
}

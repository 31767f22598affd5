/** A reader that goes away (`driftline … | head`) ends the command quietly, as it ends kubectl or cat. */

/**
 * The exit code after stdout or stderr was closed by its reader: 141 (128 + SIGPIPE), what a
 * shell reports for kubectl, git or cat killed by the same closed pipe. Node ignores SIGPIPE,
 * so the CLI cannot die of the signal itself.
 */
export const EXIT_CLOSED_PIPE = 141;

const watched = new WeakSet<NodeJS.WritableStream>();

/**
 * Ends the process with EXIT_CLOSED_PIPE, printing nothing, when a write to one of `streams`
 * fails with EPIPE. Without a listener Node reports the 'error' event as an uncaught exception
 * with a stack trace. Other stream errors keep that default.
 */
export function endQuietlyOnClosedPipe(
  streams: NodeJS.WritableStream[],
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  for (const stream of streams) {
    if (watched.has(stream)) continue;
    watched.add(stream);
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
      exit(EXIT_CLOSED_PIPE);
    });
  }
}

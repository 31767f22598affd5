/** Gives every thrown value a `[code]` and a readable message: Node system errors, JSON syntax errors, the rest. */
import { DriftlineError, describeError } from './errors.js';

type SystemError = Error & { code: string; path?: string; dest?: string; address?: string; port?: number };

// Node's errno codes users meet, as a code and a sentence naming the path or address.
const SYSTEM_CODES: Record<string, { code: string; say: (target: string) => string }> = {
  ENOENT: { code: 'fs.not-found', say: (t) => `${t} does not exist` },
  EEXIST: { code: 'fs.exists', say: (t) => `${t} already exists` },
  EACCES: { code: 'fs.permission-denied', say: (t) => `permission denied: ${t}` },
  EPERM: { code: 'fs.permission-denied', say: (t) => `operation not permitted: ${t}` },
  EISDIR: { code: 'fs.is-a-directory', say: (t) => `${t} is a directory, not a file` },
  ENOTDIR: { code: 'fs.not-a-directory', say: (t) => `${t}: a part of the path is not a directory` },
  ENOTEMPTY: { code: 'fs.not-empty', say: (t) => `${t} is not empty` },
  ENOSPC: { code: 'fs.no-space', say: (t) => `no space left on the device of ${t}` },
  EROFS: { code: 'fs.read-only', say: (t) => `${t} is on a read-only file system` },
  EMFILE: { code: 'fs.too-many-open-files', say: (t) => `too many open files (opening ${t})` },
  ECONNREFUSED: { code: 'net.refused', say: (t) => `connection refused by ${t}` },
  ECONNRESET: { code: 'net.reset', say: (t) => `connection reset by ${t}` },
  ETIMEDOUT: { code: 'net.timeout', say: (t) => `connection to ${t} timed out` },
  ENOTFOUND: { code: 'net.unknown-host', say: (t) => `unknown host ${t}` },
  EADDRINUSE: { code: 'net.address-in-use', say: (t) => `address ${t} is already in use` },
};

/**
 * Returns `err` as a DriftlineError: itself when it already is one; Node system errors
 * (`ENOENT`, `EEXIST`, `ECONNREFUSED`…) as `fs.*`/`net.*` naming the path or address; JSON syntax
 * errors as `input.invalid-json`; anything else as `unexpected` (`--debug` shows its stack).
 */
export function toDriftlineError(err: unknown): DriftlineError {
  if (err instanceof DriftlineError) return err;
  const system = systemErrorIn(err);
  if (system) return fromSystemError(system, err);
  if (err instanceof SyntaxError && /JSON/.test(err.message))
    return new DriftlineError('input.invalid-json', `invalid JSON: ${lowerFirst(err.message)}`, {
      cause: err,
    });
  return new DriftlineError('unexpected', describeError(err), { cause: err });
}

// A Node system error (`err.code` like `ENOENT`) as a DriftlineError naming its path or address.
function fromSystemError(err: SystemError, original: unknown = err): DriftlineError {
  const known = SYSTEM_CODES[err.code];
  const target = err.path ?? (err.address ? `${err.address}${err.port ? `:${err.port}` : ''}` : undefined);
  if (known && target) return new DriftlineError(known.code, known.say(target), { cause: original });
  const code = known?.code ?? `system.${err.code.toLowerCase()}`;
  return new DriftlineError(code, stripErrno(err.message), { cause: original });
}

// A system error itself, or one a library wrapped (undici's "fetch failed" keeps it as `cause`).
function systemErrorIn(err: unknown): SystemError | undefined {
  for (let e = err, depth = 0; e instanceof Error && depth < 3; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return e as SystemError;
  }
  return undefined;
}

// "ENOENT: no such file or directory, open 'x'" → "no such file or directory, open 'x'".
const stripErrno = (message: string): string => message.replace(/^E[A-Z]+: /, '');
const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

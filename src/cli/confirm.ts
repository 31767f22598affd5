/** Asking a person before something that cannot be undone (only on a terminal). */
import { createInterface } from 'node:readline/promises';

/** True when stdin is a terminal someone can answer on. */
export function canAsk(): boolean {
  return Boolean(process.stdin.isTTY);
}

/** Asks `question [y/N]` on stderr; resolves true only for y/yes. */
export async function askYesNo(question: string, output: NodeJS.WritableStream): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

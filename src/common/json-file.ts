/** Reading a JSON file a user named, with errors that name the file. */
import { readFile } from 'node:fs/promises';
import { toDriftlineError } from './error-codes.js';
import { DriftlineError } from './errors.js';

/** Reads and parses `path`; a missing file is `fs.not-found`, bad JSON `input.invalid-json` naming the file. */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw toDriftlineError(err);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new DriftlineError('input.invalid-json', `${path} is not valid JSON: ${describeSyntax(err)}`, {
      cause: err,
    });
  }
}

const describeSyntax = (err: unknown): string => {
  const message = err instanceof Error ? err.message : String(err);
  return message.charAt(0).toLowerCase() + message.slice(1);
};

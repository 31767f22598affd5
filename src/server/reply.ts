/** Writing replies and reading JSON bodies on node:http. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Reply } from './context.js';
import { HttpError } from './errors.js';

/** Largest request body accepted (API calls carry small JSON documents). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Writes a handler's reply (JSON unless it carries text). */
export function writeReply(res: ServerResponse, reply: Reply): void {
  const status = reply.status ?? 200;
  if ('text' in reply) {
    res.writeHead(status, { 'content-type': reply.contentType });
    res.end(reply.text);
    return;
  }
  const body = `${JSON.stringify(reply.json)}\n`;
  res.writeHead(status, {
    ...reply.headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(body);
}

/** Reads and parses a JSON body once (undefined when empty); 400 when not JSON, 413 when too large. */
export function jsonBody(req: IncomingMessage): () => Promise<unknown> {
  let parsed: Promise<unknown> | undefined;
  return () => {
    parsed ??= readBody(req).then(parseJson);
    return parsed;
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError('http.payload-too-large', `the body is larger than ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError('http.bad-request', 'the body is not valid JSON');
  }
}

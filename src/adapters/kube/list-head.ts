/**
 * Reads a LIST response's continue token from the first bytes of its body. The API server encodes
 * built-in lists in struct order (`kind`, `apiVersion`, `metadata`, then `items`), so the token
 * arrives long before the page has finished, and the next page can be requested at once. Custom
 * resource lists put `metadata` after `items` (sorted keys); for them this finds nothing and the
 * caller waits for the parsed page, as it always may.
 */
export function continueTokenIn(head: string): string | undefined {
  const items = head.indexOf('"items":');
  if (!head.startsWith('{') || items < 0) return undefined;
  // Before "items" only string fields and the list metadata can appear, and a `"continue":"`
  // inside a string would have its quotes escaped, so a match here is the metadata's field.
  const match = /"continue":("(?:[^"\\]|\\.)*")/.exec(head.slice(0, items));
  if (!match) return undefined;
  try {
    const token = JSON.parse(match[1]!) as string;
    return token === '' ? undefined : token;
  } catch {
    return undefined;
  }
}

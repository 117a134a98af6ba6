// Request bodies that mean the same but differ in bytes, so a benchmark measures the response
// cache and not the one-second replay of byte-identical requests (lib/api/query-endpoint.ts).

const WHITESPACE = [' ', '\t', '\n', '\r'] as const;

/**
 * The n-th spelling of `value` as JSON: one whitespace character after every `{`, `,` and `:`
 * outside strings, chosen by n's base-4 digits, so all spellings have the same length and the
 * first 4^slots of them are distinct.
 */
export function spelling(value: unknown, n: number): string {
  const json = JSON.stringify(value);
  let out = '';
  let inString = false;
  let digits = n;
  for (let i = 0; i < json.length; i++) {
    const c = json[i]!;
    out += c;
    if (c === '"' && json[i - 1] !== '\\') inString = !inString;
    if (!inString && (c === '{' || c === ',' || c === ':')) {
      out += WHITESPACE[digits % 4];
      digits = Math.floor(digits / 4);
    }
  }
  return out;
}

/** How many distinct spellings `spelling` can give `value`. */
export function spellings(value: unknown): number {
  const slots = [...JSON.stringify(value).replace(/"(?:[^"\\]|\\.)*"/g, '""')].filter((c) => c === '{' || c === ',' || c === ':').length;
  return 4 ** slots;
}

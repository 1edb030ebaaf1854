/**
 * Keyset paging: a list's next page starts after the last row's sort key, carried by the client as an
 * opaque cursor (base64url of a JSON array). The page is then chosen on the base table's index however
 * deep the reader has scrolled, where OFFSET would read and throw away every earlier row.
 */
export type CursorValue = string | number;
export type CursorShape = readonly ('text' | 'time' | 'int')[];
type Decoded<S extends CursorShape> = { -readonly [K in keyof S]: S[K] extends 'int' ? number : string };

export function encodeCursor(values: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** The sort key in `cursor`, checked against `shape`; anything else is the caller's error (`invalid`). */
export function decodeCursor<const S extends CursorShape>(cursor: string, shape: S, invalid: () => Error): Decoded<S> {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const ok =
    Array.isArray(v) &&
    v.length === shape.length &&
    shape.every((kind, i) => {
      const x: unknown = v[i];
      if (kind === 'int') return Number.isSafeInteger(x);
      if (typeof x !== 'string' || x.length > 200) return false;
      return kind === 'text' || !Number.isNaN(Date.parse(x));
    });
  if (!ok) throw invalid();
  return v as Decoded<S>;
}

/** The page of `limit` rows out of `limit + 1` fetched, and the cursor after it when there are more. */
export function pageOf<R>(rows: R[], limit: number, keyOf: (last: R) => readonly CursorValue[]) {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { page, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}

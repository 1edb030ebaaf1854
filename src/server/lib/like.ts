/** LIKE patterns from user text: `%`, `_` and `\` match themselves (PostgreSQL's default escape is `\`). */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `%text%` */
export const containsPattern = (s: string): string => `%${escapeLike(s)}%`;

/** `text%` */
export const prefixPattern = (s: string): string => `${escapeLike(s)}%`;

/** Recent months, newest first, as YYYY-MM in Asia/Shanghai. */
export function recentMonths(n = 12): string[] {
  const now = new Date(Date.now() + 8 * 3600_000);
  return Array.from({ length: n }, (_, i) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1)).toISOString().slice(0, 7),
  );
}

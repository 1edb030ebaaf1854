/**
 * Instants and the dates people see. Times are stored as UTC instants (timestamptz) and shown in
 * Asia/Shanghai — the district's clock, whatever the server's TZ is.
 */
export const ZONE = 'Asia/Shanghai';

/** An instant as ISO 8601 UTC; `null` and `undefined` stay `null`. */
export function iso(d: Date | string): string;
export function iso(d: Date | string | null | undefined): string | null;
export function iso(d: Date | string | null | undefined): string | null {
  return d === null || d === undefined ? null : new Date(d).toISOString();
}

// China has kept UTC+8 without daylight saving since 1991: an offset is exact and far cheaper than Intl.
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const local = (d: Date) => new Date(d.getTime() + SHANGHAI_OFFSET_MS).toISOString();

/** `2026-12-02` — the Shanghai calendar date of an instant. */
export function shanghaiDate(d: Date): string {
  return local(d).slice(0, 10);
}

/** `2026-12-02 08:41` — date and minute in Shanghai, as printed on sheets and exports. */
export function shanghaiMinute(d: Date): string {
  return local(d).slice(0, 16).replace('T', ' ');
}

/** `2026-12-02 08:41:07` */
export function shanghaiDateTime(d: Date): string {
  return local(d).slice(0, 19).replace('T', ' ');
}

/** `08:41` */
export function shanghaiTime(d: Date): string {
  return local(d).slice(11, 16);
}

/** The instant a Shanghai day ends (23:59:59.999), e.g. a deadline "by the end of the day". */
export function endOfShanghaiDay(day: string): Date {
  return new Date(`${day}T23:59:59.999+08:00`);
}

/** `2026-12` — the Shanghai month of an instant. */
export function shanghaiMonth(d: Date): string {
  return shanghaiDate(d).slice(0, 7);
}

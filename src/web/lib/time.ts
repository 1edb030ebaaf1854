// Times are shown in Asia/Shanghai whatever the browser's zone: deadlines are Chinese working days, and a
// 主题党日 at 09:00 is at 09:00 for everyone who reads it, on a laptop set to another zone too.
export const SHANGHAI_TZ = 'Asia/Shanghai';

const parts = (options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: SHANGHAI_TZ, hourCycle: 'h23', ...options });
const FULL = parts({ year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

function format(f: Intl.DateTimeFormat, iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : f.format(d);
}

/** "2025-03-04 09:30" in Shanghai time; "—" for none. */
export const formatDateTime = (iso: string | null | undefined): string => format(FULL, iso);
/** "03-04 09:30" in Shanghai time, for tables where the year is known. */
export const formatShortDateTime = (iso: string | null | undefined): string => {
  const full = formatDateTime(iso);
  return /^\d{4}-/.test(full) ? full.slice(5) : full;
};

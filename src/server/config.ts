import { resolve } from 'node:path';
import { loadNotifyConfig, type NotifyConfig } from './modules/notifications/notify.config.js';

export interface LoginRateLimit {
  /** Login attempts allowed per client address per window. */
  perIp: number;
  /** Login attempts allowed per account name (from any address) per window. */
  perAccount: number;
  windowMs: number;
}

export interface Config {
  port: number;
  host: string;
  /** the app's request-serving login (PostgreSQL); omitted = embedded PGlite */
  databaseUrl?: string;
  /** the owner that migrates and loads the demo; omitted = DATABASE_URL does everything (one role) */
  databaseOwnerUrl?: string;
  /** PostgreSQL only: the schema Linli lives in (LINLI_DATABASE_SCHEMA), e.g. several deployments on one database; default the login's search_path */
  databaseSchema?: string;
  /** PostgreSQL only: a streaming replica (DATABASE_READ_URL) that reports and exports read from */
  databaseReadUrl?: string;
  dataDir: string;
  /** base64 of 32 bytes; otherwise a key file is generated in dataDir/keys. */
  dataKey?: string;
  secureCookies: boolean;
  maxUploadBytes: number;
  /** The real-population ledger's .xlsx (1.1M residents are ≈ 60 MB). */
  maxLedgerUploadBytes: number;
  /**
   * The app's own public origin and path prefix (LINLI_PUBLIC_URL), e.g. https://linli.example.cn.
   * Public URLs (OCDS uri, Open311 discovery, QR links) and the CSRF origin check use it; never request headers.
   */
  publicUrl?: string;
  /** Fastify `trustProxy` (LINLI_TRUST_PROXY): false unless set — a hop count, or addresses/CIDRs of the proxies. */
  trustProxy: boolean | number | string[];
  /** pino level, or 'silent' (LINLI_LOG; default 'info' when NODE_ENV=production, otherwise 'warn'). */
  logLevel: string;
  loginRateLimit: LoginRateLimit;
  /** Notification transports (SMTP, group robots, SMS) and timing: LINLI_SMTP_*, LINLI_WEBHOOKS, LINLI_SMS_*. */
  notify: NotifyConfig;
  /** The map's tile source (LINLI_MAP_TILES, an {z}/{x}/{y} URL template; LINLI_MAP_ATTRIBUTION); none = no tiles. */
  mapTiles: { url: string; attribution: string } | null;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function logLevelOf(env: NodeJS.ProcessEnv): string {
  const v = env.LINLI_LOG?.trim().toLowerCase();
  if (v === '1' || v === 'true' || v === 'on') return 'info';
  if (v === '0' || v === 'false' || v === 'off') return 'silent';
  if (v && LOG_LEVELS.includes(v)) return v;
  if (v) throw new Error(`LINLI_LOG=${env.LINLI_LOG}: expected one of ${LOG_LEVELS.join(', ')} (or 1/0)`);
  return env.NODE_ENV === 'production' ? 'info' : 'warn';
}

/** LINLI_TRUST_PROXY: unset/0/false → off; a number → that many hops; otherwise a comma list of addresses/CIDRs. */
export function parseTrustProxy(value: string | undefined): boolean | number | string[] {
  const v = value?.trim();
  if (!v || v === '0' || v.toLowerCase() === 'false') return false;
  if (/^\d+$/.test(v)) return Number(v);
  if (v.toLowerCase() === 'true')
    throw new Error(
      "LINLI_TRUST_PROXY=true would trust any client's X-Forwarded-For: give the hop count or the proxies' addresses/CIDRs",
    );
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function publicUrlOf(value: string | undefined): string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  const url = new URL(v); // throws on a malformed value: better at start than in a reply
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`LINLI_PUBLIC_URL=${v}: must be http(s)`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function schemaOf(value: string | undefined): string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(v)) throw new Error(`LINLI_DATABASE_SCHEMA=${v}: a lower-case SQL identifier`);
  return v;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    databaseOwnerUrl: env.DATABASE_OWNER_URL || env.MIGRATION_URL || undefined,
    databaseSchema: schemaOf(env.LINLI_DATABASE_SCHEMA),
    databaseReadUrl: env.DATABASE_READ_URL || undefined,
    dataDir: resolve(env.LINLI_DATA_DIR ?? 'data'),
    dataKey: env.LINLI_DATA_KEY || undefined,
    secureCookies: env.LINLI_SECURE_COOKIES === '1',
    maxUploadBytes: Number(env.LINLI_MAX_UPLOAD_BYTES ?? 10 * 1024 * 1024),
    maxLedgerUploadBytes: Number(env.LINLI_MAX_LEDGER_UPLOAD_BYTES ?? 200 * 1024 * 1024),
    publicUrl: publicUrlOf(env.LINLI_PUBLIC_URL),
    trustProxy: parseTrustProxy(env.LINLI_TRUST_PROXY),
    logLevel: logLevelOf(env),
    loginRateLimit: { perIp: 20, perAccount: 10, windowMs: 60_000 },
    notify: loadNotifyConfig(env),
    mapTiles: mapTilesOf(env),
  };
}

function mapTilesOf(env: NodeJS.ProcessEnv): Config['mapTiles'] {
  const url = env.LINLI_MAP_TILES?.trim();
  if (!url) return null;
  if (!/^(https?:\/\/|\/)/.test(url) || !url.includes('{z}'))
    throw new Error(`LINLI_MAP_TILES=${url}: expected an http(s) or /path URL template with {z}, {x} and {y}`);
  return { url, attribution: env.LINLI_MAP_ATTRIBUTION?.trim() ?? '' };
}

/** The base of public URLs: LINLI_PUBLIC_URL, or http://localhost:PORT. Never derived from a request. */
export function publicBaseUrl(config: Config): string {
  return config.publicUrl ?? `http://localhost:${config.port}`;
}

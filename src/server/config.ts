import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** the app's request-serving login (PostgreSQL); omitted = embedded PGlite */
  databaseUrl?: string;
  /** the owner that migrates and loads the demo; omitted = DATABASE_URL does everything (one role) */
  databaseOwnerUrl?: string;
  dataDir: string;
  /** base64 of 32 bytes; otherwise a key file is generated in dataDir/keys. */
  dataKey?: string;
  secureCookies: boolean;
  maxUploadBytes: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    databaseOwnerUrl: env.DATABASE_OWNER_URL || env.MIGRATION_URL || undefined,
    dataDir: resolve(env.LINLI_DATA_DIR ?? 'data'),
    dataKey: env.LINLI_DATA_KEY || undefined,
    secureCookies: env.LINLI_SECURE_COOKIES === '1',
    maxUploadBytes: Number(env.LINLI_MAX_UPLOAD_BYTES ?? 10 * 1024 * 1024),
  };
}

import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { AwsClient } from 'aws4fetch';

/**
 * Where attachment bytes live: a key → bytes store. A deployment points it at the local data dir (default)
 * or at any S3-compatible bucket (MinIO, 阿里云 OSS / 腾讯云 COS in S3 mode, AWS) with LINLI_S3_* settings.
 * Keys are made by the attachments service (district/yyyy-mm/uuid[.thumb]); they never come from a request.
 */
export interface ObjectStorage {
  readonly kind: 'local' | 's3';
  put(key: string, data: Buffer, mime: string): Promise<void>;
  /** The bytes, or null when there is no such object. */
  get(key: string): Promise<Buffer | null>;
  delete(key: string): Promise<void>;
  stat(key: string): Promise<{ size: number } | null>;
}

const sha256Hex = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const KEY = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_.-]+)*$/;
function checkKey(key: string): string {
  if (!KEY.test(key) || key.split('/').some((p) => p === '.' || p === '..')) throw new Error(`bad storage key ${key}`);
  return key;
}

/** Files under one directory (the data dir's `attachments/`); written to a temp name first, then renamed. */
export class LocalDiskStorage implements ObjectStorage {
  readonly kind = 'local' as const;
  private readonly root: string;
  constructor(root: string) {
    this.root = resolve(root);
  }
  private path(key: string): string {
    const p = resolve(join(this.root, checkKey(key)));
    if (!p.startsWith(this.root + sep)) throw new Error(`storage key escapes the root: ${key}`);
    return p;
  }
  async put(key: string, data: Buffer): Promise<void> {
    const p = this.path(key);
    await mkdir(dirname(p), { recursive: true });
    const tmp = `${p}.${process.pid}.tmp`;
    await writeFile(tmp, data);
    await rename(tmp, p);
  }
  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.path(key));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }
  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
  async stat(key: string): Promise<{ size: number } | null> {
    try {
      return { size: (await stat(this.path(key))).size };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }
}

export interface S3Settings {
  /** e.g. http://127.0.0.1:9000 (MinIO) or https://s3.cn-north-1.amazonaws.com.cn */
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** Key prefix inside the bucket (no leading or trailing slash), e.g. "linli". */
  prefix?: string;
}

/** An S3-compatible bucket, path-style URLs (what MinIO and most compatible stores accept), SigV4-signed. */
export class S3Storage implements ObjectStorage {
  readonly kind = 's3' as const;
  private readonly aws: AwsClient;
  private readonly base: string;
  constructor(private readonly s: S3Settings) {
    this.aws = new AwsClient({
      accessKeyId: s.accessKeyId,
      secretAccessKey: s.secretAccessKey,
      region: s.region,
      service: 's3',
      retries: 2,
    });
    this.base = `${s.endpoint.replace(/\/+$/, '')}/${encodeURIComponent(s.bucket)}`;
  }
  private url(key: string): string {
    const full = this.s.prefix ? `${this.s.prefix}/${checkKey(key)}` : checkKey(key);
    return `${this.base}/${full.split('/').map(encodeURIComponent).join('/')}`;
  }
  private async call(method: string, key: string, init: { body?: Buffer; mime?: string } = {}): Promise<Response> {
    // the payload is signed (not UNSIGNED-PAYLOAD): a proxy cannot swap the bytes of an evidence photo
    const headers: Record<string, string> = { 'x-amz-content-sha256': sha256Hex(init.body ?? Buffer.alloc(0)) };
    if (init.mime) headers['content-type'] = init.mime;
    return this.aws.fetch(this.url(key), {
      method,
      headers,
      ...(init.body ? { body: new Uint8Array(init.body) } : {}),
    });
  }
  async put(key: string, data: Buffer, mime: string): Promise<void> {
    const res = await this.call('PUT', key, { body: data, mime });
    if (!res.ok) throw new Error(`S3 PUT ${key}: ${res.status} ${await res.text()}`);
  }
  async get(key: string): Promise<Buffer | null> {
    const res = await this.call('GET', key);
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`S3 GET ${key}: ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }
  async delete(key: string): Promise<void> {
    const res = await this.call('DELETE', key);
    if (!res.ok && res.status !== 404) throw new Error(`S3 DELETE ${key}: ${res.status}`);
  }
  async stat(key: string): Promise<{ size: number } | null> {
    const res = await this.call('HEAD', key);
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`S3 HEAD ${key}: ${res.status}`);
    return { size: Number(res.headers.get('content-length') ?? 0) };
  }
}

/** LINLI_S3_ENDPOINT, _BUCKET, _ACCESS_KEY_ID, _SECRET_ACCESS_KEY, _REGION (default us-east-1), _PREFIX; else local disk. */
export function storageFromEnv(env: NodeJS.ProcessEnv, dataDir: string): ObjectStorage {
  const endpoint = env.LINLI_S3_ENDPOINT?.trim();
  if (!endpoint) return new LocalDiskStorage(join(dataDir, 'attachments'));
  const need = (name: string) => {
    const v = env[name]?.trim();
    if (!v) throw new Error(`LINLI_S3_ENDPOINT is set: ${name} is required too`);
    return v;
  };
  return new S3Storage({
    endpoint,
    bucket: need('LINLI_S3_BUCKET'),
    accessKeyId: need('LINLI_S3_ACCESS_KEY_ID'),
    secretAccessKey: need('LINLI_S3_SECRET_ACCESS_KEY'),
    region: env.LINLI_S3_REGION?.trim() || 'us-east-1',
    prefix: env.LINLI_S3_PREFIX?.trim().replace(/^\/+|\/+$/g, '') || undefined,
  });
}

const byContext = new WeakMap<object, ObjectStorage>();
/** The storage of an app context: set by the server at start (or a test), else built from the environment. */
export function storageOf(ctx: { config: { dataDir: string } }): ObjectStorage {
  let s = byContext.get(ctx);
  if (!s) byContext.set(ctx, (s = storageFromEnv(process.env, ctx.config.dataDir)));
  return s;
}
export function useStorage(ctx: object, storage: ObjectStorage): void {
  byContext.set(ctx, storage);
}

import type { FastifyReply } from 'fastify';
import type { FastifyStaticOptions } from '@fastify/static';

/**
 * How the built UI (dist/web) is delivered: the brotli and gzip copies written at build time (vite.config.ts,
 * `precompress`) are sent to browsers that accept them; content-hashed files under /assets/ are cached for
 * a year as immutable; everything else (index.html, the SPA shell of client routes) is revalidated on each
 * load (`no-cache`), so a new build is picked up at once.
 */
export const HASHED_ASSET = /\/assets\/[^/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+(?:\.br|\.gz)?$/;

export function cacheHeaders(reply: FastifyReply, path: string): void {
  reply.header('cache-control', HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
}

export function staticOptions(root: string): FastifyStaticOptions {
  return {
    root,
    prefix: '/',
    wildcard: false,
    preCompressed: true,
    cacheControl: false,
    globIgnore: ['**/*.br', '**/*.gz'],
    setHeaders: cacheHeaders,
  };
}

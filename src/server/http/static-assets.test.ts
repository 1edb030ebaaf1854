import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { after, describe, it } from 'node:test';
import Fastify from 'fastify';
import fastifyStatic from '@fastify/static';
import { staticOptions } from './static-assets.js';

// The built UI's delivery: precompressed copies by Accept-Encoding, a year of immutable caching for hashed
// files, no-cache for index.html and the SPA shell.
describe('static assets', () => {
  const root = mkdtempSync(join(tmpdir(), 'linli-static-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'assets'));
  const js = 'console.log("linli");'.repeat(100);
  for (const [file, body] of [
    ['assets/index-AbCd1234.js', js],
    ['index.html', '<!doctype html><div id="root"></div>'.repeat(40)],
  ] as const) {
    writeFileSync(join(root, file), body);
    writeFileSync(join(root, `${file}.br`), brotliCompressSync(body));
    writeFileSync(join(root, `${file}.gz`), gzipSync(body));
  }
  const app = Fastify();
  after(() => app.close());
  const ready = (async () => {
    await app.register(fastifyStatic, staticOptions(root));
    app.setNotFoundHandler((_req, reply) => reply.sendFile('index.html'));
  })();

  it('sends the brotli copy of a hashed asset, cached as immutable', async () => {
    await ready;
    const r = await app.inject({ url: '/assets/index-AbCd1234.js', headers: { 'accept-encoding': 'gzip, br' } });
    assert.equal(r.statusCode, 200);
    assert.equal(r.headers['content-encoding'], 'br');
    assert.equal(r.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.match(String(r.headers.vary), /accept-encoding/);
    assert.ok(r.rawPayload.length < js.length / 5);
  });
  it('sends gzip to a gzip-only client and the plain file to one that accepts neither', async () => {
    await ready;
    const gz = await app.inject({ url: '/assets/index-AbCd1234.js', headers: { 'accept-encoding': 'gzip' } });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    const plain = await app.inject({ url: '/assets/index-AbCd1234.js', headers: { 'accept-encoding': 'identity' } });
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body, js);
  });
  it('revalidates index.html and the shell of client routes', async () => {
    await ready;
    for (const url of ['/', '/index.html', '/orders/123']) {
      const r = await app.inject({ url, headers: { 'accept-encoding': 'br' } });
      assert.equal(r.statusCode, 200, url);
      assert.equal(r.headers['cache-control'], 'no-cache', url);
    }
  });
  it('does not serve the compressed copies under their own names', async () => {
    await ready;
    // no route of its own: the request falls through to the SPA shell
    const r = await app.inject({ url: '/assets/index-AbCd1234.js.br', headers: { 'accept-encoding': 'identity' } });
    assert.match(String(r.headers['content-type']), /text\/html/);
  });
});

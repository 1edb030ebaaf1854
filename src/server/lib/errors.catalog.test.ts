import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { errorCatalog } from './errors.js';
import { createTestEnv, json, type TestEnv } from '../testing/harness.js';

const CJK = /[\u3400-\u9fff\uff00-\uffef]/;
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('error codes', () => {
  let env: TestEnv;
  before(async () => {
    env = await createTestEnv({ demo: false }); // building the app loads every module and its *.errors.ts
  });
  after(() => env.close());

  it('every enumerated code has a Chinese and an English message', () => {
    const all = errorCatalog();
    assert.ok(all.length >= 200, `only ${all.length} codes enumerated`);
    const bad = all.filter(
      (e) =>
        !/^[A-Z][A-Z0-9_]+$/.test(e.code) ||
        !(CJK.test(e.zh) || /^\{\w+\}$/.test(e.zh)) ||
        CJK.test(e.en) ||
        e.en.trim().length < 4 ||
        // the English text may take its own (English) parameters, but never more than the Chinese ones plus those
        placeholders(e.en).some((p) => !placeholders(e.zh).includes(p) && !/(En|Code)$/.test(p!)),
    );
    assert.deepEqual(
      bad.map((e) => `${e.module}.${e.code}`),
      [],
    );
  });

  it('replies in English when the caller asks for English, in Chinese otherwise', async () => {
    const send = (lang?: string) =>
      env.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json', ...(lang ? { 'accept-language': lang } : {}) },
        payload: '{"username":',
      });
    const en = await send('en-US,en;q=0.9');
    assert.equal(en.statusCode, 400);
    assert.deepEqual(json(en).error, { code: 'INVALID_JSON', message: 'The request body is not valid JSON.' });
    const zh = await send();
    assert.deepEqual(json(zh).error, { code: 'INVALID_JSON', message: '请求内容不是有效的 JSON。' });
  });
});

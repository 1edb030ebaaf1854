import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FIELD_MESSAGES_EN } from '../../shared/field-messages.js';
import { installErrorHandler } from './error-handler.js';

function sources(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) sources(p, out);
    // spreadsheet imports report row errors about Chinese sheets in Chinese; demo data is not validated
    else if (p.endsWith('.ts') && !/\.test\.ts$|[/.-]import\.ts$|\/demo\//.test(p)) out.push(p);
  }
  return out;
}

/** The Chinese messages given to zod checks (`.min(1, '…')`, `message: '…'`, `z.iso.date('…')`) in the code. */
function zodMessages(): Map<string, string> {
  const found = new Map<string, string>();
  const call =
    /(?:\.(?:min|max|length|regex|refine|superRefine|email|url|int|positive|nonnegative|date|datetime)\(|message:\s*)[^'\n]*'([^'\n]*[\u4e00-\u9fff][^'\n]*)'/g;
  for (const file of [...sources('src/shared'), ...sources('src/server')]) {
    const text = readFileSync(file, 'utf8').replace(/\.describe\('[^'\n]*'\)/g, '');
    for (const m of text.matchAll(call)) found.set(m[1]!, file);
  }
  return found;
}

test('every Chinese field message of a zod schema has its English text', () => {
  const messages = zodMessages();
  assert.ok(messages.size >= 90, `only ${messages.size} messages found: the scan is broken`);
  const missing = [...messages].filter(([m]) => !(m in FIELD_MESSAGES_EN)).map(([m, f]) => `${f}: ${m}`);
  assert.deepEqual(missing, [], 'add these to src/shared/field-messages.ts');
  for (const [zh, en] of Object.entries(FIELD_MESSAGES_EN)) {
    assert.doesNotMatch(en, /[\u4e00-\u9fff]/, `the English of ${zh} has Chinese in it`);
  }
});

test('a validation failure answers in the caller language, custom and default messages alike', async () => {
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  app.post(
    '/x',
    { schema: { body: z.object({ name: z.string().trim().min(1, '请填写菜名'), count: z.number() }) } },
    async () => ({ ok: true }),
  );
  await app.ready();
  const send = (lang?: string) =>
    app.inject({
      method: 'POST',
      url: '/x',
      headers: lang ? { 'accept-language': lang } : {},
      payload: { name: ' ', count: 'three' },
    });
  const zh = (await send()).json<{
    error: { code: string; message: string; details: { field: string; message: string }[] };
  }>();
  assert.equal(zh.error.code, 'VALIDATION_FAILED');
  assert.match(zh.error.message, /name：请填写菜名/);
  assert.deepEqual(
    zh.error.details.map((d) => d.field),
    ['name', 'count'],
  );
  assert.match(zh.error.details[1]!.message, /[\u4e00-\u9fff]/, 'zod default rendered in Chinese');
  const enRes = await send('en-US,en;q=0.9');
  assert.equal(enRes.statusCode, 400);
  const en = enRes.json<{ error: { code: string; message: string; details: { message: string }[] } }>();
  assert.equal(en.error.code, 'VALIDATION_FAILED');
  assert.match(en.error.message, /name: Enter the name of the dish\./);
  assert.doesNotMatch(en.error.message, /[\u4e00-\u9fff]/);
  assert.doesNotMatch(en.error.details[1]!.message, /[\u4e00-\u9fff]/);
  await app.close();
});

#!/usr/bin/env node
// The code's shape, checked (npm run shape:check, part of npm run check and CI). Each rule names the
// files that break it; see README "Layout" for why each rule exists.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

function walk(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.(ts|tsx)$/.test(e.name)) out.push(p);
  }
  return out;
}

const files = walk('src').map((p) => ({ p, text: readFileSync(p, 'utf8') }));
const isTest = (p) => p.endsWith('.test.ts') || p.includes('/e2e/') || p.includes('/testing/');
const isI18n = (p) => p.includes('/i18n/');
const isDemo = (p) => p.startsWith('src/server/demo/');
const problems = [];
const fail = (rule, p, what) => problems.push(`${rule}: ${p}${what ? ` — ${what}` : ''}`);

// 1. Small units: no source file over 400 lines (tests, demo data and i18n tables aside).
for (const { p, text } of files) {
  if (isTest(p) || isI18n(p) || isDemo(p)) continue;
  const lines = text.split('\n').length - 1;
  if (lines > 400) fail('size', p, `${lines} lines (at most 400: split it into operation files)`);
}

// 2. SQL lives in repositories (and the access layer's scope fragments, and the database plumbing).
const SQL_USE =
  /\bsql`|\bqueryRows\s*[<(]|\.execute\(|\b(?:tx|db|q|ctx\.db)\s*\.\s*(?:select|insert|update|delete|selectDistinct)\s*\(|^\s+\.(?:select|selectDistinct|insert|update|delete)\(/;
for (const { p, text } of files) {
  if (!p.startsWith('src/server/modules/') || isTest(p)) continue;
  if (/\.(repository|tables)\.ts$/.test(p) || p.includes('/repository/') || p.startsWith('src/server/modules/access/'))
    continue;
  text.split('\n').forEach((line, i) => {
    if (SQL_USE.test(line)) fail('sql-outside-repository', `${p}:${i + 1}`, line.trim().slice(0, 100));
  });
}

// 3. Writes go through drizzle's builder or name the drizzle table (`insert into ${table}`), never a raw name.
const RAW_WRITE = /\b(insert\s+into|delete\s+from)\s+[a-z_]+\b|\bupdate\s+[a-z_]+\s+(?:[a-z]\s+)?set\b/i;
for (const { p, text } of files) {
  if (!p.startsWith('src/server/') || isTest(p) || isDemo(p) || p.startsWith('src/server/db/')) continue;
  text.split('\n').forEach((line, i) => {
    const code = line.replace(/\/\/.*$/, '');
    if (RAW_WRITE.test(code) && !code.trim().startsWith('*'))
      fail('raw-sql-write', `${p}:${i + 1}`, code.trim().slice(0, 100));
  });
}

// 4. The web calls the server only from its modules' *.api.ts files (TanStack Query hooks), never from components.
for (const { p, text } of files) {
  if (!p.startsWith('src/web/') || isTest(p) || p.endsWith('.api.ts') || p === 'src/web/lib/api.ts') continue;
  text.split('\n').forEach((line, i) => {
    if (/\bapi\.(get|post|patch|put|del|delete)\s*[<(]|\brequest\s*<|\bfetch\(/.test(line))
      fail('api-call-outside-api-file', `${p}:${i + 1}`, line.trim().slice(0, 100));
  });
}

// 5. No hand-written copy of a server type in the web: DTO types come from src/shared (a web `types.ts`
//    may only re-export them).
for (const { p, text } of files) {
  if (!p.startsWith('src/web/') || !p.endsWith('/types.ts')) continue;
  text.split('\n').forEach((line, i) => {
    if (/^\s*(export\s+)?(interface\s+\w+|type\s+\w+(<[^>]*>)?\s*=)/.test(line))
      fail('web-type-copy', `${p}:${i + 1}`, `${line.trim().slice(0, 80)} — derive it from src/shared instead`);
  });
}

// 6. Error codes are enumerated in a module's *.errors.ts, not written inline.
for (const { p, text } of files) {
  if (!p.startsWith('src/server/') || isTest(p) || isDemo(p) || p === 'src/server/lib/errors.ts') continue;
  text.split('\n').forEach((line, i) => {
    if (/\b(badRequest|notFound|forbidden|conflict)\(\s*'[A-Z_]+'|new AppError\(\s*'[a-z_]+',\s*'[A-Z_]+'/.test(line))
      fail('inline-error-code', `${p}:${i + 1}`, line.trim().slice(0, 100));
  });
}

// 7. The tenant comes from the actor, never a literal district code in module code.
for (const { p, text } of files) {
  if (!p.startsWith('src/server/modules/') || isTest(p)) continue;
  text.split('\n').forEach((line, i) => {
    if (/(?:districtId|district_id|jurisdiction\w*)\W[^'\n]*'140213'|\?\?\s*'140213'/.test(line))
      fail('hard-coded-tenant', `${p}:${i + 1}`, line.trim().slice(0, 100));
  });
}

if (problems.length) {
  const byRule = {};
  for (const x of problems) byRule[x.split(':')[0]] = (byRule[x.split(':')[0]] ?? 0) + 1;
  console.log(problems.join('\n'));
  console.log(
    `\n${problems.length} shape problems: ${Object.entries(byRule)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  process.exitCode = 1;
} else {
  console.log(`shape: ${files.length} files, no problems`);
}

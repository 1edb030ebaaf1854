#!/usr/bin/env node
// Runs every *.test.ts under src/ on Node's own test runner (Node 20 does not expand globs),
// building the web UI first when it is missing or older than its sources (the browser test needs it).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function walk(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

const newest = (files) => Math.max(0, ...files.map((f) => statSync(f).mtimeMs));
const webIndex = 'dist/web/index.html';
const webSources = [...walk('src/web'), 'vite.config.ts'].filter((f) => existsSync(f));
if (!existsSync(webIndex) || statSync(webIndex).mtimeMs < newest(webSources)) {
  const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const filter = process.argv.slice(2);
const files = walk('src')
  .filter((f) => f.endsWith('.test.ts'))
  .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)))
  .sort();
console.log(`# database: ${process.env.TEST_DATABASE_URL ? 'PostgreSQL (TEST_DATABASE_URL)' : 'PGlite (embedded)'}`);
const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], {
  stdio: 'inherit',
});
process.exit(run.status ?? 1);

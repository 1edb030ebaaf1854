// Fails when the drizzle schema has changes that no migration captures (a stale migrations folder).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, cpSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = mkdtempSync(join(tmpdir(), 'linli-migrations-'));
cpSync('migrations', out, { recursive: true });
const before = readdirSync(out).length;
const r = spawnSync(
  'npx',
  [
    'drizzle-kit',
    'generate',
    '--out',
    out,
    '--schema',
    'src/server/db/schema.ts',
    '--dialect',
    'postgresql',
    '--prefix',
    'timestamp',
  ],
  { encoding: 'utf8' },
);
if (r.status !== 0) {
  console.error(r.stdout, r.stderr);
  process.exit(1);
}
if (readdirSync(out).length !== before) {
  console.error('Schema changes are not captured by a migration: run `npm run db:generate`.');
  process.exit(1);
}
console.log('migrations are up to date');

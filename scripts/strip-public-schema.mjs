// drizzle-kit writes "public". into generated SQL; migrations must run in whatever schema is on the
// search_path (tests give each run its own schema), so strip it.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

for (const f of readdirSync('migrations').filter((f) => f.endsWith('.sql'))) {
  const p = `migrations/${f}`;
  const s = readFileSync(p, 'utf8');
  if (s.includes('"public".')) writeFileSync(p, s.replaceAll('"public".', ''));
}

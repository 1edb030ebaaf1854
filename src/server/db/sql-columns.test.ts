import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import * as schema from './schema.js';

/**
 * The `sql` templates of the repositories name drizzle tables (`from ${people} p`); this binds the column names
 * written after such an alias (`p.org_path`) to the drizzle table too, so that a renamed or dropped column
 * fails here, in CI, instead of at run time in one rarely used report.
 */

const TABLES = new Map<string, Set<string>>();
for (const [name, value] of Object.entries(schema)) {
  if (is(value, PgTable)) TABLES.set(name, new Set(getTableConfig(value).columns.map((c) => c.name)));
}

function sources(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) sources(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

interface Template {
  parts: string[];
  exprs: string[];
  line: number;
}

/** Every sql`…` template of a file, with its literal parts and the text of its interpolations. */
function templates(text: string): Template[] {
  const out: Template[] = [];
  let i = 0;
  const readTemplate = (start: number): { end: number; t: Template } => {
    const t: Template = { parts: [''], exprs: [], line: text.slice(0, start).split('\n').length };
    let k = start;
    while (k < text.length) {
      const c = text[k]!;
      if (c === '\\') {
        t.parts[t.parts.length - 1] += text.slice(k, k + 2);
        k += 2;
      } else if (c === '`') {
        return { end: k + 1, t };
      } else if (c === '$' && text[k + 1] === '{') {
        let depth = 1;
        let j = k + 2;
        while (j < text.length && depth > 0) {
          const d = text[j]!;
          if (d === '`') j = readTemplate(j + 1).end;
          else {
            if (d === '{') depth++;
            else if (d === '}') depth--;
            j++;
          }
        }
        t.exprs.push(text.slice(k + 2, j - 1).trim());
        t.parts.push('');
        k = j;
      } else {
        t.parts[t.parts.length - 1] += c;
        k++;
      }
    }
    return { end: k, t };
  };
  while ((i = text.indexOf('sql`', i)) !== -1) {
    const { end, t } = readTemplate(i + 4);
    out.push(t);
    i = end;
  }
  return out;
}

/** Local names of drizzle tables in a file: imports (with `as` renames) and `const r = table;` aliases. */
function tableNames(text: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const m of text.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'[^']*(?:\.tables|db\/schema)\.js'/g)) {
    for (const spec of m[1]!.split(',')) {
      const [from, as] = spec.trim().split(/\s+as\s+/);
      if (from && TABLES.has(from)) names.set(as ?? from, from);
    }
  }
  // a module's own tables file defines them
  for (const m of text.matchAll(/export const (\w+) = pgTable\(/g)) names.set(m[1]!, m[1]!);
  for (const m of text.matchAll(/const (\w+) = (\w+);/g)) {
    const target = names.get(m[2]!);
    if (target) names.set(m[1]!, target);
  }
  return names;
}

const KEYWORDS = new Set(
  'where on join left right inner full cross using set group order limit offset union select and or as from returning having window lateral natural values'.split(
    ' ',
  ),
);

interface Check {
  file: string;
  checked: number;
  problems: string[];
}

function checkText(file: string, text: string): Check {
  const names = tableNames(text);
  const result: Check = { file, checked: 0, problems: [] };
  const all = templates(text);
  const local = all.map((t) => {
    const aliases = new Map<string, string>();
    t.exprs.forEach((expr, k) => {
      const table = names.get(expr);
      if (!table) return;
      const after = /^\s+(?:as\s+)?([a-z_][a-z0-9_]*)\b/i.exec(t.parts[k + 1] ?? '');
      if (after && !KEYWORDS.has(after[1]!.toLowerCase())) aliases.set(after[1]!, table);
    });
    return aliases;
  });
  // a fragment built apart (sql`r.org_path`) uses the alias its file gives one table everywhere
  const fileWide = new Map<string, Set<string>>();
  for (const aliases of local) for (const [a, t] of aliases) fileWide.set(a, (fileWide.get(a) ?? new Set()).add(t));
  all.forEach((t, k) => {
    const aliasOf = (a: string) => {
      const here = local[k]!.get(a);
      if (here) return here;
      const there = fileWide.get(a);
      return there?.size === 1 ? [...there][0] : undefined;
    };
    for (const part of t.parts) {
      for (const m of part.matchAll(/(?<![\w."])([a-z_][a-z0-9_]*)\."?([a-z_][a-z0-9_]*)"?(?!\s*\()/g)) {
        const table = aliasOf(m[1]!);
        if (!table) continue;
        result.checked++;
        if (!TABLES.get(table)!.has(m[2]!)) {
          result.problems.push(`${file}:${t.line}: ${m[1]}.${m[2]} — ${table} has no column "${m[2]}"`);
        }
      }
    }
  });
  return result;
}

test('every column a sql template names after a drizzle table alias is a column of that table', () => {
  assert.ok(TABLES.size >= 60, `only ${TABLES.size} drizzle tables found`);
  const results = sources('src/server').map((f) => checkText(f, readFileSync(f, 'utf8')));
  const checked = results.reduce((n, r) => n + r.checked, 0);
  assert.ok(checked >= 500, `only ${checked} column references were checked: the scan is broken`);
  if (process.env.SQL_COLUMNS_VERBOSE) {
    console.log('checked', checked, results.filter((r) => r.checked).length, 'files');
    for (const r of results)
      if (!r.checked && readFileSync(r.file, 'utf8').includes('sql`')) console.log('unchecked', r.file);
  }
  assert.deepEqual(
    results.flatMap((r) => r.problems),
    [],
  );
});

test('the column check catches a wrong column, through an import rename and a local alias', () => {
  const source = [
    "import { people as persons, households } from '../people/people.tables.js';",
    'const h = households;',
    'const q = sql`select p.org_path, p.no_such_column, x.anything from ${persons} p join ${h} hh on hh.id = p.household_id`;',
    'const r = sql`select hh2.nope from ${h} as hh2 where hh2.district_id = ${d}`;',
  ].join('\n');
  const r = checkText('example.ts', source);
  assert.equal(r.checked, 6);
  assert.deepEqual(r.problems, [
    'example.ts:3: p.no_such_column — people has no column "no_such_column"',
    'example.ts:4: hh2.nope — households has no column "nope"',
  ]);
});

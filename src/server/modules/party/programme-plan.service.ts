import type { AppContext } from '../../context.js';
import { versionedUpdate } from '../../lib/versioned.js';
import { PROGRAMME_DEFAULTS } from '../../../shared/party-programmes.constants.js';
import type { Programmes, SetTargetsBody } from '../../../shared/party-programmes.schema.js';
import type { Actor } from '../access/access.policy.js';
import { writeAudit } from '../audit/audit.service.js';
import { programmeErrors as E } from './programmes.errors.js';
import { currentYear, listProgrammes } from './programmes.service.js';
import { partyProgrammes } from './programmes.tables.js';
import * as repo from './repository/programmes.repository.js';

/**
 * The district's plan of the 六大工程: it opens a year's six programmes (this year or next) from the latest
 * earlier year's — names, lead units, indicators and their targets — or, the first time, from the seed's
 * definitions; and it sets the indicators' targets. Both are the district's (区委组织部): ability `party.plan`.
 */

export async function openYear(ctx: AppContext, actor: Actor, year: number, ip?: string): Promise<Programmes> {
  const now = currentYear();
  if (year < now || year > now + 1) throw E.PROGRAMME_YEAR_OUT_OF_RANGE({ year });
  const d = actor.districtId;
  if ((await repo.programmesOfYear(ctx.db, d, year)).length) throw E.PROGRAMME_YEAR_EXISTS({ year });
  const before = (await repo.programmeYears(ctx.db, d)).find((y) => y < year);
  const source = before ? await repo.programmesOfYear(ctx.db, d, before) : PROGRAMME_DEFAULTS;
  const rows = source.map((p) => ({
    districtId: d,
    id: `PRG-${year}-${p.key}`,
    year,
    key: p.key,
    name: p.name,
    leadUnit: p.leadUnit,
    description: p.description,
    indicators: p.indicators,
  }));
  try {
    await ctx.db.transaction(async (tx) => {
      await repo.insertProgrammeYear(tx, rows);
      await writeAudit(
        tx,
        actor,
        {
          action: 'party_programme.open_year',
          entityType: 'party_programme',
          entityId: null,
          detail: { year, from: before ?? 'defaults', programmes: rows.map((r) => r.id) },
        },
        ip,
      );
    });
  } catch (err) {
    // another administrator opened the year at the same moment
    const code = (err as { code?: string; cause?: { code?: string } }).cause?.code ?? (err as { code?: string }).code;
    if (code === '23505') throw E.PROGRAMME_YEAR_EXISTS({ year });
    throw err;
  }
  return listProgrammes(ctx, actor, { year });
}

export async function setTargets(
  ctx: AppContext,
  actor: Actor,
  input: SetTargetsBody & { id: string },
  ip?: string,
): Promise<Programmes> {
  const d = actor.districtId;
  const saved = await versionedUpdate(ctx.db, {
    table: partyProgrammes,
    id: input.id,
    actor,
    ip,
    expectedVersion: input.version,
    conflict: () => E.PROGRAMME_CHANGED(),
    load: async (tx) => {
      const p = await repo.loadProgramme(tx, d, input.id, true);
      if (!p) throw E.PROGRAMME_NOT_FOUND();
      return p;
    },
    apply: async (_tx, p) => {
      for (const t of input.targets)
        if (!p.indicators.some((i) => i.key === t.key)) throw E.INDICATOR_UNKNOWN({ key: t.key });
      const next = new Map(input.targets.map((t) => [t.key, t.target]));
      const indicators = p.indicators.map((i) => ({ ...i, target: next.get(i.key) ?? i.target }));
      return {
        set: { indicators },
        audit: {
          action: 'party_programme.targets',
          entityType: 'party_programme',
          entityId: p.id,
          detail: {
            changes: p.indicators
              .filter((i) => next.has(i.key) && next.get(i.key) !== i.target)
              .map((i) => ({ key: i.key, from: i.target, to: next.get(i.key) })),
          },
        },
      };
    },
  });
  return listProgrammes(ctx, actor, { year: saved.year });
}

import type { AppContext } from '../../context.js';
import type { Queryable } from '../../db/client.js';
import {
  ACTIVITY_KINDS,
  DEFAULT_ASSESSMENT_ITEMS,
  DEFAULT_FREQUENCIES,
  DEFAULT_SYSTEMS,
} from '../../../shared/party-life.constants.js';
import type { PutSettingsBody, Settings } from '../../../shared/party-life.schema.js';
import type { Actor } from '../access/access.policy.js';
import { writeAudit } from '../audit/audit.service.js';
import { E } from './party-life.errors.js';
import * as repo from './repository/records.repository.js';

/**
 * The district's branch-life settings: how often each kind must be held (三会一课), the names of the working
 * systems of the yearly checklist, and the 考核评议 items with their maxima. Until the district saves its
 * own, the defaults of party-life.constants.ts hold (version 0).
 */
export async function effectiveSettings(q: Queryable, districtId: string): Promise<Settings> {
  const row = await repo.settingsOf(q, districtId);
  if (!row)
    return {
      frequencies: { ...DEFAULT_FREQUENCIES },
      systems: DEFAULT_SYSTEMS,
      assessmentItems: DEFAULT_ASSESSMENT_ITEMS,
      version: 0,
    };
  return {
    frequencies: { ...DEFAULT_FREQUENCIES, ...row.frequencies },
    systems: row.systems,
    assessmentItems: row.assessmentItems,
    version: row.version,
  };
}

export const getSettings = (ctx: AppContext, actor: Actor) => effectiveSettings(ctx.db, actor.districtId);

function assertUniqueKeys(items: { key: string }[]): void {
  const seen = new Set<string>();
  for (const i of items) {
    if (seen.has(i.key)) throw E.DUPLICATE_KEY({ key: i.key });
    seen.add(i.key);
  }
}

export async function putSettings(ctx: AppContext, actor: Actor, input: PutSettingsBody, ip?: string) {
  assertUniqueKeys(input.systems);
  assertUniqueKeys(input.assessmentItems.branch);
  assertUniqueKeys(input.assessmentItems.secretary);
  await ctx.db.transaction(async (tx) => {
    const row = await repo.settingsOf(tx, actor.districtId, true);
    if ((row?.version ?? 0) !== input.version) throw E.SETTINGS_CHANGED();
    // a system's key is what the branches' evidence is filed under: it may be renamed or disabled, not dropped
    const kept = new Set(input.systems.map((s) => s.key));
    const dropped = (row?.systems ?? DEFAULT_SYSTEMS).find((s) => !kept.has(s.key));
    if (dropped) throw E.SYSTEM_ITEM_REMOVED({ name: dropped.name });
    if (input.systems.every((s) => s.disabled)) throw E.NO_SYSTEM_ENABLED();
    const frequencies = Object.fromEntries(
      ACTIVITY_KINDS.map((k) => [k, input.frequencies[k] ?? DEFAULT_FREQUENCIES[k]]),
    ) as Settings['frequencies'];
    await repo.saveSettings(
      tx,
      {
        districtId: actor.districtId,
        frequencies,
        systems: input.systems,
        assessmentItems: input.assessmentItems,
      },
      !!row,
    );
    const detail = {
      frequencies,
      systems: input.systems.map((s) => s.key),
      disabled: input.systems.filter((s) => s.disabled).map((s) => s.key),
    };
    await writeAudit(
      tx,
      actor,
      { action: 'party_life.settings', entityType: 'district', entityId: actor.districtId, detail },
      ip,
    );
  });
  return effectiveSettings(ctx.db, actor.districtId);
}

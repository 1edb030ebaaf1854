import type { AppContext } from '../../context.js';
import { writeAudit } from '../audit/audit.service.js';
import type { Actor } from '../access/access.policy.js';
import {
  DEFAULT_APPEAL_DAYS,
  DEFAULT_CALLBACK_TRIES,
  DEFAULT_LIST_SIZE,
  DEFAULT_WEIGHTS,
  RATE_KEYS,
} from '../../../shared/assessment.constants.js';
import type { Settings } from '../../../shared/assessment.schema.js';
import type { Queryable } from '../../db/client.js';
import { E } from './assessment.errors.js';
import { lockSettings, settingsRow, upsertSettings } from './assessment.repository.js';

/** The district's assessment settings; the defaults until the district saves its own (version 0). */
export async function readSettings(q: Queryable, districtId: string): Promise<Settings> {
  const row = await settingsRow(q, districtId);
  if (!row)
    return {
      weights: { ...DEFAULT_WEIGHTS },
      redListSize: DEFAULT_LIST_SIZE,
      blackListSize: DEFAULT_LIST_SIZE,
      appealDays: DEFAULT_APPEAL_DAYS,
      appealReviewers: ['district_admin'],
      callbackTries: DEFAULT_CALLBACK_TRIES,
      version: 0,
    };
  return {
    weights: { ...DEFAULT_WEIGHTS, ...row.weights },
    redListSize: row.redListSize,
    blackListSize: row.blackListSize,
    appealDays: row.appealDays,
    appealReviewers: row.appealReviewers as Settings['appealReviewers'],
    callbackTries: row.callbackTries,
    version: row.version,
  };
}

export const getSettings = (ctx: AppContext, actor: Actor) => readSettings(ctx.db, actor.districtId);

/** Saves the settings (version-checked) with the old and new values in the audit row. */
export async function saveSettings(ctx: AppContext, actor: Actor, input: Settings, ip?: string): Promise<Settings> {
  if (!RATE_KEYS.some((k) => input.weights[k] > 0)) throw E.WEIGHTS_EMPTY();
  // weights are points of 100 (the settings page says so beside each one); a typo cannot skew the score silently
  const sum = Math.round(RATE_KEYS.reduce((s, k) => s + input.weights[k], 0) * 100) / 100;
  if (sum !== 100) throw E.WEIGHTS_SUM({ sum });
  await ctx.db.transaction(async (tx) => {
    const current = await lockSettings(tx, actor.districtId);
    if ((current?.version ?? 0) !== input.version) throw E.SETTINGS_CONFLICT();
    const before = await readSettings(tx, actor.districtId);
    const { version: _v, ...values } = input;
    await upsertSettings(tx, {
      districtId: actor.districtId,
      id: 'default',
      ...values,
      updatedBy: actor.userId,
      updatedAt: new Date(),
    });
    await writeAudit(
      tx,
      actor,
      {
        action: 'assessment.settings',
        entityType: 'assessment_settings',
        entityId: actor.districtId,
        detail: { before: { ...before, version: undefined }, after: values },
      },
      ip,
    );
  });
  return readSettings(ctx.db, actor.districtId);
}

import { randomUUID } from 'node:crypto';
import { remind } from '../notifications/remind.js';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/client.js';
import { requireState } from '../../lib/errors.js';
import { shanghaiDateTime } from '../../lib/time.js';
import { versionedUpdate } from '../../lib/versioned.js';
import { writeAudit } from '../audit/audit.service.js';
import type { CreateRoundInput, RoundDetail, UpdateRoundInput } from '../../../shared/service-purchase.schema.js';
import { getRound } from './round-detail.service.js';
import {
  activeUsers,
  insertRound,
  loadRound,
  replaceJurors,
  scoringReadiness,
  type NewRound,
  type Round,
} from './repository/rounds.repository.js';
import type { By } from './service-purchase.by.js';
import { PurchaseErrors as E, StepErrors as S } from './service-purchase.errors.js';
import { purchaseRounds } from './service-purchase.tables.js';

/**
 * The call (申报通知) and its rules, run by the recruiting agent: draft → publish → jury → open the
 * scoring (which freezes the rules). Every write locks the round and writes its audit row.
 */

/** OCDS ocid prefix. `ocds-lnli01` is a placeholder until the publisher registers its own with the OCDS Data Support Team. */
export const OCID_PREFIX = process.env.LINLI_OCDS_PREFIX ?? 'ocds-lnli01';

export interface RoundWrite {
  id: string;
  /** The audit action, after `purchase.round.`. */
  action: string;
  /** The version the caller saw; `null` when the step does not send one. */
  expectedVersion?: number | null;
  detail?: Record<string, unknown>;
  /** Checks the state, writes what else changes, and returns the round's columns to change. */
  apply: (tx: Tx, r: Round, now: Date) => Promise<Partial<NewRound>>;
}

/** One versioned step of a round (lock → version → apply → bump → audit), answered with the round's detail. */
export async function roundWrite(ctx: AppContext, by: By, w: RoundWrite): Promise<RoundDetail> {
  await versionedUpdate(ctx.db, {
    table: purchaseRounds,
    id: w.id,
    actor: by.actor,
    ...(by.ip ? { ip: by.ip } : {}),
    expectedVersion: w.expectedVersion ?? null,
    load: (tx) => loadRound(tx, by.actor.districtId, w.id, true),
    conflict: S.updateRound.VERSION_CONFLICT,
    apply: async (tx, r, now) => ({
      set: await w.apply(tx, r, now),
      audit: {
        action: `purchase.round.${w.action}`,
        entityType: 'purchase_round',
        entityId: w.id,
        detail: w.detail ?? {},
      },
    }),
  });
  return getRound(ctx, by.actor, w.id);
}

export async function createRound(ctx: AppContext, by: By, input: CreateRoundInput): Promise<RoundDetail> {
  const { actor } = by;
  const id = randomUUID();
  await ctx.db.transaction(async (tx) => {
    await insertRound(tx, {
      districtId: actor.districtId,
      id,
      ocid: `${OCID_PREFIX}-${actor.districtId}-${id.slice(0, 8)}`,
      year: input.year,
      title: input.title,
      scope: input.scope,
      eligibility: input.eligibility,
      budgetCents: input.budgetCents,
      status: 'draft',
      deadlineAt: new Date(input.deadlineAt),
      criteria: input.criteria,
      dropHighLow: input.dropHighLow,
      places: input.places,
      passScore: input.passScore,
      noticeDays: input.noticeDays,
      createdBy: actor.userId,
    });
    await writeAudit(
      tx,
      actor,
      { action: 'purchase.round.create', entityType: 'purchase_round', entityId: id, detail: { title: input.title } },
      by.ip,
    );
  });
  return getRound(ctx, actor, id);
}

const RULE_FIELDS = ['criteria', 'dropHighLow', 'places', 'passScore', 'noticeDays'] as const;
const CALL_FIELDS = ['title', 'scope', 'eligibility', 'budgetCents', 'deadlineAt'] as const;

export async function updateRound(ctx: AppContext, by: By, id: string, input: UpdateRoundInput): Promise<RoundDetail> {
  return roundWrite(ctx, by, {
    id,
    action: 'update',
    expectedVersion: input.version,
    detail: { fields: Object.keys(input).filter((k) => k !== 'version') },
    apply: async (_tx, r) => {
      const changesRules = RULE_FIELDS.some((f) => input[f] !== undefined);
      const changesCall = CALL_FIELDS.some((f) => input[f] !== undefined);
      requireState(!changesRules || r.scoringOpenedAt === null, S.updateRound.RULES_FROZEN);
      requireState(!changesCall || r.status === 'draft', E.CALL_PUBLISHED);
      if (input.criteria && new Set(input.criteria.map((c) => c.key)).size !== input.criteria.length)
        throw E.CRITERIA_DUPLICATE();
      const { version: _v, deadlineAt, ...rest } = input;
      return { ...rest, ...(deadlineAt ? { deadlineAt: new Date(deadlineAt) } : {}) };
    },
  });
}

export async function publishRound(ctx: AppContext, by: By, id: string): Promise<RoundDetail> {
  return roundWrite(ctx, by, {
    id,
    action: 'publish',
    apply: async (_tx, r, now) => {
      requireState(r.status === 'draft', S.publish.ROUND_STATE_INVALID);
      requireState(r.deadlineAt > now, () => E.DEADLINE_PASSED({ deadline: shanghaiDateTime(r.deadlineAt) }));
      return { status: 'open', publishedAt: now };
    },
  });
}

/** Names the jury. The round itself does not change (its version stays): only who judges it. */
export async function setJurors(ctx: AppContext, by: By, id: string, userIds: string[]): Promise<RoundDetail> {
  const { actor } = by;
  await ctx.db.transaction(async (tx) => {
    const r = await loadRound(tx, actor.districtId, id, true);
    requireState(r.scoringOpenedAt === null, S.setJurors.RULES_FROZEN);
    const unique = [...new Set(userIds)];
    const rows = await activeUsers(tx, actor.districtId, unique);
    const bad = unique.filter((u) => rows.find((x) => x.id === u)?.role !== 'juror');
    if (bad.length) throw E.JUROR_INVALID({ userIds: bad });
    await replaceJurors(
      tx,
      actor.districtId,
      r.id,
      rows.map((u) => ({ userId: u.id, name: u.displayName })),
    );
    await writeAudit(
      tx,
      actor,
      { action: 'purchase.round.jurors', entityType: 'purchase_round', entityId: id, detail: { userIds } },
      by.ip,
    );
  });
  return getRound(ctx, actor, id);
}

export async function openScoring(ctx: AppContext, by: By, id: string): Promise<RoundDetail> {
  return roundWrite(ctx, by, {
    id,
    action: 'open_scoring',
    apply: async (tx, r, now) => {
      requireState(r.status === 'open' || r.status === 'screening', S.openScoring.ROUND_STATE_INVALID);
      requireState(now >= r.deadlineAt, () =>
        S.openScoring.DEADLINE_NOT_REACHED({ deadline: shanghaiDateTime(r.deadlineAt) }),
      );
      const c = await scoringReadiness(tx, by.actor.districtId, r.id);
      requireState(c.unscreened === 0, () => E.SCREENING_INCOMPLETE({ count: c.unscreened }));
      requireState(c.passed > 0, E.NOTHING_TO_SCORE);
      requireState(
        c.jurors >= (r.dropHighLow ? 3 : 1),
        r.dropHighLow ? S.openScoring.JURY_TOO_SMALL : S.noJury.JURY_TOO_SMALL,
      );
      // From here on the rules are frozen: criteria, weights, drop-high-low, places, pass score, notice period.
      await remind(tx, by.actor.districtId, 'purchase.proposals_to_score', { roundId: r.id, title: r.title });
      return { status: 'scoring', scoringOpenedAt: now };
    },
  });
}

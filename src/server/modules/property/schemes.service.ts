import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { versionedUpdate } from '../../lib/versioned.js';
import type { Actor } from '../access/access.policy.js';
import { canAccess, requireAccess, scopeWhere } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import {
  SchemeBody,
  SchemePatch,
  type Scheme,
  type SchemeInput,
  type SchemeList,
  type SchemePatchInput,
} from '../../../shared/property-evaluations.schema.js';
import { VE } from './property.errors.js';
import * as repo from './evaluations.repository.js';
import { propertyEvaluationSchemes } from './property.tables.js';

/**
 * 物业服务评价方案: the district (its root) or a street sets the year's items with their weights (summing to
 * 100) and the residents' / branch's / owners' committee's shares of the total (summing to 100). The first
 * evaluation opened under a scheme freezes it, so every compound of the year is scored on the same rules.
 */

const SCHEME_UNIT_KINDS = new Set(['district', 'street', 'township']);

type Weights = Pick<
  ReturnType<typeof SchemePatch.parse>,
  'items' | 'residentsWeight' | 'branchWeight' | 'committeeWeight'
>;

/** Weights summing to 100 and distinct item names; anything else is refused before a row is written. */
export function assertWeights(w: Weights): void {
  const itemSum = w.items.reduce((sum, i) => sum + i.weight, 0);
  if (itemSum !== 100) throw VE.ITEM_WEIGHTS_NOT_100({ sum: itemSum });
  const partySum = w.residentsWeight + w.branchWeight + w.committeeWeight;
  if (partySum !== 100) throw VE.PARTY_WEIGHTS_NOT_100({ sum: partySum });
  const seen = new Set<string>();
  for (const i of w.items) {
    if (seen.has(i.name)) throw VE.ITEM_NAMES_REPEAT({ name: i.name });
    seen.add(i.name);
  }
}

function shape(actor: Actor, r: repo.SchemeRow): Scheme {
  const { orgPath, ...rest } = r;
  return { ...rest, canEdit: r.evaluations === 0 && canAccess(actor, 'evaluationScheme', { orgPath }, 'configure') };
}

export async function listSchemes(ctx: AppContext, actor: Actor): Promise<SchemeList> {
  const d = actor.districtId;
  const rows = await repo.listSchemes(ctx.db, d, scopeWhere(actor, 'evaluationScheme', repo.schemeScopeColumns));
  const own = await repo.findUnit(ctx.db, d, actor.orgUnitId);
  const configurable =
    own && SCHEME_UNIT_KINDS.has(own.kind) && canAccess(actor, 'evaluationScheme', { orgPath: own.path }, 'configure');
  return {
    items: rows.map((r) => shape(actor, r)),
    configurableUnits: configurable ? [{ id: own.id, name: own.name }] : [],
  };
}

export async function createScheme(ctx: AppContext, actor: Actor, body: SchemeInput, ip?: string): Promise<Scheme> {
  const input = SchemeBody.parse(body);
  const d = actor.districtId;
  const unit = await repo.findUnit(ctx.db, d, input.orgUnitId);
  if (!unit) throw VE.SCHEME_UNIT();
  requireAccess(actor, 'evaluationScheme', { orgPath: unit.path }, 'configure', { what: unit.name });
  if (!SCHEME_UNIT_KINDS.has(unit.kind)) throw VE.SCHEME_UNIT();
  assertWeights(input);
  if (await repo.schemeOfUnitYear(ctx.db, d, unit.id, input.year))
    throw VE.SCHEME_EXISTS({ unit: unit.name, year: input.year });
  const id = `EVS-${randomUUID()}`;
  await ctx.db.transaction(async (tx) => {
    await repo.insertScheme(tx, {
      districtId: d,
      id,
      orgUnitId: unit.id,
      orgPath: unit.path,
      year: input.year,
      items: input.items,
      residentsWeight: input.residentsWeight,
      branchWeight: input.branchWeight,
      committeeWeight: input.committeeWeight,
      bottomCount: input.bottomCount,
      scoreLine: input.scoreLine,
      createdBy: actor.userId,
    });
    await writeAudit(
      tx,
      actor,
      {
        action: 'property_evaluation_scheme.create',
        entityType: 'property_evaluation_scheme',
        entityId: id,
        detail: { orgUnitId: unit.id, year: input.year, items: input.items },
      },
      ip,
    );
  });
  return shape(actor, (await repo.findScheme(ctx.db, d, id))!);
}

export async function updateScheme(
  ctx: AppContext,
  actor: Actor,
  w: { id: string; body: SchemePatchInput; ip?: string },
): Promise<Scheme> {
  const input = SchemePatch.parse(w.body);
  const d = actor.districtId;
  await versionedUpdate(ctx.db, {
    table: propertyEvaluationSchemes,
    id: w.id,
    actor,
    ip: w.ip,
    expectedVersion: input.version,
    conflict: () => VE.SCHEME_CHANGED(),
    load: async (tx) => {
      const row = await repo.lockScheme(tx, d, w.id);
      if (!row) throw VE.SCHEME_NOT_FOUND();
      requireAccess(actor, 'evaluationScheme', row, 'configure');
      return row;
    },
    apply: async (_tx, row) => {
      if (row.evaluations > 0) throw VE.SCHEME_FROZEN({ year: row.year, n: row.evaluations });
      assertWeights(input);
      const { version: _v, ...set } = input;
      return {
        set,
        audit: {
          action: 'property_evaluation_scheme.update',
          entityType: 'property_evaluation_scheme',
          entityId: row.id,
          detail: { items: input.items, before: row.items },
        },
      };
    },
  });
  return shape(actor, (await repo.findScheme(ctx.db, d, w.id))!);
}

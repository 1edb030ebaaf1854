import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/client.js';
import { prefixPattern } from '../../lib/like.js';
import { versionedUpdate } from '../../lib/versioned.js';
import { SITE_LEVEL_LABELS, type SiteLevel, type SiteSubject } from '../../../shared/party-programmes.constants.js';
import type { Site } from '../../../shared/party-programmes.schema.js';
import { can, type Actor } from '../access/access.policy.js';
import { canAccess, requireAccess } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import { programmeErrors as E } from './programmes.errors.js';
import { currentYear, scopeUnit } from './programmes.service.js';
import { partyDemonstrationSites } from './programmes.tables.js';
import * as orgs from './repository/orgs.repository.js';
import * as repo from './repository/programmes.repository.js';

/**
 * 党建示范点: a party organisation (示范党支部), a compound or community, or a station designated at the
 * district, city or province level in a year — once per subject and year while not revoked (a unique
 * index backs the check). Designating and revoking are for the staff above the subject, each one
 * transaction with its audit row; revoking checks the version the caller saw.
 */
const isUniqueViolation = (e: unknown) =>
  ((e as { cause?: { code?: string } }).cause?.code ?? (e as { code?: string }).code) === '23505';

function toSite(actor: Actor, s: repo.SiteRow, unitName: string): Site {
  return {
    id: s.id,
    subjectKind: s.subjectKind,
    subjectId: s.subjectId,
    name: s.name,
    orgUnitId: s.orgUnitId,
    unitName,
    level: s.level,
    year: s.year,
    programmeId: s.programmeId,
    note: s.note,
    revokedAt: s.revokedAt ? s.revokedAt.toISOString() : null,
    revokeReason: s.revokeReason,
    version: s.version,
    canRevoke:
      !s.revokedAt && can(actor, 'party.manage') && canAccess(actor, 'orgUnit', { orgPath: s.orgPath }, 'write'),
  };
}

export async function listSites(
  ctx: AppContext,
  actor: Actor,
  q: { year?: number; unitId?: string; includeRevoked?: 'true' | 'false' },
): Promise<Site[]> {
  const unit = await scopeUnit(ctx, actor, q.unitId);
  const rows = await repo.sitesIn(ctx.db, {
    districtId: actor.districtId,
    like: prefixPattern(unit.path),
    year: q.year,
    includeRevoked: q.includeRevoked === 'true',
  });
  return rows.map((r) => toSite(actor, r.site, r.unitName));
}

interface Subject {
  name: string;
  orgUnitId: string;
  orgPath: string;
  partyOrgId: string | null;
  stationId: string | null;
}

async function resolveSubject(tx: Tx, actor: Actor, kind: SiteSubject, id: string): Promise<Subject> {
  const d = actor.districtId;
  if (kind === 'org_unit') {
    const u = await orgs.unitById(tx, d, id);
    if (!u) throw E.SITE_SUBJECT_NOT_FOUND();
    if (u.kind === 'district') throw E.SITE_SUBJECT_UNSUITABLE();
    return { name: u.name, orgUnitId: u.id, orgPath: u.path, partyOrgId: null, stationId: null };
  }
  if (kind === 'station') {
    const s = await orgs.stationById(tx, d, id);
    if (!s) throw E.SITE_SUBJECT_NOT_FOUND();
    return { name: s.name, orgUnitId: s.orgUnitId, orgPath: s.orgPath, partyOrgId: null, stationId: s.id };
  }
  const o = await orgs.loadOrg(tx, d, id);
  if (!o) throw E.SITE_SUBJECT_NOT_FOUND();
  if (o.status !== 'active' || o.kind === 'district_committee') throw E.SITE_SUBJECT_UNSUITABLE();
  return { name: o.name, orgUnitId: o.orgUnitId, orgPath: o.orgPath, partyOrgId: o.id, stationId: null };
}

export interface DesignateInput {
  subjectKind: SiteSubject;
  subjectId: string;
  level: SiteLevel;
  year: number;
  programmeId?: string;
  note: string;
}

/** 命名党建示范点. Without a programme it counts towards the year's 小区党建示范工程 when there is one. */
export async function designateSite(ctx: AppContext, actor: Actor, input: DesignateInput, ip?: string): Promise<Site> {
  if (input.year > currentYear()) throw E.SITE_YEAR_FUTURE();
  const d = actor.districtId;
  const id = randomUUID();
  try {
    await ctx.db.transaction(async (tx) => {
      const s = await resolveSubject(tx, actor, input.subjectKind, input.subjectId);
      requireAccess(actor, 'orgUnit', { orgPath: s.orgPath }, 'write', { what: `“${s.name}”` });
      let programmeId: string | null = null;
      if (input.programmeId) {
        const p = await repo.loadProgramme(tx, d, input.programmeId);
        if (!p) throw E.PROGRAMME_NOT_FOUND();
        if (p.year !== input.year) throw E.SITE_PROGRAMME_MISMATCH({ year: input.year });
        programmeId = p.id;
      } else {
        programmeId =
          (await repo.programmesOfYear(tx, d, input.year)).find((p) => p.key === 'demonstration')?.id ?? null;
      }
      const taken = await repo.activeSiteOf(tx, {
        districtId: d,
        kind: input.subjectKind,
        id: input.subjectId,
        year: input.year,
      });
      if (taken) throw already(s.name, input.year, taken.level);
      await repo.insertSite(tx, {
        districtId: d,
        id,
        subjectKind: input.subjectKind,
        subjectId: input.subjectId,
        name: s.name,
        orgUnitId: s.orgUnitId,
        orgPath: s.orgPath,
        partyOrgId: s.partyOrgId,
        stationId: s.stationId,
        level: input.level,
        year: input.year,
        programmeId,
        note: input.note,
        designatedBy: actor.userId,
      });
      const detail = {
        subjectKind: input.subjectKind,
        subjectId: input.subjectId,
        level: input.level,
        year: input.year,
      };
      await writeAudit(
        tx,
        actor,
        { action: 'party_site.designate', entityType: 'party_site', entityId: id, detail },
        ip,
      );
    });
  } catch (e) {
    // two designations of the same subject and year racing past the check: the unique index refuses the second
    if (isUniqueViolation(e)) throw already(input.subjectId, input.year, input.level);
    throw e;
  }
  return readSite(ctx, actor, id);
}

const already = (name: string, year: number, level: SiteLevel) =>
  E.SITE_ALREADY_DESIGNATED({ name, year, level: SITE_LEVEL_LABELS[level] });

async function readSite(ctx: AppContext, actor: Actor, id: string): Promise<Site> {
  const s = await repo.loadSite(ctx.db, actor.districtId, id);
  if (!s) throw E.SITE_NOT_FOUND();
  requireAccess(actor, 'orgUnit', { orgPath: s.orgPath });
  const u = await orgs.unitById(ctx.db, actor.districtId, s.orgUnitId);
  return toSite(actor, s, u?.name ?? '');
}

/** 撤销命名: the site stays in the ledger with the date, the person and the reason. */
export async function revokeSite(
  ctx: AppContext,
  actor: Actor,
  input: { id: string; reason: string; version: number },
  ip?: string,
): Promise<Site> {
  await versionedUpdate(ctx.db, {
    table: partyDemonstrationSites,
    id: input.id,
    actor,
    ip,
    expectedVersion: input.version,
    conflict: () => E.SITE_CHANGED(),
    load: async (tx) => {
      const s = await repo.loadSite(tx, actor.districtId, input.id, true);
      if (!s) throw E.SITE_NOT_FOUND();
      requireAccess(actor, 'orgUnit', { orgPath: s.orgPath }, 'write', { what: `“${s.name}”` });
      if (s.revokedAt) throw E.SITE_REVOKED();
      return s;
    },
    apply: async (_tx, s, now) => ({
      set: { revokedAt: now, revokedBy: actor.userId, revokeReason: input.reason },
      audit: {
        action: 'party_site.revoke',
        entityType: 'party_site',
        entityId: s.id,
        detail: { reason: input.reason, level: s.level, year: s.year },
      },
    }),
  });
  return readSite(ctx, actor, input.id);
}

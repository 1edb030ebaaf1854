import type { AppContext } from '../../context.js';
import { versionedUpdate } from '../../lib/versioned.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess, scopeWhere } from '../access/access.records.js';
import { writeAudit } from '../audit/audit.service.js';
import { creditCodeCheckChar, isValidCreditCode } from '../../../shared/property.constants.js';
import type {
  Company,
  CompanyDetail,
  CompanyInput,
  CompanyList,
  CompanyPatch,
} from '../../../shared/property.schema.js';
import { E } from './property.errors.js';
import * as repo from './property.repository.js';
import { propertyCompanies } from './property.tables.js';

/** The register of property companies (物业服务企业): registering, correcting, and one company with its contracts. */

/** Refuses a code that is not an 18-character 统一社会信用代码 with its check character (GB 32100-2015). */
export function assertCreditCode(code: string): void {
  if (isValidCreditCode(code)) return;
  const expected = code.length >= 17 ? (creditCodeCheckChar(code.slice(0, 17)) ?? '?') : '?';
  throw E.CREDIT_CODE_INVALID({ code, expected });
}

export async function listCompanies(ctx: AppContext, actor: Actor, q?: string): Promise<CompanyList> {
  const scope = scopeWhere(actor, 'propertyCompany', repo.companyScopeColumns);
  const items = await repo.listCompanies(ctx.db, actor.districtId, scope, q);
  return { items, total: items.length };
}

async function companyFor(ctx: AppContext, actor: Actor, id: string): Promise<Company> {
  const company = await repo.findCompany(ctx.db, actor.districtId, id);
  if (!company) throw E.COMPANY_NOT_FOUND();
  requireAccess(actor, 'propertyCompany', { companyId: company.id });
  return company;
}

export async function getCompany(ctx: AppContext, actor: Actor, id: string): Promise<CompanyDetail> {
  const company = await companyFor(ctx, actor, id);
  const scope = scopeWhere(actor, 'propertyContract', repo.contractColumnsForScope);
  const contracts = await repo.listContracts(ctx.db, actor.districtId, [repo.contractOfCompany(id), scope]);
  return { company, contracts };
}

export async function createCompany(ctx: AppContext, actor: Actor, input: CompanyInput, ip?: string): Promise<Company> {
  requireAccess(actor, 'propertyCompany', { companyId: '' }, 'write');
  const creditCode = input.creditCode.replace(/\s+/g, '').toUpperCase();
  assertCreditCode(creditCode);
  const d = actor.districtId;
  const taken = await repo.companyByCreditCode(ctx.db, d, creditCode);
  if (taken) throw E.CREDIT_CODE_TAKEN({ code: creditCode, name: taken.name });
  if (await repo.workUnitByName(ctx.db, d, input.name)) throw E.COMPANY_NAME_TAKEN({ name: input.name });
  const id = `PC-${creditCode}`;
  const row = {
    districtId: d,
    id,
    name: input.name,
    creditCode,
    qualification: input.qualification ?? 'none',
    contactName: input.contactName ?? null,
    contactPhone: input.contactPhone ?? null,
    address: input.address ?? null,
  };
  await ctx.db.transaction(async (tx) => {
    await repo.insertCompany(tx, row);
    await writeAudit(
      tx,
      actor,
      {
        action: 'property_company.create',
        entityType: 'property_company',
        entityId: id,
        detail: { name: row.name, creditCode },
      },
      ip,
    );
  });
  return (await repo.findCompany(ctx.db, d, id))!;
}

export async function updateCompany(
  ctx: AppContext,
  actor: Actor,
  change: { id: string; patch: CompanyPatch; ip?: string },
): Promise<Company> {
  const before = await companyFor(ctx, actor, change.id);
  requireAccess(actor, 'propertyCompany', { companyId: before.id }, 'write');
  const { version, ...patch } = change.patch;
  if (patch.creditCode !== undefined) {
    patch.creditCode = patch.creditCode.replace(/\s+/g, '').toUpperCase();
    assertCreditCode(patch.creditCode);
    const taken = await repo.companyByCreditCode(ctx.db, actor.districtId, patch.creditCode);
    if (taken && taken.id !== before.id) throw E.CREDIT_CODE_TAKEN({ code: patch.creditCode, name: taken.name });
  }
  if (patch.name !== undefined && patch.name !== before.name) {
    if (await repo.workUnitByName(ctx.db, actor.districtId, patch.name))
      throw E.COMPANY_NAME_TAKEN({ name: patch.name });
  }
  await versionedUpdate(ctx.db, {
    table: propertyCompanies,
    id: before.id,
    actor,
    ip: change.ip,
    expectedVersion: version,
    load: async (tx) => {
      const row = await repo.lockCompany(tx, actor.districtId, before.id);
      if (!row) throw E.COMPANY_NOT_FOUND();
      return row;
    },
    conflict: () => E.COMPANY_CHANGED(),
    apply: async (tx, row) => {
      if (patch.name !== undefined && patch.name !== row.name) {
        await repo.renameWorkUnit(tx, actor.districtId, row.id, patch.name);
        await repo.renameCompoundsOf(tx, actor.districtId, row.id, patch.name);
      }
      return {
        set: patch,
        audit: { action: 'property_company.update', entityType: 'property_company', entityId: row.id, detail: patch },
      };
    },
  });
  return (await repo.findCompany(ctx.db, actor.districtId, before.id))!;
}

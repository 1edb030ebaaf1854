import { sql, type SQL } from 'drizzle-orm';
import { can } from './access.policy.js';
import { everyRole, subtree, wholeDistrict, type KindRule, type Scope } from './access.rule.js';
import { inSubtree, subtreeSql } from './access.scope.js';

/**
 * 物业. The register of property companies is the district's (any role with property.read sees it); a
 * property company sees its own entry only. A service contract belongs to its compound: staff reach the
 * contracts of their subtree, a property company its own contracts (current and ended) and nothing else.
 */
export interface CompanyRecord {
  companyId: string;
}
export interface CompanyColumns {
  companyId: SQL;
}
const ownCompany: Scope<CompanyRecord, CompanyColumns> = {
  test: (a, r) => a.workUnitId !== null && r.companyId === a.workUnitId,
  where: (a, c) => sql`${c.companyId} = ${a.workUnitId ?? ''}`,
};
export const propertyCompanyRule: KindRule<CompanyRecord, CompanyColumns, 'read' | 'write'> = {
  what: '该物业服务企业',
  read: { ...everyRole<CompanyRecord, CompanyColumns>(wholeDistrict), property_company: ownCompany },
  // the register is kept by the district, street and community staff who hold property.manage
  actions: { write: { test: (a) => can(a, 'property.manage') && a.role !== 'property_company' } },
};

export interface ContractRecord {
  orgPath: string;
  companyId: string | null;
}
export interface ContractColumns {
  orgPath: SQL;
  companyId: SQL;
}
const contractSubtree: Scope<ContractRecord, ContractColumns> = {
  test: (a, r) => inSubtree(a, r.orgPath),
  where: (a, c) => subtreeSql(a, c.orgPath),
};
const ownContracts: Scope<ContractRecord, ContractColumns> = {
  test: (a, r) => a.workUnitId !== null && r.companyId === a.workUnitId,
  where: (a, c) => sql`${c.companyId} = ${a.workUnitId ?? ''}`,
};
export const propertyContractRule: KindRule<ContractRecord, ContractColumns, 'read' | 'write'> = {
  what: '该小区的物业服务合同',
  read: { ...everyRole(contractSubtree), property_company: ownContracts },
  actions: {
    write: {
      test: (a, r) => can(a, 'property.manage') && a.role !== 'property_company' && subtree.test(a, r),
      where: (a, c) => subtreeSql(a, c.orgPath),
    },
  },
};

import { sql, type SQL } from 'drizzle-orm';
import { can } from './access.policy.js';
import {
  everyRole,
  reach,
  subtree,
  wholeDistrict,
  type KindRule,
  type PathColumns,
  type PathRecord,
  type Scope,
} from './access.rule.js';
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

/**
 * 公示三专栏. A notice belongs to its compound: staff read those of their subtree, a property company its
 * own (whichever compound). Only the company serving the compound submits; the compound's branch or the
 * community (for the owners' committee) reviews, within its subtree. The public page needs no rule: it
 * shows published notices only, without any person.
 */
export interface PublicationRecord {
  orgPath: string;
  companyId: string;
}
export interface PublicationColumns {
  orgPath: SQL;
  companyId: SQL;
}
const publicationSubtree: Scope<PublicationRecord, PublicationColumns> = {
  test: (a, r) => inSubtree(a, r.orgPath),
  where: (a, c) => subtreeSql(a, c.orgPath),
};
const ownPublications: Scope<PublicationRecord, PublicationColumns> = {
  test: (a, r) => a.workUnitId !== null && r.companyId === a.workUnitId,
  where: (a, c) => sql`${c.companyId} = ${a.workUnitId ?? ''}`,
};
export const propertyPublicationRule: KindRule<PublicationRecord, PublicationColumns, 'read' | 'submit' | 'review'> = {
  what: '该小区的物业公示',
  read: { ...everyRole(publicationSubtree), property_company: ownPublications },
  actions: {
    submit: { test: (a, r) => can(a, 'property.publish') && ownPublications.test(a, r) },
    review: { test: (a, r) => can(a, 'property.review') && a.role !== 'property_company' && inSubtree(a, r.orgPath) },
  },
};

// ── evaluation ──
/**
 * 物业服务评价方案: the year's items and weights of the district or a street. Anyone placed on the tree reads
 * the schemes of its line (its own subtree and the units above it), a property company all of them; the district or street staff holding
 * property.evaluation.configure set the schemes of their own subtree.
 */
export const evaluationSchemeRule: KindRule<PathRecord, PathColumns, 'read' | 'configure'> = {
  what: '该评价方案',
  // the company is not on the tree; it may know the items it is scored on
  read: { ...everyRole(reach), property_company: wholeDistrict },
  actions: {
    configure: {
      test: (a, r) => can(a, 'property.evaluation.configure') && subtree.test(a, r),
      where: (a, c) => subtree.where(a, c),
    },
  },
};

/**
 * 物业服务评价: an evaluation belongs to its compound. Staff read those of their subtree; a property company
 * its own (the service shows it published ones only, and never a resident's answer). The compound's branch
 * and the community (for the owners' committee) holding property.evaluate run it within their subtree.
 */
export interface EvaluationRecord {
  orgPath: string;
  companyId: string;
}
export interface EvaluationColumns {
  orgPath: SQL;
  companyId: SQL;
}
const evaluationSubtree: Scope<EvaluationRecord, EvaluationColumns> = {
  test: (a, r) => inSubtree(a, r.orgPath),
  where: (a, c) => subtreeSql(a, c.orgPath),
};
const ownEvaluations: Scope<EvaluationRecord, EvaluationColumns> = {
  test: (a, r) => a.workUnitId !== null && r.companyId === a.workUnitId,
  where: (a, c) => sql`${c.companyId} = ${a.workUnitId ?? ''}`,
};
export const propertyEvaluationRule: KindRule<EvaluationRecord, EvaluationColumns, 'read' | 'manage'> = {
  what: '该小区的物业服务评价',
  read: { ...everyRole(evaluationSubtree), property_company: ownEvaluations },
  actions: {
    manage: {
      test: (a, r) => can(a, 'property.evaluate') && a.role !== 'property_company' && inSubtree(a, r.orgPath),
    },
  },
};

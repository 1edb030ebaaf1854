/**
 * Case management for children in difficulty, one operation family per file:
 * categories.service.ts (difficulty categories, visit schedule), case-reads.service.ts (lists, file, tasks),
 * cases.service.ts (open, change, assign), visits.service.ts (services, home visits, consents), materials.service.ts (个案材料),
 * referrals.service.ts, closure.service.ts (close, reopen), stations.service.ts, sweep.service.ts (overdue
 * escalation), minor-protection.reports.ts (counts, .xlsx ledger). Every write is one transaction with its
 * timeline event and audit row (case-write.ts); queries are in repository/.
 */
export { listCategories, upsertCategory, visitIntervalDays } from './categories.service.js';
export { getCase, getTasks, listCases } from './case-reads.service.js';
export { assignWorker, createCase, updateCase } from './cases.service.js';
export { addCaseMaterials } from './materials.service.js';
export { decideClosure, reopenCase, requestClosure } from './closure.service.js';
export {
  acknowledgeReferral,
  createReferral,
  listReferralInbox,
  listReferralReceivers,
  reportReferral,
} from './referrals.service.js';
export { sweepMinorOverdue } from './sweep.service.js';
export { recordConsent, recordService } from './visits.service.js';

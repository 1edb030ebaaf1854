import { sql, type SQL } from 'drizzle-orm';
import { can, type Actor, type Role } from './access.policy.js';
import { everyRole, type KindRule, type PathRecord, type Scope } from './access.rule.js';
import { minorCaseRule, type CaseRecord } from './minor-protection.access.js';
import { meetingRule, orgUnitRule, type PartyOrgRecord } from './org.access.js';
import { branchLifeRule } from './party-life.access.js';
import { patrolRule, type PatrolRecord } from './patrols.access.js';
import { workOrderRule, type WorkOrderRecord } from './work-orders.access.js';
import { E as attachmentErrors } from '../attachments/attachments.errors.js';

/**
 * 附件. A file is read by its uploader, and — once linked — by whoever may read the record it belongs to,
 * decided by that record's own rule: a work order's file by the order's readers (staff of its subtree, the
 * department through its leg, the reporting resident); a meeting's by the meeting's readers (meetings.read);
 * a patrol's by the patrol's readers (patrols.access.ts); a child's case file ONLY by those who may see the child's
 * identity (assigned social worker, station head of the street, the city centre) — its uploader included. Everyone
 * else gets 404.
 */
export type AttachmentLink =
  | { kind: 'work_order'; record: WorkOrderRecord }
  | { kind: 'meeting'; record: PathRecord }
  | { kind: 'patrol'; record: PatrolRecord }
  | { kind: 'minor_case'; record: CaseRecord }
  // ── party-life ── 组织生活 minutes and working-systems evidence: the branch's life readers
  | { kind: 'party_activity' | 'party_check'; record: PartyOrgRecord }
  // 六大工程 progress evidence: whoever reads party records of the reporting unit
  | { kind: 'party_programme'; record: PathRecord };
export interface AttachmentRecord {
  ownerUserId: string;
  /** null while not linked (or the linked record is gone). */
  link: AttachmentLink | null;
}
export interface AttachmentColumns {
  ownerUserId: SQL;
}

function linkedReadable(a: Actor, link: AttachmentLink): boolean {
  switch (link.kind) {
    case 'work_order':
      return can(a, 'orders.read') && workOrderRule.read[a.role].test(a, link.record);
    case 'patrol':
      return can(a, 'patrols.read') && patrolRule.read[a.role].test(a, link.record);
    case 'meeting':
      return can(a, 'meetings.read') && meetingRule.read[a.role].test(a, link.record);
    case 'minor_case':
      return minorCaseRule.read[a.role].test(a, link.record) && minorCaseRule.actions.identity.test(a, link.record);
    case 'party_activity':
    case 'party_check':
      return can(a, 'party.life.read') && branchLifeRule.read[a.role].test(a, link.record);
    case 'party_programme':
      return can(a, 'party.read') && orgUnitRule.read[a.role].test(a, link.record);
  }
}

const ownerOrReader: Scope<AttachmentRecord, AttachmentColumns> = {
  // a child's material, once in the case file, is the file's: its uploader reads it only while they may read the child's
  // identity (a social worker taken off the case loses the photos they took)
  test: (a, r) =>
    r.link?.kind === 'minor_case'
      ? linkedReadable(a, r.link)
      : r.ownerUserId === a.userId || (r.link !== null && linkedReadable(a, r.link)),
  // lists of files are per record (the record's own read decides); the only list by itself is "my uploads"
  where: (a, c) => sql`${c.ownerUserId} = ${a.userId}`,
};

export const attachmentRule: KindRule<AttachmentRecord, AttachmentColumns, 'read'> = {
  what: '该附件',
  // a property company too: its own uploads, and the files of the orders it may read (its legs)
  read: { ...everyRole(ownerOrReader), property_company: ownerOrReader } as Record<
    Role,
    Scope<AttachmentRecord, AttachmentColumns>
  >,
  hidden: () => attachmentErrors.ATTACHMENT_NOT_FOUND(),
  actions: {},
};

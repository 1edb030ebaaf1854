import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql, type SQL } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { createTestEnv, login, type TestEnv } from '../../testing/harness.js';
import { authenticate } from '../auth/auth.service.js';
import { abilitiesOf, ROLES, type Actor, type Role } from './access.policy.js';
import {
  canAccess,
  KINDS,
  requireAccess,
  RULES,
  scopeWhere,
  type ColumnsOf,
  type Kind,
  type RecordOf,
} from './access.records.js';

/**
 * The one access layer, per record kind and per role. READ is the decision table: for every role and
 * every record kind, which records the role reaches. It is typed Record<Role, Record<Kind, …>>, so a
 * role or a kind added without deciding its rules does not compile, and the tests below prove each
 * decision on synthetic records (allowed and denied) and on the demo data (list ⇔ single read).
 *
 * - subtree: records in the actor's bound subtree;   reach: subtree or the line above it;
 * - all: every record of the district;                none: no record;
 * - published: everything but drafts (rounds);
 * - own: the role's own relation decides (a department's work unit or legs, a resident's own reports or
 *   sign-ups, an organisation's own proposals, a juror's rounds, a social worker's … — see SPECIAL).
 */
type Reach = 'subtree' | 'reach' | 'all' | 'none' | 'own' | 'published' | 'assigned';
type Row = Record<Kind, Reach>;

const STAFF: Row = {
  orgUnit: 'subtree',
  building: 'subtree',
  household: 'subtree',
  person: 'subtree',
  account: 'subtree',
  meeting: 'subtree',
  partyOrg: 'subtree',
  partyMember: 'subtree',
  reportingUnit: 'subtree',
  workOrder: 'subtree',
  leg: 'subtree',
  minorCase: 'subtree',
  referral: 'none',
  minorStation: 'reach',
  round: 'published',
  need: 'subtree',
  proposal: 'subtree',
  contract: 'subtree',
  activity: 'reach',
  signup: 'all',
  team: 'reach',
  station: 'reach',
  canteen: 'reach',
  compoundReport: 'subtree',
  serviceRecord: 'subtree',
  pointsAccount: 'subtree',
  reportingSummary: 'subtree',
  task: 'subtree',
  // a file by itself is its uploader's; linked, the linked record's rule decides (tested below)
  attachment: 'own',
  appeal: 'subtree',
  callback: 'subtree',
  propertyCompany: 'all',
  propertyContract: 'subtree',
  // ── consult ──
  consultation: 'reach',
  // ── topics ── (治理课题 live at the district root: staff read them from below)
  topic: 'reach',
  // ── property ──
  propertyPublication: 'subtree',
  // ── catalogue ──
  catalogue: 'all',
  // ── party-life ── (a joint branch also from each compound it covers, like partyOrg)
  branchLife: 'subtree',
  // ── visits ──
  visitCampaign: 'reach',
  visit: 'subtree',
  // ── patrols ──
  patrol: 'subtree',
  // ── whistles ──
  whistle: 'subtree',
  // ── evaluation ── (schemes are set by the district or a street: read from below)
  evaluationScheme: 'reach',
  propertyEvaluation: 'subtree',
  // ── proposals ── (居民提议: the compound's residents and the staff above it)
  residentProposal: 'subtree',
};
/** Appeals and callbacks are the assessed units' staff's business (a department: its own appeals). */
const NO_ASSESSMENT: Partial<Row> = { appeal: 'none', callback: 'none', topic: 'none' };
const NO_ORDERS: Partial<Row> = { workOrder: 'none', leg: 'none' };
const NO_CASES: Partial<Row> = { minorCase: 'none' };

export const READ: Record<Role, Row> = {
  district_admin: { ...STAFF, round: 'all' },
  street_staff: STAFF,
  community_worker: STAFF,
  grid_worker: { ...STAFF, ...NO_CASES, ...NO_ASSESSMENT },
  branch_secretary: { ...STAFF, ...NO_CASES, ...NO_ASSESSMENT },
  department_staff: {
    ...STAFF,
    ...NO_CASES,
    workOrder: 'own',
    leg: 'own',
    referral: 'own',
    reportingUnit: 'all',
    compoundReport: 'own',
    serviceRecord: 'own',
    pointsAccount: 'own',
    reportingSummary: 'all',
    appeal: 'own',
    callback: 'none',
    topic: 'none',
  },
  // a social worker reads only the children's files assigned to them, and only in their subtree
  social_worker: { ...STAFF, ...NO_ORDERS, ...NO_ASSESSMENT, referral: 'own', minorCase: 'assigned' },
  social_org: {
    ...STAFF,
    ...NO_ORDERS,
    ...NO_CASES,
    ...NO_ASSESSMENT,
    referral: 'own',
    need: 'all',
    proposal: 'own',
    contract: 'own',
  },
  resident: { ...STAFF, ...NO_CASES, ...NO_ASSESSMENT, workOrder: 'own', leg: 'none', signup: 'own' },
  minor_station_head: { ...STAFF, ...NO_ORDERS, ...NO_ASSESSMENT, referral: 'own' },
  minor_centre: { ...STAFF, ...NO_ORDERS, ...NO_ASSESSMENT },
  purchase_agent: { ...STAFF, ...NO_ORDERS, ...NO_CASES, ...NO_ASSESSMENT, round: 'all' },
  juror: { ...STAFF, ...NO_ORDERS, ...NO_CASES, ...NO_ASSESSMENT, need: 'all', proposal: 'own' },
  // a property company is not on the tree: only its legs, the orders they belong to, its own register entry and contracts
  property_company: {
    ...(Object.fromEntries(Object.keys(STAFF).map((k) => [k, 'none'])) as Row),
    round: 'published',
    workOrder: 'own',
    leg: 'own',
    propertyCompany: 'own',
    propertyContract: 'own',
    // ── property ──
    propertyPublication: 'own',
    // ── evaluation ── (its own evaluations; the service shows it the published ones only)
    evaluationScheme: 'all',
    propertyEvaluation: 'own',
  },
};
// ── proposals ── 居民提议 are the compound's residents' and its staff's, not a department's or an organisation's
for (const role of ROLES)
  if (
    !['district_admin', 'street_staff', 'community_worker', 'grid_worker', 'branch_secretary', 'resident'].includes(
      role,
    )
  )
    READ[role] = { ...READ[role], residentProposal: 'none' };
// ── catalogue ── 派单目录 is read by the district, street, community and department staff only
for (const role of ROLES)
  if (!['district_admin', 'street_staff', 'community_worker', 'department_staff'].includes(role))
    READ[role] = { ...READ[role], catalogue: 'none' };
// ── party-life ── 组织生活 is read by the branch's secretary and the community, street and district staff only
for (const role of ROLES)
  if (!['district_admin', 'street_staff', 'community_worker', 'branch_secretary'].includes(role))
    READ[role] = { ...READ[role], branchLife: 'none' };
// ── visits ── 走访慰问 is for the district, street and community staff and the compound's party branch only
for (const role of ROLES)
  READ[role] = ['district_admin', 'street_staff', 'community_worker', 'branch_secretary'].includes(role)
    ? { ...READ[role], visitCampaign: 'reach', visit: 'subtree' }
    : { ...READ[role], visitCampaign: 'none', visit: 'none' };
// ── patrols ── 网格巡查 are read by the grid worker, community, street and district in their subtree, nobody else
const PATROL_READERS: readonly Role[] = ['district_admin', 'street_staff', 'community_worker', 'grid_worker'];
for (const role of ROLES) READ[role] = { ...READ[role], patrol: PATROL_READERS.includes(role) ? 'subtree' : 'none' };
// ── whistles ── 吹哨报到: the district all, street and community their area, a department the whistles summoning it
for (const role of ROLES)
  READ[role] = {
    ...READ[role],
    whistle:
      role === 'district_admin'
        ? 'all'
        : role === 'street_staff' || role === 'community_worker'
          ? 'subtree'
          : role === 'department_staff'
            ? 'own'
            : 'none',
  };

// ───────────── synthetic records: one actor bound at D/S1/C1/, records around it ─────────────

const BOUND = 'D/S1/C1/';
const AT = { inside: 'D/S1/C1/X1/', sibling: 'D/S1/C2/X2/', above: 'D/S1/' } as const;

function actorOf(role: Role, scopePath = BOUND): Actor {
  return {
    userId: `u-${role}`,
    displayName: role,
    districtId: 'D',
    role,
    orgUnitId: 'C1',
    scopePath,
    personId: `p-${role}`,
    workUnitId: 'W1',
    abilities: abilitiesOf(role),
  };
}

/** A record of each kind at a path, with no relation to the actor (not theirs, not assigned, no leg of theirs). */
const SAMPLE: { [K in Kind]: (orgPath: string) => RecordOf<K> } = {
  orgUnit: (orgPath) => ({ orgPath }),
  building: (orgPath) => ({ orgPath }),
  household: (orgPath) => ({ orgPath }),
  person: (orgPath) => ({ orgPath }),
  account: (orgPath) => ({ orgPath }),
  meeting: (orgPath) => ({ orgPath }),
  partyOrg: (orgPath) => ({ orgPath, compoundPaths: [] }),
  partyMember: (orgPath) => ({ orgPath }),
  reportingUnit: (orgPath) => ({ orgPath }),
  workOrder: (orgPath) => ({ orgPath, reporterUserId: 'someone', legWorkUnitIds: ['W9'] }),
  leg: (orgPath) => ({ orgPath, handlerKind: 'community', workUnitId: null, status: 'open' }),
  minorCase: (orgPath) => ({ orgPath, workerUserId: 'another-worker', status: 'open' }),
  referral: (orgPath) => ({
    receiverKind: 'organisation',
    workUnitId: null,
    receiverUserId: 'another-org',
    case: { orgPath, workerUserId: 'another-worker', status: 'open' },
  }),
  minorStation: (orgPath) => ({ orgPath }),
  round: () => ({ status: 'draft' }),
  need: (orgPath) => ({ orgPath }),
  proposal: (orgPath) => ({
    targetPaths: [orgPath],
    screening: 'pass',
    status: 'submitted',
    orgAccountUserId: 'other-org',
    jurorUserIds: ['other-juror'],
  }),
  contract: (orgPath) => ({ orgPath, buyerName: '某街道', targetPaths: [orgPath], orgAccountUserId: 'other-org' }),
  activity: (orgPath) => ({ orgPath }),
  signup: () => ({ personId: 'p-other' }),
  team: (orgPath) => ({ orgPath }),
  station: (orgPath) => ({ orgPath }),
  canteen: (orgPath) => ({ orgPath }),
  compoundReport: (orgPath) => ({ orgPath, workUnitId: 'W9' }),
  serviceRecord: (orgPath) => ({ orgPath, workUnitId: 'W9' }),
  pointsAccount: (orgPath) => ({ orgPath, workUnitId: 'W9' }),
  reportingSummary: (orgPath) => ({ orgPath }),
  task: (orgPath) => ({ orgPath, claimantPaths: [] }),
  attachment: () => ({ ownerUserId: 'someone', link: null }),
  appeal: (orgPath) => ({ orgPath, workUnitId: 'W9', unitKind: 'community', reviewerRoles: ['district_admin'] }),
  callback: (orgPath) => ({ orgPath }),
  propertyCompany: () => ({ companyId: 'PC-other' }),
  propertyContract: (orgPath) => ({ orgPath, companyId: 'PC-other' }),
  // ── consult ──
  consultation: (orgPath) => ({ orgPath }),
  // ── topics ──
  topic: (orgPath) => ({ orgPath }),
  // ── property ──
  propertyPublication: (orgPath) => ({ orgPath, companyId: 'PC-other' }),
  // ── catalogue ──
  catalogue: (orgPath) => ({ orgPath }),
  // ── party-life ──
  branchLife: (orgPath) => ({ orgPath, compoundPaths: [] }),
  // ── visits ──
  visitCampaign: (orgPath) => ({ orgPath }),
  visit: (orgPath) => ({ orgPath }),
  // ── patrols ──
  patrol: (orgPath) => ({ orgPath, workerUserId: 'another-worker' }),
  // ── whistles ──
  whistle: (orgPath) => ({ orgPath, ownerPath: orgPath, ownerName: '某社区', departmentIds: ['W9'] }),
  // ── evaluation ──
  evaluationScheme: (orgPath) => ({ orgPath }),
  propertyEvaluation: (orgPath) => ({ orgPath, companyId: 'PC-other' }),
  // ── proposals ──
  residentProposal: (orgPath) => ({ orgPath }),
};
/** The same record made the actor's own (their leg, their report, their org, their round …). */
const OWN: { [K in Kind]?: (a: Actor, orgPath: string) => RecordOf<K> } = {
  workOrder: (a, orgPath) => ({ orgPath, reporterUserId: a.userId, legWorkUnitIds: [a.workUnitId] }),
  leg: (a, orgPath) => ({
    orgPath,
    handlerKind: a.role === 'property_company' ? 'property' : 'department',
    workUnitId: a.workUnitId,
    status: 'open',
  }),
  referral: (a, orgPath) =>
    a.role === 'department_staff'
      ? {
          receiverKind: 'department',
          workUnitId: a.workUnitId,
          receiverUserId: null,
          case: { orgPath, workerUserId: null, status: 'open' },
        }
      : {
          receiverKind: 'organisation',
          workUnitId: null,
          receiverUserId: a.userId,
          case: { orgPath, workerUserId: null, status: 'open' },
        },
  signup: (a) => ({ personId: a.personId! }),
  proposal: (a, orgPath) => ({
    targetPaths: [orgPath],
    screening: 'pass',
    status: 'submitted',
    orgAccountUserId: a.userId,
    jurorUserIds: [a.userId],
  }),
  contract: (a, orgPath) => ({ orgPath, buyerName: '某街道', targetPaths: [orgPath], orgAccountUserId: a.userId }),
  compoundReport: (a, orgPath) => ({ orgPath, workUnitId: a.workUnitId }),
  serviceRecord: (a, orgPath) => ({ orgPath, workUnitId: a.workUnitId }),
  pointsAccount: (a, orgPath) => ({ orgPath, workUnitId: a.workUnitId }),
  attachment: (a) => ({ ownerUserId: a.userId, link: null }),
  appeal: (a, orgPath) => ({ orgPath, workUnitId: a.workUnitId, unitKind: 'department', reviewerRoles: [] }),
  propertyCompany: (a) => ({ companyId: a.workUnitId! }),
  propertyContract: (a, orgPath) => ({ orgPath, companyId: a.workUnitId }),
  // ── property ──
  propertyPublication: (a, orgPath) => ({ orgPath, companyId: a.workUnitId! }),
  // ── whistles ──
  whistle: (a, orgPath) => ({ orgPath, ownerPath: orgPath, ownerName: '某社区', departmentIds: [a.workUnitId!] }),
  // ── evaluation ──
  propertyEvaluation: (a, orgPath) => ({ orgPath, companyId: a.workUnitId! }),
};

const expected = (reach: Reach, where: keyof typeof AT): boolean => {
  switch (reach) {
    case 'subtree':
      return where === 'inside';
    case 'reach':
      return where !== 'sibling';
    case 'all':
      return true;
    case 'none':
    case 'own':
    case 'published':
    case 'assigned':
      return false;
  }
};

function refusal(fn: () => void): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  assert.fail('expected a refusal');
}

describe('access layer: the rules (every role × every record kind)', () => {
  it('the decision table covers every role and every kind', () => {
    assert.deepEqual(Object.keys(READ).sort(), [...ROLES].sort());
    for (const role of ROLES) assert.deepEqual(Object.keys(READ[role]).sort(), [...KINDS].sort(), role);
    for (const kind of KINDS)
      assert.deepEqual(Object.keys(RULES[kind].read).sort(), [...ROLES].sort(), `rule ${kind} decides every role`);
  });

  for (const role of ROLES) {
    it(`${role}: reads exactly what the table says, single record and refusal alike`, () => {
      const a = actorOf(role);
      for (const kind of KINDS) {
        for (const where of Object.keys(AT) as (keyof typeof AT)[]) {
          // rounds have no path: a draft is seen only where the table says 'all'
          const allowed = kind === 'round' ? READ[role][kind] === 'all' : expected(READ[role][kind], where);
          const rec = SAMPLE[kind](AT[where]);
          assert.equal(canAccess(a, kind, rec), allowed, `${role} ${kind} ${where}`);
          if (allowed) assert.doesNotThrow(() => requireAccess(a, kind, rec));
          else {
            const e = refusal(() => requireAccess(a, kind, rec));
            const hidden = RULES[kind].hidden;
            assert.equal(e.kind, hidden ? 'not_found' : 'forbidden', `${role} ${kind} ${where}`);
            assert.equal(e.code, hidden ? hidden().code : 'SCOPE_FORBIDDEN');
            assert.match(e.message, hidden ? /找不到/ : /不在您的管辖范围内/);
          }
        }
        const own = OWN[kind];
        if (READ[role][kind] === 'own') {
          assert.ok(own, `${kind} has an own-record sample`);
          const mine = own(a, AT.sibling) as RecordOf<typeof kind>;
          assert.equal(canAccess(a, kind, mine), true, `${role} reaches its own ${kind}, wherever it is`);
        }
        if (READ[role][kind] === 'assigned' && kind === 'minorCase') {
          assert.equal(
            canAccess(a, 'minorCase', { orgPath: AT.inside, workerUserId: a.userId, status: 'open' }),
            true,
            `${role} reads a file assigned to it`,
          );
          assert.equal(
            canAccess(a, 'minorCase', { orgPath: AT.sibling, workerUserId: a.userId, status: 'open' }),
            false,
            `${role}: assigned but outside its subtree`,
          );
        }
      }
    });
  }

  it('published rounds are seen by everyone; drafts by those who run the call (others get 404 ROUND_NOT_FOUND)', () => {
    for (const role of ROLES) {
      assert.equal(canAccess(actorOf(role), 'round', { status: 'open' }), true, role);
      assert.equal(canAccess(actorOf(role), 'round', { status: 'draft' }), READ[role].round === 'all', role);
    }
  });
});

describe('access layer: attachments follow the record they are linked to', () => {
  for (const role of ROLES) {
    it(`${role}: a linked file is read exactly when the record is (a child's file: only with identity access)`, () => {
      const a = actorOf(role);
      for (const where of Object.keys(AT) as (keyof typeof AT)[]) {
        const order = SAMPLE.workOrder(AT[where]);
        const file = (link: RecordOf<'attachment'>['link']) => ({ ownerUserId: 'someone', link });
        assert.equal(
          canAccess(a, 'attachment', file({ kind: 'work_order', record: order })),
          canAccess(a, 'workOrder', order),
          `${role} order file ${where}`,
        );
        const mine = OWN.workOrder!(a, AT[where]);
        assert.equal(
          canAccess(a, 'attachment', file({ kind: 'work_order', record: mine })),
          canAccess(a, 'workOrder', mine),
          `${role} own order file ${where}`,
        );
        for (const workerUserId of ['another-worker', a.userId]) {
          const c = { orgPath: AT[where], workerUserId, status: 'open' };
          assert.equal(
            canAccess(a, 'attachment', file({ kind: 'minor_case', record: c })),
            canAccess(a, 'minorCase', c, 'identity'),
            `${role} case file ${where} ${workerUserId}`,
          );
          assert.equal(
            canAccess(a, 'attachment', { ownerUserId: a.userId, link: { kind: 'minor_case', record: c } }),
            canAccess(a, 'minorCase', c, 'identity'),
            `${role} its own upload in a case file ${where} ${workerUserId}: only with identity access`,
          );
        }
        for (const workerUserId of ['another-worker', a.userId]) {
          const patrol = { orgPath: AT[where], workerUserId };
          assert.equal(
            canAccess(a, 'attachment', file({ kind: 'patrol', record: patrol })),
            canAccess(a, 'patrol', patrol),
            `${role} patrol file ${where} ${workerUserId}`,
          );
        }
        const meeting = { orgPath: AT[where] };
        assert.equal(
          canAccess(a, 'attachment', file({ kind: 'meeting', record: meeting })),
          a.abilities.has('meetings.read') && canAccess(a, 'meeting', meeting),
          `${role} meeting file ${where}`,
        );
      }
      const e = refusal(() => requireAccess(a, 'attachment', { ownerUserId: 'someone', link: null }));
      assert.equal(e.code, 'ATTACHMENT_NOT_FOUND');
    });
  }
});

describe('access layer: actions', () => {
  const inside = (o: Partial<RecordOf<'minorCase'>> = {}) => ({
    orgPath: AT.inside,
    workerUserId: null,
    status: 'open',
    ...o,
  });

  /** The minor-protection identity rule: assigned social worker, station head of the street, city centre. */
  const CASE: Record<Role, { identity: boolean; work: boolean; approve: boolean; identityWhenAssigned: boolean }> = {
    district_admin: { identity: false, work: false, approve: false, identityWhenAssigned: false },
    street_staff: { identity: false, work: false, approve: false, identityWhenAssigned: false },
    community_worker: { identity: false, work: false, approve: false, identityWhenAssigned: false },
    grid_worker: { identity: false, work: false, approve: false, identityWhenAssigned: false },
    branch_secretary: { identity: false, work: false, approve: false, identityWhenAssigned: false },
    department_staff: { identity: false, work: false, approve: false, identityWhenAssigned: false },
    social_worker: { identity: false, work: false, approve: false, identityWhenAssigned: true },
    social_org: { identity: false, work: false, approve: false, identityWhenAssigned: false },
    resident: { identity: false, work: false, approve: false, identityWhenAssigned: false },
    minor_station_head: { identity: true, work: true, approve: true, identityWhenAssigned: true },
    minor_centre: { identity: true, work: false, approve: true, identityWhenAssigned: true },
    purchase_agent: { identity: false, work: false, approve: false, identityWhenAssigned: false },
    juror: { identity: false, work: false, approve: false, identityWhenAssigned: false },
    property_company: { identity: false, work: false, approve: false, identityWhenAssigned: false },
  };

  for (const role of ROLES) {
    it(`${role}: a child's file — identity, casework, approval`, () => {
      const a = actorOf(role);
      const want = CASE[role];
      assert.equal(canAccess(a, 'minorCase', inside(), 'identity'), want.identity);
      assert.equal(
        canAccess(a, 'minorCase', inside({ workerUserId: a.userId }), 'identity'),
        want.identityWhenAssigned,
      );
      assert.equal(
        canAccess(a, 'minorCase', inside({ workerUserId: a.userId }), 'work'),
        role === 'social_worker' || want.work,
      );
      assert.equal(canAccess(a, 'minorCase', inside(), 'approve'), want.approve);
      // nobody sees a child's identity outside their subtree
      assert.equal(
        canAccess(a, 'minorCase', { orgPath: AT.sibling, workerUserId: a.userId, status: 'open' }, 'identity'),
        false,
      );
    });
  }

  it("refusals of case actions: out of scope first, then the action's own code", () => {
    const sw = actorOf('social_worker');
    assert.equal(
      refusal(() =>
        requireAccess(sw, 'minorCase', { orgPath: AT.sibling, workerUserId: sw.userId, status: 'open' }, 'work'),
      ).code,
      'SCOPE_FORBIDDEN',
    );
    // another worker's file: not even readable for a social worker
    assert.equal(refusal(() => requireAccess(sw, 'minorCase', inside(), 'work')).code, 'SCOPE_FORBIDDEN');
    assert.equal(
      refusal(() => requireAccess(sw, 'minorCase', inside({ workerUserId: sw.userId }), 'approve')).code,
      'APPROVAL_FORBIDDEN',
    );
    // a community worker reads the masked file but does not work it
    assert.equal(
      refusal(() => requireAccess(actorOf('community_worker'), 'minorCase', inside(), 'work')).code,
      'CASE_NOT_ASSIGNED',
    );
    assert.doesNotThrow(() => requireAccess(actorOf('minor_station_head'), 'minorCase', inside(), 'approve'));
  });

  it('legs: a department works the legs sent to its unit, the community its own kinds of legs', () => {
    const dept = actorOf('department_staff');
    const cw = actorOf('community_worker');
    const deptLeg = { orgPath: AT.sibling, handlerKind: 'department', workUnitId: 'W1', status: 'open' };
    assert.equal(canAccess(dept, 'leg', deptLeg, 'work'), true);
    assert.equal(canAccess(dept, 'leg', { ...deptLeg, workUnitId: 'W2' }, 'work'), false);
    assert.equal(canAccess(dept, 'leg', { ...deptLeg, status: 'done' }, 'work'), false);
    assert.equal(canAccess(cw, 'leg', { ...deptLeg, orgPath: AT.inside }, 'work'), false);
    assert.equal(
      canAccess(cw, 'leg', { orgPath: AT.inside, handlerKind: 'property', workUnitId: null, status: 'open' }, 'work'),
      true,
    );
    assert.equal(
      canAccess(dept, 'leg', { orgPath: AT.inside, handlerKind: 'property', workUnitId: null, status: 'open' }, 'work'),
      false,
    );
    assert.equal(
      canAccess(
        actorOf('street_staff'),
        'leg',
        { orgPath: AT.inside, handlerKind: 'property', workUnitId: null, status: 'open' },
        'work',
      ),
      false,
      'street staff do not fulfil',
    );
    const e = refusal(() => requireAccess(dept, 'leg', { ...deptLeg, workUnitId: 'W2' }, 'work'));
    assert.equal(e.code, 'LEG_FORBIDDEN');
  });

  it('work orders: staff of the subtree handle; a resident confirms their own; a department never handles', () => {
    const order = { orgPath: AT.inside, reporterUserId: 'u-resident', legWorkUnitIds: ['W1'] };
    assert.equal(canAccess(actorOf('community_worker'), 'workOrder', order, 'handle'), true);
    assert.equal(
      canAccess(actorOf('community_worker'), 'workOrder', { ...order, orgPath: AT.sibling }, 'handle'),
      false,
    );
    assert.equal(canAccess(actorOf('department_staff'), 'workOrder', order), true);
    assert.equal(canAccess(actorOf('department_staff'), 'workOrder', order, 'handle'), false);
    assert.equal(canAccess(actorOf('resident'), 'workOrder', order, 'report'), true);
    assert.equal(canAccess(actorOf('resident'), 'workOrder', order, 'handle'), false);
    assert.equal(canAccess(actorOf('community_worker'), 'workOrder', order, 'report'), false);
  });

  it('contracts: the buyer street signs, the organisation delivers', () => {
    const street = actorOf('street_staff', 'D/S1/');
    const org = actorOf('social_org', 'D/');
    const c = { orgPath: 'D/S1/', buyerName: '水泊寺街道', targetPaths: [AT.inside], orgAccountUserId: org.userId };
    assert.equal(canAccess(street, 'contract', c, 'buy'), true);
    assert.equal(
      canAccess(actorOf('community_worker'), 'contract', c, 'buy'),
      false,
      'no purchase.contract, not the buyer',
    );
    assert.equal(canAccess(org, 'contract', c, 'deliver'), true);
    assert.equal(canAccess(org, 'contract', { ...c, orgAccountUserId: 'x' }, 'deliver'), false);
    const e = refusal(() =>
      requireAccess(actorOf('street_staff', 'D/S2/'), 'contract', { ...c, targetPaths: ['D/S2/C9/'] }, 'buy'),
    );
    assert.equal(e.code, 'SCOPE_FORBIDDEN');
    assert.match(e.message, /水泊寺街道/);
  });

  it('proposals: only the applying organisation owns one; a juror reads only screened-in proposals of their rounds', () => {
    const j = actorOf('juror', 'D/');
    const p = {
      targetPaths: [AT.inside],
      screening: 'pass',
      status: 'submitted',
      orgAccountUserId: 'o',
      jurorUserIds: [j.userId],
    };
    assert.equal(canAccess(j, 'proposal', p), true);
    assert.equal(canAccess(j, 'proposal', { ...p, screening: 'fail' }), false);
    assert.equal(canAccess(j, 'proposal', { ...p, jurorUserIds: [] }), false);
    assert.equal(canAccess(actorOf('social_org'), 'proposal', { ...p, orgAccountUserId: 'u-social_org' }, 'own'), true);
    assert.equal(refusal(() => requireAccess(actorOf('social_org'), 'proposal', p, 'own')).code, 'SCOPE_FORBIDDEN');
  });

  it("referrals: answered by the receiving department, organisation account or the case's caseworker", () => {
    const c = { orgPath: AT.inside, workerUserId: 'u-social_worker', status: 'open' };
    assert.equal(
      canAccess(
        actorOf('department_staff'),
        'referral',
        { receiverKind: 'department', workUnitId: 'W1', receiverUserId: null, case: c },
        'respond',
      ),
      true,
    );
    assert.equal(
      canAccess(
        actorOf('department_staff'),
        'referral',
        { receiverKind: 'department', workUnitId: 'W2', receiverUserId: null, case: c },
        'respond',
      ),
      false,
    );
    assert.equal(
      canAccess(
        actorOf('social_org'),
        'referral',
        { receiverKind: 'organisation', workUnitId: null, receiverUserId: 'u-social_org', case: c },
        'respond',
      ),
      true,
    );
    assert.equal(
      canAccess(
        actorOf('social_worker'),
        'referral',
        { receiverKind: 'volunteer', workUnitId: null, receiverUserId: null, case: c },
        'respond',
      ),
      true,
    );
    assert.equal(
      canAccess(
        actorOf('minor_station_head'),
        'referral',
        { receiverKind: 'volunteer', workUnitId: null, receiverUserId: null, case: c },
        'respond',
      ),
      true,
    );
    assert.equal(
      canAccess(
        actorOf('minor_station_head'),
        'referral',
        { receiverKind: 'volunteer', workUnitId: null, receiverUserId: null, case: { ...c, orgPath: AT.sibling } },
        'respond',
      ),
      false,
    );
    assert.equal(
      canAccess(
        actorOf('minor_centre'),
        'referral',
        { receiverKind: 'volunteer', workUnitId: null, receiverUserId: null, case: c },
        'respond',
      ),
      false,
    );
    const e = refusal(() =>
      requireAccess(
        actorOf('street_staff'),
        'referral',
        { receiverKind: 'volunteer', workUnitId: null, receiverUserId: null, case: c },
        'respond',
      ),
    );
    assert.equal(e.code, 'REFERRAL_FORBIDDEN');
  });

  it('placed records: seen from below, changed only inside the subtree', () => {
    for (const kind of ['activity', 'team', 'station', 'canteen'] as const) {
      const a = actorOf('community_worker');
      assert.equal(canAccess(a, kind, { orgPath: AT.above }), true, kind);
      assert.equal(canAccess(a, kind, { orgPath: AT.above }, 'write'), false, kind);
      assert.equal(canAccess(a, kind, { orgPath: AT.inside }, 'write'), true, kind);
      assert.equal(refusal(() => requireAccess(a, kind, { orgPath: AT.above }, 'write')).code, 'SCOPE_FORBIDDEN');
    }
  });

  it('canteens: a diner dines at those of their street or above, not of another street', () => {
    const r = actorOf('resident', AT.inside);
    assert.equal(canAccess(r, 'canteen', { orgPath: 'D/S1/C2/' }), false, 'a neighbouring community is not read');
    assert.equal(canAccess(r, 'canteen', { orgPath: 'D/S1/C2/' }, 'dine'), true, 'but dined at');
    assert.equal(canAccess(r, 'canteen', { orgPath: AT.above }, 'dine'), true);
    assert.equal(canAccess(r, 'canteen', { orgPath: 'D/' }, 'dine'), true);
    assert.equal(canAccess(r, 'canteen', { orgPath: 'D/S2/C3/' }, 'dine'), false);
    assert.equal(refusal(() => requireAccess(r, 'canteen', { orgPath: 'D/S2/C3/' }, 'dine')).code, 'SCOPE_FORBIDDEN');
  });

  it('points at the counter by account id: the actor’s own subtree only (others prove presence)', () => {
    const a = actorOf('community_worker');
    assert.equal(canAccess(a, 'pointsAccount', { orgPath: AT.inside, workUnitId: null }, 'counter'), true);
    assert.equal(canAccess(a, 'pointsAccount', { orgPath: AT.sibling, workUnitId: null }, 'counter'), false);
    assert.equal(
      refusal(() => requireAccess(a, 'pointsAccount', { orgPath: AT.sibling, workUnitId: null }, 'counter')).code,
      'SCOPE_FORBIDDEN',
    );
    assert.equal(canAccess(a, 'pointsAccount', { orgPath: 'D/S2/C3/', workUnitId: null }, 'counter'), false);
    assert.equal(
      canAccess(a, 'pointsAccount', { orgPath: AT.sibling, workUnitId: null }),
      false,
      'the ledger is the subtree only',
    );
  });

  it('tasks are claimed only in a compound where the person lives or reported to', () => {
    const r = actorOf('resident');
    assert.equal(canAccess(r, 'task', { orgPath: AT.inside, claimantPaths: [AT.inside] }, 'claim'), true);
    const e = refusal(() =>
      requireAccess(r, 'task', { orgPath: AT.inside, claimantPaths: [AT.sibling] }, 'claim', { what: '该工单' }),
    );
    assert.equal(e.code, 'SCOPE_FORBIDDEN');
    assert.match(e.message, /只能认领您居住或报到小区的工单/);
  });
});

describe('access layer: assessment — appeals (file, decide) and callbacks (call), every role', () => {
  const appeal = (orgPath: string, o: Partial<RecordOf<'appeal'>> = {}): RecordOf<'appeal'> => ({
    orgPath,
    workUnitId: null,
    unitKind: 'community',
    reviewerRoles: ['district_admin', 'street_staff'],
    ...o,
  });
  /** bound at D/S1/C1/: files for its own community / its own department; decides appeals of units below it. */
  const WANT: Record<Role, { fileOwn: boolean; fileDept: boolean; decide: boolean; call: boolean }> = {
    district_admin: { fileOwn: false, fileDept: false, decide: true, call: true },
    street_staff: { fileOwn: true, fileDept: false, decide: true, call: true },
    community_worker: { fileOwn: true, fileDept: false, decide: false, call: false },
    grid_worker: { fileOwn: false, fileDept: false, decide: false, call: false },
    branch_secretary: { fileOwn: false, fileDept: false, decide: false, call: false },
    department_staff: { fileOwn: false, fileDept: true, decide: false, call: false },
    social_worker: { fileOwn: false, fileDept: false, decide: false, call: false },
    social_org: { fileOwn: false, fileDept: false, decide: false, call: false },
    resident: { fileOwn: false, fileDept: false, decide: false, call: false },
    minor_station_head: { fileOwn: false, fileDept: false, decide: false, call: false },
    property_company: { fileOwn: false, fileDept: false, decide: false, call: false },
    minor_centre: { fileOwn: false, fileDept: false, decide: false, call: false },
    purchase_agent: { fileOwn: false, fileDept: false, decide: false, call: false },
    juror: { fileOwn: false, fileDept: false, decide: false, call: false },
  };
  for (const role of ROLES) {
    it(`${role}: files only for its own unit, decides only as a named reviewer above the unit, calls back in its subtree`, () => {
      const a = actorOf(role);
      const want = WANT[role];
      assert.equal(canAccess(a, 'appeal', appeal(BOUND), 'file'), want.fileOwn, 'own community');
      assert.equal(canAccess(a, 'appeal', appeal(AT.inside), 'file'), false, 'a unit below is not its own');
      assert.equal(canAccess(a, 'appeal', appeal(AT.sibling), 'file'), false, 'another unit');
      const dept = appeal('D/', { unitKind: 'department', workUnitId: 'W1' });
      assert.equal(canAccess(a, 'appeal', dept, 'file'), want.fileDept, 'own department');
      assert.equal(canAccess(a, 'appeal', { ...dept, workUnitId: 'W2' }, 'file'), false, 'another department');
      if (!want.fileOwn) {
        const e = refusal(() => requireAccess(a, 'appeal', appeal(BOUND), 'file'));
        assert.equal(e.code, 'APPEAL_NOT_YOUR_UNIT');
      }
      assert.equal(canAccess(a, 'appeal', appeal(AT.inside), 'decide'), want.decide, 'below, named reviewer');
      assert.equal(canAccess(a, 'appeal', appeal(AT.sibling), 'decide'), false, 'outside the subtree');
      assert.equal(canAccess(a, 'appeal', appeal(BOUND), 'decide'), false, 'never its own unit');
      assert.equal(
        canAccess(a, 'appeal', appeal(AT.inside, { reviewerRoles: ['district_admin'] }), 'decide'),
        want.decide && role === 'district_admin',
        'only the roles the settings name',
      );
      if (!want.decide && READ[role].appeal === 'subtree') {
        const e = refusal(() => requireAccess(a, 'appeal', appeal(AT.inside), 'decide'));
        assert.equal(e.code, 'APPEAL_REVIEW_FORBIDDEN');
      }
      assert.equal(canAccess(a, 'callback', { orgPath: AT.inside }, 'call'), want.call, 'call back inside');
      assert.equal(canAccess(a, 'callback', { orgPath: AT.sibling }, 'call'), false, 'call back outside');
      if (!want.call) {
        const e = refusal(() => requireAccess(a, 'callback', { orgPath: AT.inside }, 'call'));
        assert.equal(e.code, 'SCOPE_FORBIDDEN');
      }
    });
  }
});

// ── topics ──
describe('access layer: 治理课题 — read from below, run by the district only, every role', () => {
  const MANAGE: Record<Role, boolean> = {
    district_admin: true,
    street_staff: false,
    community_worker: false,
    grid_worker: false,
    branch_secretary: false,
    department_staff: false,
    social_worker: false,
    social_org: false,
    resident: false,
    minor_station_head: false,
    minor_centre: false,
    purchase_agent: false,
    juror: false,
    property_company: false,
  };
  for (const role of ROLES) {
    it(`${role}: manages a topic ${MANAGE[role] ? 'in its subtree' : 'never'}; reads one at the root ${READ[role].topic === 'reach' ? 'yes' : 'no'}`, () => {
      const root = actorOf(role, 'D/');
      assert.equal(canAccess(root, 'topic', { orgPath: 'D/' }, 'manage'), MANAGE[role], 'at the root');
      assert.equal(canAccess(root, 'topic', { orgPath: 'E/' }, 'manage'), false, 'another district');
      assert.equal(canAccess(actorOf(role), 'topic', { orgPath: 'D/' }, 'manage'), false, 'from below: never');
      assert.equal(
        canAccess(actorOf(role), 'topic', { orgPath: 'D/' }),
        READ[role].topic === 'reach',
        'read from below',
      );
      if (!MANAGE[role]) {
        const e = refusal(() => requireAccess(root, 'topic', { orgPath: 'D/' }, 'manage'));
        assert.equal(e.code, 'SCOPE_FORBIDDEN');
      }
    });
  }
});

// ───────────── on the demo data: the SQL predicate lists exactly what requireAccess allows ─────────────

/** Demo users of every role (as in access.matrix.test.ts). */
const DEMO_USERS = [
  'admin',
  'shuibosi',
  'taihe',
  'youyijie',
  'xinggang',
  'xinggang-branch',
  'zhujian',
  'qingyuan-sw',
  'yiyuanli',
  'resident',
  'qingyuan',
  'qingyuan-head',
  'minor-centre',
  'agent',
  'juror1',
  'guodong',
];

interface Source<K extends Kind> {
  /** `from … t` plus joins; `t.id` is the record id. */
  from: SQL;
  columns: ColumnsOf<K>;
  /** Select list producing the record's fields under their own names. */
  fields: SQL;
}
const path = { orgPath: sql`t.org_path` };
const SOURCES: { [K in Kind]?: Source<K> } = {
  orgUnit: { from: sql`org_units t`, columns: { orgPath: sql`t.path` }, fields: sql`t.path as "orgPath"` },
  building: { from: sql`buildings t`, columns: path, fields: sql`t.org_path as "orgPath"` },
  household: { from: sql`households t`, columns: path, fields: sql`t.org_path as "orgPath"` },
  person: { from: sql`people t`, columns: path, fields: sql`t.org_path as "orgPath"` },
  account: {
    from: sql`users t join org_units u on u.district_id = t.district_id and u.id = t.org_unit_id`,
    columns: { orgPath: sql`u.path` },
    fields: sql`u.path as "orgPath"`,
  },
  workOrder: {
    from: sql`work_orders t`,
    columns: {
      districtId: sql`t.district_id`,
      id: sql`t.id`,
      orgPath: sql`t.org_path`,
      reporterUserId: sql`t.reporter_user_id`,
    },
    fields: sql`t.org_path as "orgPath", t.reporter_user_id as "reporterUserId",
      coalesce((select array_agg(l.work_unit_id) from work_order_legs l where l.district_id = t.district_id and l.order_id = t.id), '{}') as "legWorkUnitIds"`,
  },
  minorCase: {
    from: sql`minor_cases t`,
    columns: { orgPath: sql`t.org_path`, workerUserId: sql`t.worker_user_id` },
    fields: sql`t.org_path as "orgPath", t.worker_user_id as "workerUserId", t.status`,
  },
  minorStation: { from: sql`minor_stations t`, columns: path, fields: sql`t.org_path as "orgPath"` },
  need: { from: sql`purchase_needs t`, columns: path, fields: sql`t.org_path as "orgPath"` },
  station: { from: sql`stations t`, columns: path, fields: sql`t.org_path as "orgPath"` },
  team: { from: sql`volunteer_teams t`, columns: path, fields: sql`t.org_path as "orgPath"` },
  activity: { from: sql`volunteer_activities t`, columns: path, fields: sql`t.org_path as "orgPath"` },
  compoundReport: {
    from: sql`(select person_id as id, district_id, org_path, work_unit_id from compound_reports) t`,
    columns: { orgPath: sql`t.org_path`, workUnitId: sql`t.work_unit_id` },
    fields: sql`t.org_path as "orgPath", t.work_unit_id as "workUnitId"`,
  },
  serviceRecord: {
    from: sql`service_records t`,
    columns: { orgPath: sql`t.org_path`, workUnitId: sql`t.work_unit_id` },
    fields: sql`t.org_path as "orgPath", t.work_unit_id as "workUnitId"`,
  },
  pointsAccount: {
    from: sql`points_accounts a join people t on t.district_id = a.district_id and t.id = a.person_id`,
    columns: { orgPath: sql`t.org_path`, workUnitId: sql`t.work_unit_id` },
    fields: sql`t.org_path as "orgPath", t.work_unit_id as "workUnitId"`,
  },
  partyMember: {
    from: sql`party_members t`,
    columns: { orgPath: sql`t.org_path` },
    fields: sql`t.org_path as "orgPath"`,
  },
  propertyCompany: {
    from: sql`property_companies t`,
    columns: { companyId: sql`t.id` },
    fields: sql`t.id as "companyId"`,
  },
  propertyContract: {
    from: sql`property_contracts t`,
    columns: { orgPath: sql`t.org_path`, companyId: sql`t.company_id` },
    fields: sql`t.org_path as "orgPath", t.company_id as "companyId"`,
  },
  // ── consult ──
  consultation: { from: sql`consultations t`, columns: path, fields: sql`t.org_path as "orgPath"` },
  // ── proposals ──
  residentProposal: { from: sql`resident_proposals t`, columns: path, fields: sql`t.org_path as "orgPath"` },
  // ── property ──
  propertyPublication: {
    from: sql`property_publications t`,
    columns: { orgPath: sql`t.org_path`, companyId: sql`t.company_id` },
    fields: sql`t.org_path as "orgPath", t.company_id as "companyId"`,
  },
  // ── visits ──
  visitCampaign: { from: sql`visit_campaigns t`, columns: path, fields: sql`t.org_path as "orgPath"` },
  visit: { from: sql`visits t`, columns: path, fields: sql`t.org_path as "orgPath"` },
  // ── patrols ──
  patrol: {
    from: sql`patrols t`,
    columns: { orgPath: sql`t.org_path`, workerUserId: sql`t.worker_user_id` },
    fields: sql`t.org_path as "orgPath", t.worker_user_id as "workerUserId"`,
  },
  // ── evaluation ──
  evaluationScheme: { from: sql`property_evaluation_schemes t`, columns: path, fields: sql`t.org_path as "orgPath"` },
  propertyEvaluation: {
    from: sql`property_evaluations t`,
    columns: { orgPath: sql`t.org_path`, companyId: sql`t.company_id` },
    fields: sql`t.org_path as "orgPath", t.company_id as "companyId"`,
  },
  partyOrg: {
    from: sql`party_orgs t`,
    columns: {
      orgPath: sql`t.org_path`,
      compoundPaths: sql`coalesce((select array_agg(o.path) from branch_compounds bc join org_units o on o.district_id = bc.district_id and o.id = bc.compound_id where bc.district_id = t.district_id and bc.branch_id = t.id), '{}')`,
    },
    fields: sql`t.org_path as "orgPath", coalesce((select array_agg(o.path) from branch_compounds bc join org_units o on o.district_id = bc.district_id and o.id = bc.compound_id
      where bc.district_id = t.district_id and bc.branch_id = t.id), '{}') as "compoundPaths"`,
  },
  // ── party-life ── one record per activity, placed by its branch
  branchLife: {
    from: sql`(select a.district_id, a.id, o.org_path, coalesce((select array_agg(u.path) from branch_compounds bc join org_units u
        on u.district_id = bc.district_id and u.id = bc.compound_id where bc.district_id = o.district_id and bc.branch_id = o.id), '{}') as compound_paths
      from party_activities a join party_orgs o on o.district_id = a.district_id and o.id = a.party_org_id) t`,
    columns: { orgPath: sql`t.org_path`, compoundPaths: sql`t.compound_paths` },
    fields: sql`t.org_path as "orgPath", t.compound_paths as "compoundPaths"`,
  },
  // ── whistles ──
  whistle: {
    from: sql`whistles t`,
    columns: { districtId: sql`t.district_id`, id: sql`t.id`, orgPath: sql`t.org_path` },
    fields: sql`t.org_path as "orgPath", t.owner_path as "ownerPath", t.owner_name as "ownerName",
      coalesce((select array_agg(s.work_unit_id) from whistle_summons s where s.district_id = t.district_id and s.whistle_id = t.id), '{}') as "departmentIds"`,
  },
};

describe('access layer on the demo data: list ⇔ single read, for every demo role', () => {
  let env: TestEnv;
  const actors = new Map<string, Actor>();
  before(async () => {
    env = await createTestEnv();
    for (const u of DEMO_USERS) {
      const cookie = await login(env.app, u);
      actors.set(u, await authenticate(env.ctx, decodeURIComponent(cookie.split('=')[1]!)));
    }
  });
  after(() => env.close());

  it('the demo users cover every role', () => {
    assert.deepEqual([...new Set([...actors.values()].map((a) => a.role))].sort(), [...ROLES].sort());
  });

  for (const kind of Object.keys(SOURCES) as Kind[]) {
    it(`${kind}: scopeWhere lists exactly the records requireAccess lets each role read`, async () => {
      const src = SOURCES[kind] as Source<typeof kind>;
      const district = [...actors.values()][0]!.districtId;
      const rows = await queryRows<{ id: string } & Record<string, unknown>>(
        env.ctx.db,
        sql`select t.id::text as id, ${src.fields} from ${src.from} where t.district_id = ${district}`,
      );
      assert.ok(rows.length > 0, `demo has ${kind} records`);
      let allowed = 0;
      let denied = 0;
      for (const [username, actor] of actors) {
        const listed = await queryRows<{ id: string }>(
          env.ctx.db,
          sql`select t.id::text as id from ${src.from} where t.district_id = ${district} and ${scopeWhere(actor, kind, src.columns)}`,
        );
        const viaRecord = rows
          .filter((r) => {
            const ok = canAccess(actor, kind, r as unknown as RecordOf<typeof kind>);
            if (ok) assert.doesNotThrow(() => requireAccess(actor, kind, r as unknown as RecordOf<typeof kind>));
            else
              assert.throws(
                () => requireAccess(actor, kind, r as unknown as RecordOf<typeof kind>),
                (e: unknown) => e instanceof AppError && e.code === 'SCOPE_FORBIDDEN',
              );
            return ok;
          })
          .map((r) => r.id);
        assert.deepEqual(listed.map((r) => r.id).sort(), viaRecord.sort(), `${kind} as ${username} (${actor.role})`);
        allowed += viaRecord.length;
        denied += rows.length - viaRecord.length;
        // and the decision table holds for this role on real paths
        const reach = READ[actor.role][kind];
        if (reach === 'none') assert.equal(viaRecord.length, 0, `${username} reads no ${kind}`);
        if (reach === 'all') assert.equal(viaRecord.length, rows.length, `${username} reads every ${kind}`);
        if (reach === 'subtree' && kind !== 'partyOrg' && kind !== 'branchLife') {
          const want = rows
            .filter((r) => String(r.orgPath).startsWith(actor.scopePath))
            .map((r) => r.id)
            .sort();
          assert.deepEqual(viaRecord.sort(), want, `${username}: ${kind} of the subtree`);
        }
      }
      assert.ok(allowed > 0 && denied > 0, `${kind}: some reads allowed (${allowed}) and some refused (${denied})`);
    });
  }

  it('minor cases: identity only for the assigned worker, the station head of the street and the city centre — SQL and record agree', async () => {
    const cols = { orgPath: sql`t.org_path`, workerUserId: sql`t.worker_user_id` };
    const rows = await queryRows<{ id: string; orgPath: string; workerUserId: string | null; status: string }>(
      env.ctx.db,
      sql`
      select t.id, t.org_path as "orgPath", t.worker_user_id as "workerUserId", t.status from minor_cases t`,
    );
    for (const [username, actor] of actors) {
      const listed = await queryRows<{ id: string }>(
        env.ctx.db,
        sql`select t.id from minor_cases t where ${scopeWhere(actor, 'minorCase', cols, 'identity')}`,
      );
      const want = rows
        .filter((r) => canAccess(actor, 'minorCase', r, 'identity'))
        .map((r) => r.id)
        .sort();
      assert.deepEqual(listed.map((r) => r.id).sort(), want, username);
      if (!['qingyuan-sw', 'qingyuan-head', 'minor-centre'].includes(username))
        assert.equal(want.length, 0, `${username} sees no child's identity`);
      else assert.ok(want.length > 0, `${username} sees the identities of some files`);
    }
  });
});

// ── catalogue ──
describe('access layer: 派单目录 — read by district, street, community and department staff; configured by the district', () => {
  for (const role of ROLES) {
    it(`${role}: reads the catalogue as the table says; configures it only as district_admin`, () => {
      const a = actorOf(role);
      const rec = { orgPath: '' };
      assert.equal(canAccess(a, 'catalogue', rec), READ[role].catalogue === 'all', 'read');
      assert.equal(canAccess(a, 'catalogue', rec, 'configure'), role === 'district_admin', 'configure');
      if (role !== 'district_admin')
        assert.equal(refusal(() => requireAccess(a, 'catalogue', rec, 'configure')).code, 'SCOPE_FORBIDDEN');
    });
  }
});

// ── party-life ──
describe('access layer: 组织生活 — run by the branch and the staff above it; reviewed only from above', () => {
  const joint = { orgPath: 'D/S1/', compoundPaths: ['D/S1/C1/X1/', 'D/S1/C9/'] };
  for (const role of ROLES) {
    it(`${role}: reads, runs and reviews branch life as its role and scope allow`, () => {
      const staff = ['district_admin', 'street_staff', 'community_worker', 'branch_secretary'].includes(role);
      const inside = { orgPath: AT.inside, compoundPaths: [AT.inside] };
      const sibling = { orgPath: AT.sibling, compoundPaths: [AT.sibling] };
      const a = actorOf(role);
      assert.equal(canAccess(a, 'branchLife', inside), staff, 'read inside');
      assert.equal(canAccess(a, 'branchLife', inside, 'run'), staff, 'run inside');
      assert.equal(canAccess(a, 'branchLife', inside, 'review'), staff && role !== 'branch_secretary', 'review inside');
      assert.equal(canAccess(a, 'branchLife', sibling), false, 'read sibling');
      assert.equal(canAccess(a, 'branchLife', sibling, 'run'), false, 'run sibling');
      // a joint branch anchored above the actor, covering a compound of the actor: read and run, never review
      assert.equal(canAccess(a, 'branchLife', joint), staff, 'read joint');
      assert.equal(canAccess(a, 'branchLife', joint, 'run'), staff, 'run joint');
      assert.equal(canAccess(a, 'branchLife', joint, 'review'), false, 'review joint from below');
      if (!staff) assert.equal(refusal(() => requireAccess(a, 'branchLife', inside)).code, 'SCOPE_FORBIDDEN');
      if (role === 'branch_secretary')
        assert.equal(refusal(() => requireAccess(a, 'branchLife', inside, 'review')).code, 'SCOPE_FORBIDDEN');
    });
  }
});
// ── visits ──
describe('access layer: 走访慰问 — staff and party branches in scope, the district all, others nothing', () => {
  const STAFF_ROLES: Role[] = ['district_admin', 'street_staff', 'community_worker', 'branch_secretary'];
  for (const role of ROLES) {
    it(`${role}: ${STAFF_ROLES.includes(role) ? 'reads and records visits in its subtree only' : 'reaches no visit'}`, () => {
      const a = actorOf(role);
      const staff = STAFF_ROLES.includes(role);
      // a visit to a resident inside the bound unit; one in the sibling community; a campaign of the street above
      assert.equal(canAccess(a, 'visit', { orgPath: AT.inside }), staff, 'visit inside');
      assert.equal(canAccess(a, 'visit', { orgPath: AT.inside }, 'write'), staff, 'record inside');
      assert.equal(canAccess(a, 'visit', { orgPath: AT.sibling }), false, 'visit in a sibling');
      assert.equal(canAccess(a, 'visit', { orgPath: AT.above }), false, 'visit above');
      assert.equal(canAccess(a, 'visitCampaign', { orgPath: AT.above }), staff, 'the street campaign is read below it');
      assert.equal(canAccess(a, 'visitCampaign', { orgPath: AT.above }, 'write'), false, 'not changed below it');
      assert.equal(canAccess(a, 'visitCampaign', { orgPath: AT.sibling }), false, 'campaign of a sibling');
      if (!staff)
        assert.equal(refusal(() => requireAccess(a, 'visit', { orgPath: AT.inside })).code, 'SCOPE_FORBIDDEN');
      const district = actorOf(role, 'D/');
      assert.equal(canAccess(district, 'visit', { orgPath: AT.sibling }), staff, 'bound to the district: all of it');
    });
  }
});
// ── patrols ──
describe('access layer: 网格巡查 — read in scope by grid worker, community, street, district; recorded by its own grid worker only', () => {
  for (const role of ROLES) {
    it(`${role}: reads patrols as the table says; records only its own, in its subtree, as a grid worker`, () => {
      const a = actorOf(role);
      for (const where of Object.keys(AT) as (keyof typeof AT)[]) {
        const others = { orgPath: AT[where], workerUserId: 'another-worker' };
        const own = { orgPath: AT[where], workerUserId: a.userId };
        const reads = PATROL_READERS.includes(role) && where === 'inside';
        assert.equal(canAccess(a, 'patrol', others), reads, `${role} reads ${where}`);
        assert.equal(canAccess(a, 'patrol', others, 'record'), false, `${role} records another's patrol ${where}`);
        assert.equal(
          canAccess(a, 'patrol', own, 'record'),
          role === 'grid_worker' && where === 'inside',
          `${role} own ${where}`,
        );
        if (!canAccess(a, 'patrol', own, 'record'))
          assert.equal(refusal(() => requireAccess(a, 'patrol', own, 'record')).code, 'SCOPE_FORBIDDEN');
      }
    });
  }
});
// ── evaluation ──
describe('access layer: 物业服务评价 — schemes set by district and street staff, evaluations run by the branch and the community', () => {
  const CONFIGURE = new Set<Role>(['district_admin', 'street_staff']);
  const EVALUATE = new Set<Role>(['branch_secretary', 'community_worker']);
  for (const role of ROLES) {
    it(`${role}: configures a scheme ${CONFIGURE.has(role) ? 'in its subtree only' : 'nowhere'}; runs an evaluation ${EVALUATE.has(role) ? 'in its subtree only' : 'nowhere'}`, () => {
      const a = actorOf(role);
      for (const where of Object.keys(AT) as (keyof typeof AT)[]) {
        const inside = where === 'inside';
        const scheme = { orgPath: AT[where] };
        assert.equal(canAccess(a, 'evaluationScheme', scheme, 'configure'), CONFIGURE.has(role) && inside, where);
        const evaluation = { orgPath: AT[where], companyId: a.workUnitId! };
        assert.equal(canAccess(a, 'propertyEvaluation', evaluation, 'manage'), EVALUATE.has(role) && inside, where);
        if (!(EVALUATE.has(role) && inside))
          assert.equal(
            refusal(() => requireAccess(a, 'propertyEvaluation', evaluation, 'manage')).code,
            'SCOPE_FORBIDDEN',
          );
      }
      // the company reads its own evaluations wherever they are, never another company's
      if (role === 'property_company') {
        assert.equal(canAccess(a, 'propertyEvaluation', { orgPath: AT.sibling, companyId: a.workUnitId! }), true);
        assert.equal(canAccess(a, 'propertyEvaluation', { orgPath: AT.inside, companyId: 'PC-other' }), false);
      }
    });
  }
});
// ── whistles ──
describe('access layer: 吹哨报到 — managed by the whistling unit or above, checked in to by a summoned department, every role', () => {
  const MANAGES: Role[] = ['street_staff', 'community_worker'];
  for (const role of ROLES) {
    it(`${role}: manages a whistle ${MANAGES.includes(role) ? 'of its subtree only' : 'never'}; checks in ${role === 'department_staff' ? 'only when summoned' : 'never'}`, () => {
      const a = actorOf(role);
      const mine = { orgPath: AT.inside, ownerPath: BOUND, ownerName: '本社区', departmentIds: ['W1'] };
      const aboveOwner = { ...mine, ownerPath: AT.above };
      const sibling = { ...mine, orgPath: AT.sibling, ownerPath: 'D/S1/C2/' };
      const notSummoned = { ...mine, departmentIds: ['W9'] };
      const manages = MANAGES.includes(role);
      assert.equal(canAccess(a, 'whistle', mine, 'manage'), manages, 'manage own');
      // a whistle the street above blew: the community may read it but not close or rate it
      assert.equal(canAccess(a, 'whistle', aboveOwner, 'manage'), false, 'manage one blown above');
      assert.equal(canAccess(a, 'whistle', sibling, 'manage'), false, 'manage elsewhere');
      if (manages)
        assert.equal(refusal(() => requireAccess(a, 'whistle', aboveOwner, 'manage')).code, 'WHISTLE_MANAGE_FORBIDDEN');
      const checks = role === 'department_staff';
      assert.equal(canAccess(a, 'whistle', mine, 'checkin'), checks, 'check in when summoned');
      assert.equal(canAccess(a, 'whistle', notSummoned, 'checkin'), false, 'check in when not summoned');
      assert.equal(refusal(() => requireAccess(a, 'whistle', notSummoned, 'checkin')).code, 'WHISTLE_NOT_SUMMONED');
    });
  }
});

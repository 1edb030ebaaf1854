import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { creditCodeCheckChar } from '../../../shared/property.constants.js';
import type { LightMyRequestResponse } from 'fastify';
import { queryRows } from '../../db/client.js';
import { createTestEnv, json, login, type TestEnv } from '../../testing/harness.js';
import { ROLE_ABILITIES, type Ability, type Role } from './access.policy.js';
import { orderIn, PNG, type OrderFixtureCtx } from '../../testing/orders.js';
import {
  call as pcall,
  communityId,
  ensureOrg,
  proposalBody,
  roundIn,
  signContract,
  type PurchaseFixtureCtx,
  type RoundFixture,
  type Stage,
} from '../../testing/purchase.js';

/**
 * The authorisation matrix: every registered API route, called as every demo role, must be allowed
 * exactly when the role has the route's ability and the target lies in the user's subtree.
 * A route added without a row here fails the coverage test.
 */
const USERS: { username: string; role: Role; reachesXinggang: boolean }[] = [
  { username: 'guodong', role: 'property_company', reachesXinggang: false },
  { username: 'admin', role: 'district_admin', reachesXinggang: true },
  { username: 'shuibosi', role: 'street_staff', reachesXinggang: true },
  { username: 'taihe', role: 'community_worker', reachesXinggang: true },
  { username: 'youyijie', role: 'community_worker', reachesXinggang: false },
  { username: 'xinggang', role: 'grid_worker', reachesXinggang: true },
  { username: 'xinggang-branch', role: 'branch_secretary', reachesXinggang: true },
  { username: 'zhujian', role: 'department_staff', reachesXinggang: true },
  { username: 'qingyuan-sw', role: 'social_worker', reachesXinggang: false },
  { username: 'yiyuanli', role: 'social_org', reachesXinggang: true },
  { username: 'resident', role: 'resident', reachesXinggang: true },
  { username: 'qingyuan', role: 'street_staff', reachesXinggang: false },
  { username: 'qingyuan-head', role: 'minor_station_head', reachesXinggang: false },
  { username: 'minor-centre', role: 'minor_centre', reachesXinggang: true },
  { username: 'agent', role: 'purchase_agent', reachesXinggang: true },
  { username: 'juror1', role: 'juror', reachesXinggang: true },
  { username: 'juror2', role: 'juror', reachesXinggang: true },
  { username: 'juror3', role: 'juror', reachesXinggang: true },
  { username: 'juror4', role: 'juror', reachesXinggang: true },
  { username: 'juror5', role: 'juror', reachesXinggang: true },
];
/** Rows with `reach: 'qingyuan'` target a record in 清远街道 (minor protection) instead of 星港城: these users reach it. */
const REACHES_QINGYUAN = new Set([
  'admin',
  'qingyuan-sw',
  'yiyuanli',
  'zhujian',
  'qingyuan',
  'qingyuan-head',
  'minor-centre',
  'agent',
  'juror1',
  'juror2',
  'juror3',
  'juror4',
  'juror5',
]);

interface Fixture {
  compoundId: string;
  communityId: string;
  personId: string;
  buildingId: string;
  branchId: string;
}
interface Req {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  payload?: unknown;
  multipart?: Buffer;
}
interface Row {
  route: string;
  ability: Ability | 'authenticated' | 'public';
  /** false for list/search routes: out-of-scope callers get filtered results, not a refusal. */
  targeted: boolean;
  reach?: 'qingyuan';
  make(f: Fixture, env: TestEnv, n: number, username: string): Promise<Req> | Req;
}

let env: TestEnv;
let fx: Fixture;
const cookies = new Map<string, string>();
let counter = 0;

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('s');
  rows.forEach((r) => ws.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A fresh dead notification job for the retry/discard rows. */
async function deadJob(e: TestEnv): Promise<number> {
  const [j] = await queryRows<{ id: number }>(
    e.ctx.db,
    sql`insert into jobs (district_id, queue, payload, status, attempts, max_attempts, last_error)
      values ('140213', 'notify.fanout', '{"outboxId": 0}'::jsonb, 'dead', 8, 8, 'matrix') returning id`,
  );
  return Number(j!.id);
}

async function newCompound(): Promise<{ id: string; version: number }> {
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/compounds',
    headers: { cookie: cookies.get('admin')! },
    payload: { communityId: fx.communityId, name: `矩阵小区${++counter}` },
  });
  assert.equal(res.statusCode, 201, res.body);
  const unit = json<{ unit: { id: string; version: number } }>(res).unit;
  return unit;
}

/** A fresh account in 星港城 to act on: a grid worker, or for the centre a social worker of 星港城's community (opened by the centre). */
async function matrixAccount(f: Fixture, username: string): Promise<string> {
  const centre = username === 'minor-centre';
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: { cookie: cookies.get(centre ? 'minor-centre' : 'admin')! },
    payload: centre
      ? {
          username: `matrix-t-${++counter}`,
          displayName: '待停用社工',
          role: 'social_worker',
          orgUnitId: f.communityId,
          password: 'Matrix2026pass',
        }
      : {
          username: `matrix-t-${++counter}`,
          displayName: '待停用',
          role: 'grid_worker',
          orgUnitId: f.compoundId,
          password: 'Matrix2026pass',
        },
  });
  assert.equal(res.statusCode, 201, res.body);
  return json<{ user: { id: string } }>(res).user.id;
}

async function newBuilding(): Promise<{ id: string; version: number }> {
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/buildings',
    headers: { cookie: cookies.get('admin')! },
    payload: { compoundId: fx.compoundId, name: `矩阵${++counter}号楼` },
  });
  assert.equal(res.statusCode, 201, res.body);
  return json<{ building: { id: string; version: number } }>(res).building;
}

/** The year in Beijing time (示范点 are designated for a year, never a later one). */
const thisYear = () => Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));

/** A row for a GET of a fixed URL that needs no record made first. */
function plainGet(url: string, ability: Row['ability']): Row {
  return { route: `GET ${url}`, ability, targeted: false, make: () => ({ method: 'GET', url }) };
}

const ROWS: Row[] = [
  // 工作台: what waits for the caller (every signed-in role has one; its items are scoped per kind — workbench.test.ts)
  plainGet('/api/workbench', 'authenticated'),
  // ── 党务 (party module): organisation management, posts, members, dashboard ──
  {
    route: 'POST /api/party-orgs/branches',
    ability: 'party.manage',
    targeted: true,
    make: async () => ({
      method: 'POST',
      url: '/api/party-orgs/branches',
      payload: { formation: 'standalone', compoundIds: [(await newCompound()).id] },
    }),
  },
  {
    route: 'POST /api/party-orgs/station-branches',
    ability: 'party.manage',
    targeted: true,
    make: async (f, _e, n) => {
      const s = await adminPost<{ station: { id: string } }>('/api/stations', {
        kind: 'rider',
        name: `矩阵小哥驿站${n}`,
        orgUnitId: f.compoundId,
      });
      return {
        method: 'POST',
        url: '/api/party-orgs/station-branches',
        payload: { stationId: s.station.id, instructorName: '矩阵指导员' },
      };
    },
  },
  {
    route: 'POST /api/party-orgs/:id/compounds',
    ability: 'party.manage',
    targeted: true,
    make: async () => {
      const b = await partyBranch(1);
      return {
        method: 'POST',
        url: `/api/party-orgs/${b}/compounds`,
        payload: { compoundId: (await newCompound()).id, version: 1 },
      };
    },
  },
  {
    route: 'POST /api/party-orgs/:id/split',
    ability: 'party.manage',
    targeted: true,
    make: async () => {
      const b = await partyBranch(2);
      const [c] = await queryRows<{ id: string }>(
        env.ctx.db,
        sql`select compound_id as id from branch_compounds where branch_id = ${b} order by compound_id limit 1`,
      );
      return { method: 'POST', url: `/api/party-orgs/${b}/split`, payload: { compoundIds: [c!.id], version: 1 } };
    },
  },
  {
    route: 'POST /api/party-orgs/:id/merge',
    ability: 'party.manage',
    targeted: true,
    make: async () => ({
      method: 'POST',
      url: `/api/party-orgs/${await partyBranch(1)}/merge`,
      payload: { intoId: await partyBranch(1), version: 1, intoVersion: 1 },
    }),
  },
  {
    route: 'POST /api/party-orgs/:id/upgrade',
    ability: 'party.manage',
    targeted: true,
    make: async (f) => {
      const [o] = await queryRows<{ id: string; version: number }>(
        env.ownerDatabase.db,
        sql`update party_orgs set grade = 'general_branch' where org_unit_id = ${f.communityId} and kind = 'community_committee' returning id, version`,
      );
      return {
        method: 'POST',
        url: `/api/party-orgs/${o!.id}/upgrade`,
        payload: { grade: 'committee', version: o!.version },
      };
    },
  },
  {
    route: 'POST /api/party-orgs/:id/groups',
    ability: 'party.manage',
    targeted: true,
    make: async (f) => ({
      method: 'POST',
      url: `/api/party-orgs/${f.branchId}/groups`,
      payload: { buildingId: (await newBuilding()).id },
    }),
  },
  {
    route: 'POST /api/party-orgs/:id/central-households',
    ability: 'party.manage',
    targeted: true,
    make: async (f, _e, n) => {
      const m = await partyMemberFixture(f, n, 'full');
      return { method: 'POST', url: `/api/party-orgs/${f.branchId}/central-households`, payload: { memberId: m } };
    },
  },
  {
    route: 'GET /api/party-orgs/:id/central-households',
    ability: 'party.read',
    targeted: true,
    make: (f) => ({ method: 'GET', url: `/api/party-orgs/${f.branchId}/central-households` }),
  },
  {
    route: 'GET /api/party-orgs/:id/admin',
    ability: 'party.read',
    targeted: true,
    make: (f) => ({ method: 'GET', url: `/api/party-orgs/${f.branchId}/admin` }),
  },
  {
    route: 'POST /api/party-orgs/:id/posts',
    ability: 'party.manage',
    targeted: true,
    make: async (f, _e, n) => {
      const b = await partyBranch(1);
      const m = await partyMemberFixture(f, n, 'full');
      const [p] = await queryRows<{ person_id: string }>(
        env.ctx.db,
        sql`select person_id from party_members where id = ${m}`,
      );
      return {
        method: 'POST',
        url: `/api/party-orgs/${b}/posts`,
        payload: { personId: p!.person_id, role: 'secretary', source: 'elected', termStart: '2025-01-01', version: 1 },
      };
    },
  },
  {
    route: 'POST /api/party-posts/:id/end',
    ability: 'party.manage',
    targeted: true,
    make: async (f, _e, n) => {
      const b = await partyBranch(1);
      const m = await partyMemberFixture(f, n, 'full');
      const [p] = await queryRows<{ person_id: string }>(
        env.ctx.db,
        sql`select person_id from party_members where id = ${m}`,
      );
      const posts = await adminPost<{ items: { id: string; version: number }[] }>(`/api/party-orgs/${b}/posts`, {
        personId: p!.person_id,
        role: 'committee_member',
        source: 'elected',
        termStart: '2025-01-01',
        version: 1,
      });
      return {
        method: 'POST',
        url: `/api/party-posts/${posts.items[0]!.id}/end`,
        payload: { version: posts.items[0]!.version },
      };
    },
  },
  plainGet('/api/party/vacancies', 'party.read'),
  plainGet('/api/party/cross-serving', 'party.read'),
  plainGet('/api/party/dashboard', 'party.read'),
  plainGet('/api/party/dashboard/xlsx', 'party.read'),
  // 六大工程 and 党建示范点: reads are scoped lists; writes target 星港城 (or a new compound of its community)
  plainGet('/api/party/programmes', 'party.read'),
  plainGet('/api/party/demonstration-sites', 'party.read'),
  {
    route: 'POST /api/party/programmes/years',
    ability: 'party.plan',
    targeted: false,
    // next year's programmes (only the district administrator has the ability, so one call opens it)
    make: () => ({
      method: 'POST',
      url: '/api/party/programmes/years',
      payload: { year: new Date(Date.now() + 8 * 3600_000).getUTCFullYear() + 1 },
    }),
  },
  {
    route: 'PUT /api/party/programmes/:id/targets',
    ability: 'party.plan',
    targeted: false,
    make: async () => {
      const [p] = await queryRows<{ id: string; version: number }>(
        env.ctx.db,
        sql`select id, version from party_programmes where key = 'capability' order by year limit 1`,
      );
      return {
        method: 'PUT',
        url: `/api/party/programmes/${p!.id}/targets`,
        payload: { version: p!.version, targets: [{ key: 'trainings', target: 21 }] },
      };
    },
  },
  {
    route: 'POST /api/party/programmes/:id/progress',
    ability: 'party.manage',
    targeted: true,
    make: async (f) => {
      const [p] = await queryRows<{ id: string; year: number }>(
        env.ctx.db,
        // this year's (the year-plan row may have opened next year's by now)
        sql`select id, year from party_programmes where key = 'capability'
            and year = extract(year from now() at time zone 'Asia/Shanghai')::int`,
      );
      const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      return {
        method: 'POST',
        url: `/api/party/programmes/${p!.id}/progress`,
        payload: { happenedOn: today, note: '矩阵进展', unitIds: [f.compoundId] },
      };
    },
  },
  {
    route: 'POST /api/party/demonstration-sites',
    ability: 'party.manage',
    targeted: true,
    make: async () => ({
      method: 'POST',
      url: '/api/party/demonstration-sites',
      payload: { subjectKind: 'org_unit', subjectId: (await newCompound()).id, level: 'district', year: thisYear() },
    }),
  },
  {
    route: 'POST /api/party/demonstration-sites/:id/revoke',
    ability: 'party.manage',
    targeted: true,
    make: async () => {
      const { site } = await adminPost<{ site: { id: string; version: number } }>('/api/party/demonstration-sites', {
        subjectKind: 'org_unit',
        subjectId: (await newCompound()).id,
        level: 'district',
        year: thisYear(),
      });
      return {
        method: 'POST',
        url: `/api/party/demonstration-sites/${site.id}/revoke`,
        payload: { reason: '矩阵撤销', version: site.version },
      };
    },
  },
  plainGet('/api/party-members', 'party.read'),
  {
    route: 'POST /api/party-members',
    ability: 'party.manage',
    targeted: true,
    make: async (f, _e, n) => ({
      method: 'POST',
      url: '/api/party-members',
      payload: { personId: await partyPerson(f, n), partyOrgId: f.branchId },
    }),
  },
  {
    route: 'GET /api/party-members/:id',
    ability: 'party.read',
    targeted: true,
    make: async (f, _e, n) => ({
      method: 'GET',
      url: `/api/party-members/${(memberFx ??= await partyMemberFixture(f, n, 'full'))}`,
    }),
  },
  {
    route: 'POST /api/party-members/:id/advance',
    ability: 'party.manage',
    targeted: true,
    make: async (f, _e, n) => ({
      method: 'POST',
      url: `/api/party-members/${await partyMemberFixture(f, n, 'applicant')}/advance`,
      payload: { stage: 'activist', on: '2024-01-01', version: 1 },
    }),
  },
  {
    route: 'POST /api/party-members/:id/transfers',
    ability: 'party.manage',
    targeted: true,
    make: async (f, _e, n) => ({
      method: 'POST',
      url: `/api/party-members/${await partyMemberFixture(f, n, 'full')}/transfers`,
      payload: { direction: 'out', externalOrg: '区外矩阵党委', on: '2025-01-01', version: 1 },
    }),
  },
  {
    route: 'POST /api/party-members/transfers-in',
    ability: 'party.manage',
    targeted: true,
    make: async (f, _e, n) => ({
      method: 'POST',
      url: '/api/party-members/transfers-in',
      payload: {
        source: 'external',
        personId: await partyPerson(f, n),
        partyOrgId: f.branchId,
        stage: 'full',
        fullOn: '2012-07-01',
        externalOrg: '区外矩阵党委',
        letterNo: '矩阵〔2026〕1号',
        on: '2026-01-05',
      },
    }),
  },
  { route: 'GET /api/health', ability: 'public', targeted: false, make: () => ({ method: 'GET', url: '/api/health' }) },
  {
    route: 'POST /api/auth/login',
    ability: 'public',
    targeted: false,
    make: () => ({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' } }),
  },
  // 验证码登录: a number no account has (a new one per call, so the per-number limit never answers) — 202, nothing texted
  {
    route: 'POST /api/auth/phone-code',
    ability: 'public',
    targeted: false,
    make: (_f, _e, n) => ({
      method: 'POST',
      url: '/api/auth/phone-code',
      payload: { phone: `138${String(n).padStart(8, '0')}` },
    }),
  },
  {
    route: 'POST /api/auth/phone-login',
    ability: 'public',
    targeted: false,
    make: (_f, _e, n) => ({
      method: 'POST',
      url: '/api/auth/phone-login',
      payload: { phone: `139${String(n).padStart(8, '0')}`, code: '000000' },
    }),
  },
  plainGet('/api/auth/me', 'authenticated'),
  {
    route: 'GET /api/org-units',
    ability: 'org.read',
    targeted: false,
    make: () => ({ method: 'GET', url: '/api/org-units?q=星港城' }),
  },
  {
    route: 'GET /api/committees/summary',
    ability: 'org.read',
    targeted: false,
    make: () => ({ method: 'GET', url: '/api/committees/summary' }),
  },
  {
    route: 'GET /api/org-units/:id',
    ability: 'org.read',
    targeted: true,
    make: (f) => ({ method: 'GET', url: `/api/org-units/${f.compoundId}` }),
  },
  {
    route: 'GET /api/org-units/:id/children',
    ability: 'org.read',
    targeted: true,
    make: (f) => ({ method: 'GET', url: `/api/org-units/${f.compoundId}/children` }),
  },
  {
    route: 'POST /api/compounds',
    ability: 'org.write',
    targeted: true,
    make: (f, _e, n) => ({
      method: 'POST',
      url: '/api/compounds',
      payload: { communityId: f.communityId, name: `矩阵新小区${n}` },
    }),
  },
  {
    route: 'PATCH /api/compounds/:id',
    ability: 'org.write',
    targeted: true,
    make: async () => {
      const c = await newCompound();
      return { method: 'PATCH', url: `/api/compounds/${c.id}`, payload: { address: '改', version: c.version } };
    },
  },
  {
    route: 'DELETE /api/compounds/:id',
    ability: 'org.write',
    targeted: true,
    make: async () => ({ method: 'DELETE', url: `/api/compounds/${(await newCompound()).id}` }),
  },
  {
    route: 'GET /api/compounds/:id/buildings',
    ability: 'org.read',
    targeted: true,
    make: (f) => ({ method: 'GET', url: `/api/compounds/${f.compoundId}/buildings` }),
  },
  {
    route: 'POST /api/buildings',
    ability: 'org.write',
    targeted: true,
    make: (f, _e, n) => ({
      method: 'POST',
      url: '/api/buildings',
      payload: { compoundId: f.compoundId, name: `矩阵新${n}号楼` },
    }),
  },
  {
    route: 'PATCH /api/buildings/:id',
    ability: 'org.write',
    targeted: true,
    make: async () => {
      const b = await newBuilding();
      return { method: 'PATCH', url: `/api/buildings/${b.id}`, payload: { floors: 7, version: b.version } };
    },
  },
  {
    route: 'DELETE /api/buildings/:id',
    ability: 'org.write',
    targeted: true,
    make: async () => ({ method: 'DELETE', url: `/api/buildings/${(await newBuilding()).id}` }),
  },
  // Imports are scoped row by row: an out-of-scope community is a row error, not a refusal.
  {
    route: 'POST /api/imports/:kind',
    ability: 'import.run',
    targeted: false,
    make: async (f, _e, n) => ({
      method: 'POST',
      url: '/api/imports/buildings',
      multipart: await xlsx([
        ['社区编码', '小区名称', '楼栋名称', '单元数', '层数', '地址'],
        [f.communityId, '星港城', `导入${n}号楼`, 2, 6, ''],
      ]),
    }),
  },
  // ── ledger: 实有人口台账导入与导出 ──
  {
    route: 'POST /api/people/imports',
    ability: 'people.write',
    targeted: false,
    make: async () => ({
      method: 'POST',
      url: '/api/people/imports?mode=household',
      multipart: await xlsx([
        ['社区编码', '小区名称', '楼栋名称', '单元', '房号', '姓名', '身份证号', '与户主关系', '联系电话', '标签'],
      ]),
    }),
  },
  plainGet('/api/people/imports', 'people.write'),
  {
    route: 'GET /api/people/imports/:id',
    ability: 'people.write',
    targeted: false,
    // the caller's own import (only its creator sees one); a caller who may not import asks for any id
    make: async (_f, e, _n, username) => {
      const started =
        username === 'anonymous'
          ? null
          : await e.as(username).upload('/api/people/imports', await xlsx([['姓名']]), 'm.xlsx');
      const id =
        started?.statusCode === 202 ? json<{ id: string }>(started).id : '00000000-0000-4000-8000-000000000000';
      return { method: 'GET', url: `/api/people/imports/${id}` };
    },
  },
  plainGet('/api/people/ledger-template.xlsx', 'people.write'),
  plainGet('/api/people/ledger.xlsx', 'people.write'),
  {
    route: 'GET /api/imports/templates/:file',
    ability: 'import.run',
    targeted: false,
    make: () => ({ method: 'GET', url: '/api/imports/templates/compounds.xlsx' }),
  },
  plainGet('/api/party-orgs/root', 'party.read'),
  {
    route: 'GET /api/party-orgs/:id',
    ability: 'party.read',
    targeted: true,
    make: (f) => ({ method: 'GET', url: `/api/party-orgs/${f.branchId}` }),
  },
  {
    route: 'GET /api/party-orgs/:id/children',
    ability: 'party.read',
    targeted: true,
    make: (f) => ({ method: 'GET', url: `/api/party-orgs/${f.branchId}/children` }),
  },
  {
    route: 'GET /api/people',
    ability: 'people.read',
    targeted: false,
    make: () => ({ method: 'GET', url: '/api/people?q=w' }),
  },
  {
    route: 'GET /api/people/:id',
    ability: 'people.read',
    targeted: true,
    make: (f) => ({ method: 'GET', url: `/api/people/${f.personId}` }),
  },
  {
    route: 'POST /api/people/:id/identity',
    ability: 'people.identity.reveal',
    targeted: true,
    make: (f) => ({ method: 'POST', url: `/api/people/${f.personId}/identity` }),
  },
  {
    route: 'POST /api/people',
    ability: 'people.write',
    targeted: true,
    make: async (f, e, n) => {
      const [h] = await queryRows<{ id: string }>(
        e.ctx.db,
        sql`select id from households where compound_id = ${f.compoundId} limit 1`,
      );
      // 18 characters whatever the row counter has reached: the counter picks the day and the sequence number
      const day = String(1 + (Math.floor(n / 900) % 28)).padStart(2, '0');
      const first17 = `140213200101${day}${100 + (n % 900)}`;
      const { checkCharacter } = await import('../../lib/id-number.js');
      return {
        method: 'POST',
        url: '/api/people',
        payload: { householdId: h!.id, name: `矩阵${n}`, idNumber: first17 + checkCharacter(first17) },
      };
    },
  },
  {
    route: 'PATCH /api/people/:id',
    ability: 'people.write',
    targeted: true,
    make: async (f, e) => {
      const [p] = await queryRows<{ version: number }>(
        e.ctx.db,
        sql`select version from people where id = ${f.personId}`,
      );
      return {
        method: 'PATCH',
        url: `/api/people/${f.personId}`,
        payload: { tags: ['volunteer'], version: p!.version },
      };
    },
  },
  {
    route: 'GET /api/buildings/:id/households',
    ability: 'people.read',
    targeted: true,
    make: (f) => ({ method: 'GET', url: `/api/buildings/${f.buildingId}/households` }),
  },
  {
    route: 'POST /api/households',
    ability: 'people.write',
    targeted: true,
    make: (f, _e, n) => ({
      method: 'POST',
      url: '/api/households',
      payload: { buildingId: f.buildingId, unit: '9单元', room: String(9000 + n) },
    }),
  },
  // Account rows: the centre manages only the minor-protection roles, so its target is a social worker in 星港城's community.
  {
    route: 'GET /api/users',
    ability: 'users.manage',
    targeted: false,
    make: () => ({ method: 'GET', url: '/api/users?status=active' }),
  },
  plainGet('/api/users/grantable', 'users.manage'),
  {
    route: 'PUT /api/users/grant-settings',
    ability: 'minor.configure',
    targeted: false,
    make: () => ({ method: 'PUT', url: '/api/users/grant-settings', payload: { minorGranterRoles: [] } }),
  },
  {
    route: 'POST /api/users',
    ability: 'users.manage',
    targeted: true,
    make: (f, _e, n, username) => ({
      method: 'POST',
      url: '/api/users',
      payload:
        username === 'minor-centre'
          ? {
              username: `matrix-${n}`,
              displayName: '矩阵社工',
              role: 'social_worker',
              orgUnitId: f.communityId,
              password: 'Matrix2026pass',
            }
          : {
              username: `matrix-${n}`,
              displayName: '矩阵网格员',
              role: 'grid_worker',
              orgUnitId: f.compoundId,
              password: 'Matrix2026pass',
            },
    }),
  },
  {
    route: 'GET /api/users/:id',
    ability: 'users.manage',
    targeted: true,
    make: async (f, _e, _n, username) => ({ method: 'GET', url: `/api/users/${await matrixAccount(f, username)}` }),
  },
  {
    route: 'PATCH /api/users/:id',
    ability: 'users.manage',
    targeted: true,
    make: async (f, _e, _n, username) => ({
      method: 'PATCH',
      url: `/api/users/${await matrixAccount(f, username)}`,
      payload: { isActive: false },
    }),
  },
  {
    route: 'POST /api/users/:id/reset-password',
    ability: 'users.manage',
    targeted: true,
    make: async (f, _e, _n, username) => ({
      method: 'POST',
      url: `/api/users/${await matrixAccount(f, username)}/reset-password`,
      payload: {},
    }),
  },
  {
    route: 'GET /api/users/:id/api-keys',
    ability: 'users.manage',
    targeted: true,
    make: async (f, _e, _n, username) => ({
      method: 'GET',
      url: `/api/users/${await matrixAccount(f, username)}/api-keys`,
    }),
  },
  {
    route: 'POST /api/users/:id/api-keys',
    ability: 'users.manage',
    targeted: true,
    make: async (f, _e, _n, username) => ({
      method: 'POST',
      url: `/api/users/${await matrixAccount(f, username)}/api-keys`,
      payload: { name: '矩阵测试' },
    }),
  },
  {
    route: 'POST /api/users/:id/api-keys/:keyId/revoke',
    ability: 'users.manage',
    targeted: true,
    make: async (f, _e, _n, username) => {
      const id = await matrixAccount(f, username);
      const issuer = username === 'minor-centre' ? 'minor-centre' : 'admin';
      const res = await env.app.inject({
        method: 'POST',
        url: `/api/users/${id}/api-keys`,
        headers: { cookie: cookies.get(issuer)! },
        payload: { name: '待吊销' },
      });
      assert.equal(res.statusCode, 201, res.body);
      return {
        method: 'POST',
        url: `/api/users/${id}/api-keys/${json<{ key: { keyId: string } }>(res).key.keyId}/revoke`,
      };
    },
  },
  plainGet('/api/me/api-keys', 'authenticated'),
  {
    route: 'POST /api/me/api-keys',
    ability: 'authenticated',
    targeted: false,
    make: () => ({ method: 'POST', url: '/api/me/api-keys', payload: { name: '我的矩阵密钥' } }),
  },
  {
    route: 'POST /api/me/api-keys/:keyId/revoke',
    ability: 'authenticated',
    targeted: false,
    make: async (_f, _e, _n, username) => {
      if (!cookies.has(username)) return { method: 'POST', url: '/api/me/api-keys/ak_none/revoke' };
      const res = await env.app.inject({
        method: 'POST',
        url: '/api/me/api-keys',
        headers: { cookie: cookies.get(username)! },
        payload: { name: '待吊销' },
      });
      assert.equal(res.statusCode, 201, res.body);
      return { method: 'POST', url: `/api/me/api-keys/${json<{ key: { keyId: string } }>(res).key.keyId}/revoke` };
    },
  },
  {
    route: 'GET /api/dashboard/coverage',
    ability: 'dashboard.read',
    targeted: true,
    make: (f) => ({ method: 'GET', url: `/api/dashboard/coverage?orgUnitId=${f.compoundId}` }),
  },
  plainGet('/api/stations', 'stations.read'),
  {
    route: 'POST /api/auth/logout',
    ability: 'authenticated',
    targeted: false,
    make: () => ({ method: 'POST', url: '/api/auth/logout' }),
  },
  {
    route: 'GET /api/audit',
    ability: 'audit.read',
    targeted: false,
    make: () => ({ method: 'GET', url: '/api/audit?limit=5' }),
  },
  // Work orders. Fixture orders are reported by the 星港城 resident and dispatched to 住建局 (the zhujian user's unit),
  // so every role that "reaches 星港城" — the department through its leg, the resident as reporter — sees them.
  plainGet('/api/work-order-categories', 'orders.read'),
  {
    route: 'PUT /api/work-order-categories/:id',
    ability: 'orders.configure',
    targeted: false,
    make: (_f, _e, n) => ({
      method: 'PUT',
      url: `/api/work-order-categories/X${n}`,
      payload: { name: `测试分类${n}`, parentId: 'C10', defaultHandler: 'community', handleDays: 4 },
    }),
  },
  {
    route: 'GET /api/work-units',
    ability: 'orders.read',
    targeted: false,
    make: () => ({ method: 'GET', url: '/api/work-units?functional=true' }),
  },
  {
    route: 'GET /api/work-orders',
    ability: 'orders.read',
    targeted: false,
    make: () => ({ method: 'GET', url: '/api/work-orders?box=all' }),
  },
  {
    route: 'GET /api/work-orders/metrics',
    ability: 'metrics.read',
    targeted: true,
    make: (f) => ({ method: 'GET', url: `/api/work-orders/metrics?orgUnitId=${f.compoundId}` }),
  },
  {
    route: 'GET /api/work-orders/export.xlsx',
    ability: 'orders.read',
    targeted: false,
    make: () => ({ method: 'GET', url: '/api/work-orders/export.xlsx?box=all&overdue=false' }),
  },
  {
    route: 'POST /api/work-orders',
    ability: 'orders.create',
    targeted: true,
    make: (f, _e, n) => ({
      method: 'POST',
      url: '/api/work-orders',
      payload: {
        channel: 'grid_patrol',
        categoryId: 'C02',
        title: `矩阵诉求${n}`,
        description: '垃圾清运不及时',
        compoundId: f.compoundId,
      },
    }),
  },
  {
    route: 'GET /api/work-orders/:id',
    ability: 'orders.read',
    targeted: true,
    make: async () => ({ method: 'GET', url: `/api/work-orders/${(await orderIn(oc, 'dispatched')).id}` }),
  },
  {
    route: 'GET /api/work-orders/:id/photos/:photoId',
    ability: 'orders.read',
    targeted: true,
    make: async () => {
      const o = await orderIn(oc, 'dispatched');
      const detail = await env.app.inject({
        method: 'GET',
        url: `/api/work-orders/${o.id}`,
        headers: { cookie: cookies.get('admin')! },
      });
      return { method: 'GET', url: json<{ order: { photos: string[] } }>(detail).order.photos[0]! };
    },
  },
  {
    route: 'POST /api/work-orders/:id/accept',
    ability: 'orders.accept',
    targeted: true,
    make: async () => {
      const o = await orderIn(oc, 'new');
      return { method: 'POST', url: `/api/work-orders/${o.id}/accept`, payload: { version: o.version } };
    },
  },
  {
    route: 'POST /api/work-orders/:id/dispatch',
    ability: 'orders.dispatch',
    targeted: true,
    make: async () => {
      const o = await orderIn(oc, 'accepted');
      return {
        method: 'POST',
        url: `/api/work-orders/${o.id}/dispatch`,
        payload: { version: o.version, legs: [{ handlerKind: 'community' }] },
      };
    },
  },
  {
    route: 'POST /api/work-orders/:id/legs/:legId/fulfil',
    ability: 'orders.fulfil',
    targeted: true,
    make: async (_f, _e, _n, u) => legRequest(u, 'fulfil', { result: '已处理完毕' }),
  },
  {
    route: 'POST /api/work-orders/:id/legs/:legId/return',
    ability: 'orders.fulfil',
    targeted: true,
    make: async (_f, _e, _n, u) => legRequest(u, 'return', { reason: '不属于本单位职责' }),
  },
  {
    route: 'POST /api/work-orders/:id/legs/:legId/extension',
    ability: 'orders.fulfil',
    targeted: true,
    make: async (_f, _e, _n, u) => legRequest(u, 'extension', { days: 2, reason: '需要协调' }),
  },
  {
    route: 'POST /api/work-orders/:id/legs/:legId/extension/decide',
    ability: 'orders.dispatch',
    targeted: true,
    make: async () => {
      const o = await orderIn(oc, 'extension');
      return {
        method: 'POST',
        url: `/api/work-orders/${o.id}/legs/${o.legs.find((l) => l.workUnitId === 'W001')!.id}/extension/decide`,
        payload: { approve: true },
      };
    },
  },
  {
    route: 'POST /api/work-orders/:id/confirm',
    ability: 'orders.confirm',
    targeted: true,
    make: async () => {
      const o = await orderIn(oc, 'fulfilled');
      return { method: 'POST', url: `/api/work-orders/${o.id}/confirm`, payload: { version: o.version, rating: 4 } };
    },
  },
  {
    route: 'POST /api/work-orders/:id/escalate',
    ability: 'orders.dispatch',
    targeted: true,
    make: async () => ({
      method: 'POST',
      url: `/api/work-orders/${(await orderIn(oc, 'dispatched')).id}/escalate`,
      payload: { reason: '超出社区职权' },
    }),
  },
  {
    route: 'POST /api/work-orders/:id/supervise',
    ability: 'orders.supervise',
    targeted: true,
    make: async () => ({
      method: 'POST',
      url: `/api/work-orders/${(await orderIn(oc, 'dispatched')).id}/supervise`,
      payload: { note: '请加快办理' },
    }),
  },
  {
    route: 'POST /api/work-orders/:id/reopen',
    ability: 'orders.confirm',
    targeted: true,
    make: async () => ({
      method: 'POST',
      url: `/api/work-orders/${(await orderIn(oc, 'closed')).id}/reopen`,
      payload: { reason: '问题又出现了' },
    }),
  },
  {
    route: 'POST /api/work-orders/:id/merge',
    ability: 'orders.dispatch',
    targeted: true,
    make: async () => {
      const [a, b] = [await orderIn(oc, 'accepted'), await orderIn(oc, 'dispatched')];
      return { method: 'POST', url: `/api/work-orders/${a.id}/merge`, payload: { intoId: b.id } };
    },
  },
  {
    route: 'POST /api/imports/hotline-12345',
    ability: 'orders.import',
    targeted: false,
    make: async (f, _e, n) => ({
      method: 'POST',
      url: '/api/imports/hotline-12345',
      multipart: await xlsx([
        ['12345工单编号', '受理时间', '诉求分类', '标题', '诉求内容', '社区编码', '小区名称', '联系人', '联系电话'],
        [
          `MX-${n}`,
          '2026-11-20 09:30',
          '装修',
          '楼板被拆除',
          '装修拆除楼板',
          f.communityId,
          '星港城',
          '王女士',
          '13900001111',
        ],
      ]),
    }),
  },
  plainGet('/api/imports/templates/hotline-12345.xlsx', 'orders.import'),
  {
    route: 'GET /open311/v2/discovery.:format',
    ability: 'public',
    targeted: false,
    make: () => ({ method: 'GET', url: '/open311/v2/discovery.json' }),
  },
  {
    route: 'GET /open311/v2/services.:format',
    ability: 'public',
    targeted: false,
    make: () => ({ method: 'GET', url: '/open311/v2/services.json' }),
  },
  {
    route: 'GET /open311/v2/services/:code.:format',
    ability: 'public',
    targeted: false,
    make: () => ({ method: 'GET', url: '/open311/v2/services/C05.json' }),
  },
  {
    route: 'POST /open311/v2/requests.:format',
    ability: 'orders.create',
    targeted: true,
    make: (f) => ({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: { service_code: 'C02', description: '垃圾未清运', attribute: { compound_id: f.compoundId } },
    }),
  },
  {
    route: 'GET /open311/v2/requests.:format',
    ability: 'orders.read',
    targeted: false,
    make: () => ({ method: 'GET', url: '/open311/v2/requests.json' }),
  },
  {
    route: 'GET /open311/v2/requests/:id.:format',
    ability: 'orders.read',
    targeted: true,
    make: async () => ({ method: 'GET', url: `/open311/v2/requests/${(await orderIn(oc, 'dispatched')).id}.json` }),
  },
  {
    route: 'GET /open311/v2/tokens/:token.:format',
    ability: 'orders.read',
    targeted: true,
    make: async () => ({ method: 'GET', url: `/open311/v2/tokens/${(await orderIn(oc, 'dispatched')).id}.json` }),
  },
  {
    route: 'GET /open311/v2/servicerequestupdates.:format',
    ability: 'orders.read',
    targeted: false,
    make: () => ({ method: 'GET', url: '/open311/v2/servicerequestupdates.json' }),
  },
  plainGet('/api/joint-meetings', 'meetings.read'),
  {
    route: 'POST /api/joint-meetings',
    ability: 'meetings.manage',
    targeted: true,
    make: (f) => ({
      method: 'POST',
      url: '/api/joint-meetings',
      payload: { compoundId: f.compoundId, heldOn: '2026-11-20' },
    }),
  },
  {
    route: 'GET /api/joint-meetings/:id',
    ability: 'meetings.read',
    targeted: true,
    make: async () => ({ method: 'GET', url: `/api/joint-meetings/${(await newMeeting()).id}` }),
  },
  {
    route: 'PATCH /api/joint-meetings/:id',
    ability: 'meetings.manage',
    targeted: true,
    make: async (_f, e, _n, username) => {
      const m = await newMeeting();
      // the record links a photo of the caller's own (purpose meeting)
      const photo = await ownAttachment(e, username, 'meeting');
      return {
        method: 'PATCH',
        url: `/api/joint-meetings/${m.id}`,
        payload: { minutes: '议定事项', attachmentIds: [photo.id], version: m.version },
      };
    },
  },
  {
    route: 'POST /api/joint-meetings/:id/actions',
    ability: 'meetings.manage',
    targeted: true,
    make: async () => ({
      method: 'POST',
      url: `/api/joint-meetings/${(await newMeeting()).id}/actions`,
      payload: { title: '物业三日内重建围墙', owner: '物业公司', dueOn: '2026-11-30' },
    }),
  },
  {
    route: 'PATCH /api/joint-meeting-actions/:id',
    ability: 'meetings.manage',
    targeted: true,
    make: async () => {
      const m = await newMeeting();
      const res = await env.app.inject({
        method: 'POST',
        url: `/api/joint-meetings/${m.id}/actions`,
        headers: { cookie: cookies.get('taihe')! },
        payload: { title: '跟进', owner: '社区', dueOn: '2026-12-01' },
      });
      return {
        method: 'PATCH',
        url: `/api/joint-meeting-actions/${json<{ meeting: { actions: { id: string }[] } }>(res).meeting.actions[0]!.id}`,
        payload: { status: 'done' },
      };
    },
  },
  {
    route: 'POST /api/joint-meeting-actions/:id/detach',
    ability: 'meetings.manage',
    targeted: true,
    make: async () => {
      const m = await newMeeting();
      const o = await orderIn(oc, 'dispatched');
      const res = await env.app.inject({
        method: 'POST',
        url: `/api/joint-meetings/${m.id}/actions`,
        headers: { cookie: cookies.get('taihe')! },
        payload: { title: '重建围墙', orderId: o.id, owner: '物业公司', dueOn: '2026-12-01' },
      });
      return {
        method: 'POST',
        url: `/api/joint-meeting-actions/${json<{ meeting: { actions: { id: string }[] } }>(res).meeting.actions[0]!.id}/detach`,
        payload: { reason: '围墙改由住建局统一改造，不再由本会议跟踪' },
      };
    },
  },
  // --- minor-protection ---
  // Files in 清远街道: the assigned social worker (qingyuan-sw) and the station head work them, the centre approves; street,
  // district and community staff read masked records. Referral responses are aimed at each caller's own unit (targeted: false).
  plainGet('/api/minor-categories', 'minor.read'),
  {
    route: 'PUT /api/minor-categories/:id',
    ability: 'minor.configure',
    targeted: false,
    make: (_f, _e, n) => ({
      method: 'PUT',
      url: `/api/minor-categories/matrix_${n}`,
      payload: { name: `矩阵类型${n}`, visitDaysLow: 90, visitDaysMedium: 60, visitDaysHigh: 30 },
    }),
  },
  {
    route: 'GET /api/minor-cases',
    ability: 'minor.read',
    targeted: false,
    make: () => ({ method: 'GET', url: '/api/minor-cases?box=all' }),
  },
  {
    route: 'POST /api/minor-cases',
    ability: 'minor.casework',
    targeted: true,
    reach: 'qingyuan',
    make: async (_f, e) => {
      const [p] = await queryRows<{ id: string }>(
        e.ctx.db,
        sql`select p.id from people p join org_units s on s.district_id = p.district_id and s.id = split_part(p.org_path, '/', 2)
      where s.name = '清远街道' and p.birth_date > current_date - interval '16 years' and not exists (select 1 from minor_cases mc where mc.person_id = p.id) order by p.id limit 1`,
      );
      return {
        method: 'POST',
        url: '/api/minor-cases',
        payload: { personId: p!.id, categories: ['left_behind'], riskLevel: 'low' },
      };
    },
  },
  {
    route: 'GET /api/minor-cases/:id',
    ability: 'minor.read',
    targeted: true,
    reach: 'qingyuan',
    make: async () => ({ method: 'GET', url: `/api/minor-cases/${await minorCase('open')}` }),
  },
  {
    route: 'PATCH /api/minor-cases/:id',
    ability: 'minor.casework',
    targeted: true,
    reach: 'qingyuan',
    make: async (_f, e) => {
      const id = await minorCase('open');
      const [c] = await queryRows<{ version: number }>(e.ctx.db, sql`select version from minor_cases where id = ${id}`);
      return { method: 'PATCH', url: `/api/minor-cases/${id}`, payload: { version: c!.version, needs: ['tutoring'] } };
    },
  },
  {
    route: 'POST /api/minor-cases/:id/assign',
    ability: 'minor.approve',
    targeted: true,
    reach: 'qingyuan',
    make: async (_f, e) => {
      const [u] = await queryRows<{ id: string }>(e.ctx.db, sql`select id from users where username = 'qingyuan-sw'`);
      return {
        method: 'POST',
        url: `/api/minor-cases/${await minorCase('open')}/assign`,
        payload: { workerUserId: u!.id },
      };
    },
  },
  {
    route: 'POST /api/minor-cases/:id/services',
    ability: 'minor.casework',
    targeted: true,
    reach: 'qingyuan',
    make: async () => ({
      method: 'POST',
      url: `/api/minor-cases/${await minorCase('open')}/services`,
      payload: {
        kind: 'home_visit',
        servedOn: '2026-01-05',
        outcome: '入户探访',
        visit: { childSeen: true, livingConditions: 'good', safetyConcern: false },
      },
    }),
  },
  {
    route: 'POST /api/minor-cases/:id/consents',
    ability: 'minor.casework',
    targeted: true,
    reach: 'qingyuan',
    make: async () => ({
      method: 'POST',
      url: `/api/minor-cases/${await minorCase('open')}/consents`,
      payload: { guardian: '祖母', givenOn: '2026-01-05', scope: '同意转介课业辅导' },
    }),
  },
  {
    route: 'POST /api/minor-cases/:id/attachments',
    ability: 'minor.casework',
    targeted: true,
    reach: 'qingyuan',
    make: async (_f, e, _n, username) => ({
      method: 'POST',
      url: `/api/minor-cases/${await minorCase('open')}/attachments`,
      payload: { attachmentIds: [(await ownAttachment(e, username, 'case')).id], note: '家访照片' },
    }),
  },
  {
    route: 'POST /api/minor-cases/:id/referrals',
    ability: 'minor.casework',
    targeted: true,
    reach: 'qingyuan',
    make: async () => ({
      method: 'POST',
      url: `/api/minor-cases/${await minorCase('open')}/referrals`,
      payload: {
        receiverKind: 'volunteer',
        receiverName: '大学生志愿服务队',
        request: '课业辅导',
        overrideReason: '监护人外出务工，已电话口头同意',
      },
    }),
  },
  {
    route: 'POST /api/minor-cases/:id/closure',
    ability: 'minor.casework',
    targeted: true,
    reach: 'qingyuan',
    make: async () => ({
      method: 'POST',
      url: `/api/minor-cases/${await minorCase('open')}/closure`,
      payload: { reason: '困境解除' },
    }),
  },
  {
    route: 'POST /api/minor-cases/:id/closure/decide',
    ability: 'minor.approve',
    targeted: true,
    reach: 'qingyuan',
    make: async () => ({
      method: 'POST',
      url: `/api/minor-cases/${await minorCase('closure_requested')}/closure/decide`,
      payload: { approve: true },
    }),
  },
  {
    route: 'POST /api/minor-cases/:id/reopen',
    ability: 'minor.approve',
    targeted: true,
    reach: 'qingyuan',
    make: async () => ({
      method: 'POST',
      url: `/api/minor-cases/${await minorCase('closed')}/reopen`,
      payload: { reason: '困境复现' },
    }),
  },
  plainGet('/api/minor-tasks', 'minor.read'),
  plainGet('/api/minor-referral-receivers', 'minor.casework'),
  plainGet('/api/minor-referrals', 'minor.referral.respond'),
  {
    route: 'POST /api/minor-referrals/:id/acknowledge',
    ability: 'minor.referral.respond',
    targeted: false,
    make: async (_f, _e, _n, u) => ({
      method: 'POST',
      url: `/api/minor-referrals/${await referralFor(u)}/acknowledge`,
    }),
  },
  {
    route: 'POST /api/minor-referrals/:id/report',
    ability: 'minor.referral.respond',
    targeted: false,
    make: async (_f, _e, _n, u) => ({
      method: 'POST',
      url: `/api/minor-referrals/${await referralFor(u)}/report`,
      payload: { report: '已安排志愿者' },
    }),
  },
  plainGet('/api/minor-stations', 'minor.read'),
  {
    route: 'PATCH /api/minor-stations/:id',
    ability: 'minor.approve',
    targeted: true,
    reach: 'qingyuan',
    make: async (_f, e) => {
      const [s] = await queryRows<{ id: string; version: number }>(
        e.ctx.db,
        sql`select s.id, s.version from minor_stations s join org_units o on o.district_id = s.district_id and o.id = s.street_id where o.name = '清远街道'`,
      );
      return {
        method: 'PATCH',
        url: `/api/minor-stations/${s!.id}`,
        payload: { version: s!.version, checklist: [{ key: 'ledger', met: true, note: null }] },
      };
    },
  },
  plainGet('/api/minor-reports', 'minor.read'),
  plainGet('/api/minor-reports/export.xlsx', 'minor.read'),
  // --- service-purchase ---
  // Fixture proposals and contracts come from yiyuanli and serve 太和社区 (水泊寺街道); all five jurors judge the fixture rounds.
  plainGet('/api/purchase/orgs/me', 'purchase.propose'),
  plainGet('/api/purchase/needs', 'purchase.read'),
  {
    route: 'POST /api/purchase/needs',
    ability: 'purchase.needs',
    targeted: true,
    make: async (_f, e, n) => ({
      method: 'POST',
      url: '/api/purchase/needs',
      payload: {
        communityId: await communityId(e.ctx.db),
        title: `矩阵需求${n}`,
        description: '居民希望开展书画课',
        category: '书画',
      },
    }),
  },
  plainGet('/api/purchase/jurors', 'purchase.manage'),
  plainGet('/api/purchase/rounds', 'purchase.read'),
  {
    route: 'POST /api/purchase/rounds',
    ability: 'purchase.manage',
    targeted: false,
    make: (_f, _e, n) => ({
      method: 'POST',
      url: '/api/purchase/rounds',
      payload: {
        year: 2026,
        title: `矩阵批次${n}`,
        scope: '社区服务',
        eligibility: '社会组织',
        budgetCents: 100_000,
        deadlineAt: new Date(Date.now() + 86400_000).toISOString(),
        places: 3,
      },
    }),
  },
  // Published rounds are district-wide: every reader sees them.
  {
    route: 'GET /api/purchase/rounds/:id',
    ability: 'purchase.read',
    targeted: false,
    make: async () => ({ method: 'GET', url: `/api/purchase/rounds/${(await cachedRound('open')).roundId}` }),
  },
  {
    route: 'PATCH /api/purchase/rounds/:id',
    ability: 'purchase.manage',
    targeted: false,
    make: async () => {
      const r = await roundIn(pf, 'draft');
      return { method: 'PATCH', url: `/api/purchase/rounds/${r.roundId}`, payload: { version: r.version, places: 5 } };
    },
  },
  {
    route: 'POST /api/purchase/rounds/:id/publish',
    ability: 'purchase.manage',
    targeted: false,
    make: async () => ({ method: 'POST', url: `/api/purchase/rounds/${(await roundIn(pf, 'draft')).roundId}/publish` }),
  },
  {
    route: 'POST /api/purchase/rounds/:id/amendments',
    ability: 'purchase.manage',
    targeted: false,
    make: async () => {
      const r = await roundIn(pf, 'open', 0);
      return {
        method: 'POST',
        url: `/api/purchase/rounds/${r.roundId}/amendments`,
        payload: {
          version: r.version,
          rationale: '应申报单位请求顺延截止时间',
          deadlineAt: new Date(Date.now() + 3 * 86400_000).toISOString(),
        },
      };
    },
  },
  {
    route: 'PUT /api/purchase/rounds/:id/jurors',
    ability: 'purchase.manage',
    targeted: false,
    make: async (_f, e) => ({
      method: 'PUT',
      url: `/api/purchase/rounds/${(await cachedRound('screened')).roundId}/jurors`,
      payload: {
        userIds: (
          await queryRows<{ id: string }>(e.ctx.db, sql`select id from users where role = 'juror' order by username`)
        ).map((u) => u.id),
      },
    }),
  },
  {
    route: 'POST /api/purchase/rounds/:id/open-scoring',
    ability: 'purchase.manage',
    targeted: false,
    make: async () => ({
      method: 'POST',
      url: `/api/purchase/rounds/${(await roundIn(pf, 'screened')).roundId}/open-scoring`,
    }),
  },
  {
    route: 'POST /api/purchase/rounds/:id/notice',
    ability: 'purchase.manage',
    targeted: false,
    make: async () => ({ method: 'POST', url: `/api/purchase/rounds/${(await roundIn(pf, 'scored')).roundId}/notice` }),
  },
  {
    route: 'POST /api/purchase/rounds/:id/award',
    ability: 'purchase.manage',
    targeted: false,
    make: async () => ({
      method: 'POST',
      url: `/api/purchase/rounds/${(await roundIn(pf, 'noticeOver')).roundId}/award`,
    }),
  },
  {
    route: 'POST /api/purchase/rounds/:id/objections',
    ability: 'purchase.object',
    targeted: false,
    make: async (_f, _e, n) => ({
      method: 'POST',
      url: `/api/purchase/rounds/${(await cachedRound('notice')).roundId}/objections`,
      payload: { content: `矩阵异议${n}：请说明评分依据` },
    }),
  },
  {
    route: 'POST /api/purchase/objections/:id/answer',
    ability: 'purchase.manage',
    targeted: false,
    make: async (_f, _e, n) => {
      const r = await cachedRound('notice');
      const d = await pcall<{ objections: { id: string; content: string }[] }>(
        pf,
        'resident',
        'POST',
        `/api/purchase/rounds/${r.roundId}/objections`,
        { content: `待答复异议${n}` },
      );
      return {
        method: 'POST',
        url: `/api/purchase/objections/${d.objections.find((o) => o.content === `待答复异议${n}`)!.id}/answer`,
        payload: { answer: '已核实，评审程序合规', upheld: false },
      };
    },
  },
  {
    route: 'GET /api/purchase/rounds/:id/ocds',
    ability: 'public',
    targeted: false,
    make: async () => ({ method: 'GET', url: `/api/purchase/rounds/${(await cachedRound('signed')).roundId}/ocds` }),
  },
  plainGet('/ocds/records', 'public'),
  plainGet('/ocds/releases', 'public'),
  plainGet('/ocds/releases/full.json', 'public'),
  plainGet('/ocds/publication-policy', 'public'),
  plainGet('/api/purchase/ocds/extension.json', 'public'),
  plainGet('/api/purchase/ocds/release-schema.json', 'public'),
  {
    route: 'GET /api/purchase/rounds/:id/proposals',
    ability: 'purchase.read',
    targeted: false,
    make: async () => ({
      method: 'GET',
      url: `/api/purchase/rounds/${(await cachedRound('scoring')).roundId}/proposals`,
    }),
  },
  {
    route: 'POST /api/purchase/rounds/:id/proposals',
    ability: 'purchase.propose',
    targeted: false,
    make: async (_f, e, n) => ({
      method: 'POST',
      url: `/api/purchase/rounds/${(await cachedRound('open')).roundId}/proposals`,
      payload: proposalBody(await communityId(e.ctx.db), `矩阵项目${n}`),
    }),
  },
  {
    route: 'GET /api/purchase/proposals/:id',
    ability: 'purchase.read',
    targeted: true,
    make: async () => ({
      method: 'GET',
      url: `/api/purchase/proposals/${(await cachedRound('scoring')).proposalIds[0]}`,
    }),
  },
  {
    route: 'GET /api/purchase/proposals/:id/attachments/:attId',
    ability: 'purchase.read',
    targeted: true,
    make: async (_f, e) => {
      const p = (await cachedRound('scoring')).proposalIds[0]!;
      const [a] = await queryRows<{ id: string }>(
        e.ctx.db,
        sql`select id from purchase_attachments where proposal_id = ${p}`,
      );
      return { method: 'GET', url: `/api/purchase/proposals/${p}/attachments/${a!.id}` };
    },
  },
  {
    route: 'POST /api/purchase/proposals/:id/withdraw',
    ability: 'purchase.propose',
    targeted: true,
    make: async (_f, e) => {
      const r = await cachedRound('open');
      const p = await pcall<{ proposal: { id: string } }>(
        pf,
        'yiyuanli',
        'POST',
        `/api/purchase/rounds/${r.roundId}/proposals`,
        proposalBody(await communityId(e.ctx.db)),
      );
      return { method: 'POST', url: `/api/purchase/proposals/${p.proposal.id}/withdraw` };
    },
  },
  {
    route: 'POST /api/purchase/proposals/:id/screen',
    ability: 'purchase.manage',
    targeted: true,
    make: async () => ({
      method: 'POST',
      url: `/api/purchase/proposals/${(await cachedRound('closed')).proposalIds[0]}/screen`,
      payload: { pass: true },
    }),
  },
  // each juror recuses from a proposal of its own; everybody else targets the sixth
  {
    route: 'POST /api/purchase/proposals/:id/recuse',
    ability: 'purchase.score',
    targeted: true,
    make: async (_f, _e, _n, u) => {
      const r = await cachedRound('scoring', 'recuse', 6);
      return {
        method: 'POST',
        url: `/api/purchase/proposals/${r.proposalIds[/^juror[1-5]$/.test(u) ? Number(u.slice(5)) - 1 : 5]}/recuse`,
        payload: { reason: '与申报单位有利害关系' },
      };
    },
  },
  {
    route: 'PUT /api/purchase/proposals/:id/score',
    ability: 'purchase.score',
    targeted: true,
    make: async () => ({
      method: 'PUT',
      url: `/api/purchase/proposals/${(await cachedRound('scoring')).proposalIds[0]}/score`,
      payload: { scores: { effectiveness: 88, team: 80, potential: 85 }, reason: '矩阵测试复核' },
    }),
  },
  plainGet('/api/purchase/contracts', 'purchase.read'),
  {
    route: 'GET /api/purchase/contracts/:id',
    ability: 'purchase.read',
    targeted: true,
    make: async () => ({
      method: 'GET',
      url: `/api/purchase/contracts/${(await cachedRound('signed')).contractIds[0]}`,
    }),
  },
  {
    route: 'POST /api/purchase/contracts/:id/sign',
    ability: 'purchase.contract',
    targeted: true,
    make: async () => {
      const c = (await roundIn(pf, 'awarded')).contractIds[0]!;
      const d = await pcall<{ contract: { version: number; amountCents: number } }>(
        pf,
        'admin',
        'GET',
        `/api/purchase/contracts/${c}`,
      );
      return {
        method: 'POST',
        url: `/api/purchase/contracts/${c}/sign`,
        payload: {
          version: d.contract.version,
          periodStart: '2026-12-01',
          periodEnd: '2027-11-30',
          milestones: [{ title: '全额', dueOn: '2027-06-30', trancheCents: d.contract.amountCents }],
        },
      };
    },
  },
  {
    route: 'POST /api/purchase/contracts/:id/milestones/:milestoneId/evidence',
    ability: 'purchase.deliver',
    targeted: true,
    make: async () => {
      const { contractId, milestoneId } = await milestoneIn('pending');
      return {
        method: 'POST',
        url: `/api/purchase/contracts/${contractId}/milestones/${milestoneId}/evidence`,
        payload: { evidence: '活动签到表与照片' },
      };
    },
  },
  {
    route: 'POST /api/purchase/contracts/:id/milestones/:milestoneId/review',
    ability: 'purchase.contract',
    targeted: true,
    make: async () => {
      const { contractId, milestoneId } = await milestoneIn('submitted');
      return {
        method: 'POST',
        url: `/api/purchase/contracts/${contractId}/milestones/${milestoneId}/review`,
        payload: { accept: true, note: '同意拨付' },
      };
    },
  },
  {
    route: 'POST /api/purchase/contracts/:id/deliveries',
    ability: 'purchase.deliver',
    targeted: true,
    make: async (_f, e) => ({
      method: 'POST',
      url: `/api/purchase/contracts/${(await cachedRound('signed')).contractIds[0]}/deliveries`,
      payload: {
        communityId: await communityId(e.ctx.db),
        heldOn: '2026-12-10',
        title: '太极拳教学',
        beneficiaries: 25,
      },
    }),
  },
  {
    route: 'POST /api/purchase/contracts/:id/evaluate',
    ability: 'purchase.contract',
    targeted: true,
    make: async () => {
      const c = (await roundIn(pf, 'signed')).contractIds[0]!;
      const m = (
        await pcall<{ contract: { milestones: { id: string }[] } }>(pf, 'admin', 'GET', `/api/purchase/contracts/${c}`)
      ).contract.milestones[0]!.id;
      await pcall(pf, 'yiyuanli', 'POST', `/api/purchase/contracts/${c}/milestones/${m}/evidence`, {
        evidence: '总结报告',
      });
      await pcall(pf, 'shuibosi', 'POST', `/api/purchase/contracts/${c}/milestones/${m}/review`, { accept: true });
      return {
        method: 'POST',
        url: `/api/purchase/contracts/${c}/evaluate`,
        payload: { score: 88, comment: '按期完成，居民满意' },
      };
    },
  },
  // Last: registering detaches yiyuanli's account from its organisation first (one organisation per account).
  {
    route: 'POST /api/purchase/orgs',
    ability: 'purchase.propose',
    targeted: false,
    make: async (_f, e, n, u) => {
      if (u === 'yiyuanli')
        await e.ctx.db.execute(
          sql`update purchase_orgs set account_user_id = null where account_user_id = (select id from users where username = 'yiyuanli')`,
        );
      return {
        method: 'POST',
        url: '/api/purchase/orgs',
        payload: { name: `矩阵社会组织${n}`, creditCode: `52140200MJ${String(n).padStart(7, '0')}Y`, legalRep: '刘毅' },
      };
    },
  },
  // --- volunteers, stations, canteens ---
  // Fixtures sit in 星港城: activities, tasks and a party-mass station and a canteen made there by the admin;
  // the 星港城 resident is the volunteer.
  {
    route: 'GET /api/volunteer-teams',
    ability: 'volunteers.read',
    targeted: false,
    make: () => ({ method: 'GET', url: '/api/volunteer-teams?limit=5' }),
  },
  {
    route: 'POST /api/volunteer-teams',
    ability: 'volunteers.manage',
    targeted: true,
    make: (f, _e, n) => ({
      method: 'POST',
      url: '/api/volunteer-teams',
      payload: { name: `矩阵服务队${n}`, kind: 'general', orgUnitId: f.compoundId },
    }),
  },
  {
    route: 'POST /api/volunteer-teams/:id/members',
    ability: 'volunteers.manage',
    targeted: true,
    make: async (f, _e, n) => {
      const team = await adminPost<{ team: { id: string } }>('/api/volunteer-teams', {
        name: `矩阵队${n}`,
        kind: 'general',
        orgUnitId: f.compoundId,
      });
      return { method: 'POST', url: `/api/volunteer-teams/${team.team.id}/members`, payload: { personId: f.personId } };
    },
  },
  {
    route: 'GET /api/volunteer-activities',
    ability: 'volunteers.read',
    targeted: false,
    make: () => ({ method: 'GET', url: '/api/volunteer-activities?limit=5' }),
  },
  {
    route: 'POST /api/volunteer-activities',
    ability: 'volunteers.manage',
    targeted: true,
    make: (f, _e, n) => ({ method: 'POST', url: '/api/volunteer-activities', payload: activityBody(f, n) }),
  },
  {
    route: 'GET /api/volunteer-activities/:id',
    ability: 'volunteers.read',
    targeted: true,
    make: async () => ({ method: 'GET', url: `/api/volunteer-activities/${await newActivity()}` }),
  },
  {
    route: 'GET /api/volunteer-activities/:id/qr',
    ability: 'volunteers.manage',
    targeted: true,
    make: async () => ({ method: 'GET', url: `/api/volunteer-activities/${await newActivity()}/qr` }),
  },
  plainGet('/api/my/volunteer-activities', 'volunteers.participate'),
  {
    route: 'POST /api/volunteer-activities/:id/signups',
    ability: 'volunteers.participate',
    targeted: true,
    make: async () => ({ method: 'POST', url: `/api/volunteer-activities/${await newActivity()}/signups` }),
  },
  {
    route: 'POST /api/volunteer-checkins',
    ability: 'volunteers.participate',
    targeted: true,
    make: async () => ({
      method: 'POST',
      url: '/api/volunteer-checkins',
      payload: { token: (await qrOf(await newActivity())).in },
    }),
  },
  plainGet('/api/my/volunteering', 'volunteers.participate'),
  plainGet('/api/my/service-tasks', 'volunteers.participate'),
  {
    route: 'POST /api/service-tasks/:id/claim',
    ability: 'volunteers.participate',
    targeted: true,
    make: async () => ({ method: 'POST', url: `/api/service-tasks/${await newTask()}/claim` }),
  },
  {
    route: 'POST /api/service-tasks/:id/complete',
    ability: 'volunteers.participate',
    targeted: true,
    make: async () => {
      const id = await newTask();
      await env.app.inject({
        method: 'POST',
        url: `/api/service-tasks/${id}/claim`,
        headers: { cookie: cookies.get('resident')! },
      });
      return { method: 'POST', url: `/api/service-tasks/${id}/complete`, payload: { hours: 1.5 } };
    },
  },
  {
    route: 'POST /api/service-tasks/claim-order',
    ability: 'volunteers.participate',
    targeted: true,
    make: async () => ({
      method: 'POST',
      url: '/api/service-tasks/claim-order',
      payload: { orderId: (await orderIn(oc, 'accepted')).id },
    }),
  },
  {
    route: 'GET /api/service-tasks',
    ability: 'volunteers.read',
    targeted: false,
    make: () => ({ method: 'GET', url: '/api/service-tasks?limit=5' }),
  },
  {
    route: 'POST /api/service-tasks',
    ability: 'volunteers.manage',
    targeted: true,
    make: (f, _e, n) => ({
      method: 'POST',
      url: '/api/service-tasks',
      payload: { compoundId: f.compoundId, kind: 'task', title: `矩阵任务${n}` },
    }),
  },
  {
    route: 'GET /api/service-records',
    ability: 'volunteers.read',
    targeted: false,
    make: () => ({ method: 'GET', url: '/api/service-records?status=pending&limit=5' }),
  },
  plainGet('/api/service-records.xlsx', 'volunteers.read'),
  {
    route: 'POST /api/service-records/:id/confirm',
    ability: 'volunteers.manage',
    targeted: true,
    make: async () => ({
      method: 'POST',
      url: `/api/service-records/${await pendingRecord()}/confirm`,
      payload: { approve: true, hours: 2 },
    }),
  },
  {
    route: 'GET /api/points/ledger',
    ability: 'volunteers.read',
    targeted: false,
    make: () => ({ method: 'GET', url: '/api/points/ledger?limit=5' }),
  },
  plainGet('/api/points/ledger.xlsx', 'volunteers.read'),
  {
    route: 'GET /api/points/accounts/:id',
    ability: 'points.redeem',
    targeted: true,
    make: (f) => ({ method: 'GET', url: `/api/points/accounts/${f.personId}` }),
  },
  plainGet('/api/love-supermarket/items', 'stations.read'),
  {
    route: 'POST /api/love-supermarket/items',
    ability: 'points.redeem',
    targeted: true,
    make: async (_f, _e, n) => ({
      method: 'POST',
      url: '/api/love-supermarket/items',
      payload: { stationId: await partyStation(), name: `矩阵物品${n}`, pointsCost: 1, stock: 5 },
    }),
  },
  {
    route: 'POST /api/points/redemptions',
    ability: 'points.redeem',
    targeted: true,
    make: async () => ({
      method: 'POST',
      url: '/api/points/redemptions',
      payload: { cardNumber: await residentCard(), itemId: await cheapItem(), quantity: 1 },
    }),
  },
  {
    route: 'POST /api/points/counter/lookup',
    ability: 'points.redeem',
    targeted: true,
    make: async () => ({
      method: 'POST',
      url: '/api/points/counter/lookup',
      payload: { stationId: await partyStation(), cardNumber: await residentCard() },
    }),
  },
  // another 星港城 resident, so that re-issuing does not void the card the other rows use
  {
    route: 'POST /api/points/cards',
    ability: 'points.redeem',
    targeted: true,
    make: async (f) => ({ method: 'POST', url: '/api/points/cards', payload: { personId: await neighbourPerson(f) } }),
  },
  {
    route: 'POST /api/points/me/presence-code',
    ability: 'volunteers.participate',
    targeted: false,
    make: () => ({ method: 'POST', url: '/api/points/me/presence-code' }),
  },
  {
    route: 'POST /api/compound-reports',
    ability: 'volunteers.manage',
    targeted: true,
    make: async (f) => {
      const [r] = await queryRows<{ id: string }>(
        env.ctx.db,
        sql`select id from people where 'rider' = any(tags) order by id limit 1`,
      );
      return {
        method: 'POST',
        url: '/api/compound-reports',
        payload: { personId: r!.id, compoundId: f.compoundId, kind: 'rider' },
      };
    },
  },
  {
    route: 'GET /api/compound-reports/members',
    ability: 'volunteers.read',
    targeted: false,
    make: () => ({ method: 'GET', url: '/api/compound-reports/members?limit=5' }),
  },
  plainGet('/api/compound-reports/members.xlsx', 'volunteers.read'),
  plainGet('/api/compound-reports/summary', 'volunteers.read'),
  plainGet('/api/assessment-config', 'volunteers.read'),
  {
    route: 'PUT /api/assessment-config',
    ability: 'volunteers.configure',
    targeted: false,
    make: async () => {
      const c = json<{ year: number; items: unknown[]; grades: unknown; version: number }>(
        await env.app.inject({
          method: 'GET',
          url: '/api/assessment-config',
          headers: { cookie: cookies.get('admin')! },
        }),
      );
      return {
        method: 'PUT',
        url: '/api/assessment-config',
        payload: { year: c.year, items: c.items, grades: c.grades, version: c.version },
      };
    },
  },
  {
    route: 'POST /api/stations',
    ability: 'stations.manage',
    targeted: true,
    make: (f, _e, n) => ({
      method: 'POST',
      url: '/api/stations',
      payload: { kind: 'party_mass', name: `矩阵服务站${n}`, orgUnitId: f.compoundId, lat: 40.08, lng: 113.3 },
    }),
  },
  {
    route: 'GET /api/stations/:id',
    ability: 'stations.read',
    targeted: true,
    make: async () => ({ method: 'GET', url: `/api/stations/${await partyStation()}` }),
  },
  {
    route: 'POST /api/stations/:id/services',
    ability: 'stations.manage',
    targeted: true,
    make: async (_f, _e, n) => ({
      method: 'POST',
      url: `/api/stations/${await partyStation()}/services`,
      payload: { category: 'skills', name: `技能培训${n}` },
    }),
  },
  {
    route: 'GET /api/stations/:id/love-corners',
    ability: 'stations.read',
    targeted: true,
    make: async () => ({ method: 'GET', url: `/api/stations/${await partyStation()}/love-corners` }),
  },
  {
    route: 'GET /api/compounds/:id/living-circle',
    ability: 'stations.read',
    targeted: true,
    make: (f) => ({ method: 'GET', url: `/api/compounds/${f.compoundId}/living-circle` }),
  },
  plainGet('/api/rider-meetings', 'stations.read'),
  {
    route: 'POST /api/rider-meetings',
    ability: 'stations.manage',
    targeted: true,
    make: async () => ({
      method: 'POST',
      url: '/api/rider-meetings',
      payload: {
        stationId: await partyStation(),
        heldOn: '2026-11-20',
        demands: [{ difficulty: 'rights', content: '小区不让电动车进入' }],
      },
    }),
  },
  {
    route: 'POST /api/rider-demands/:id/convert',
    ability: 'stations.manage',
    targeted: true,
    make: async (f) => ({
      method: 'POST',
      url: `/api/rider-demands/${await newDemand()}/convert`,
      payload: { compoundId: f.compoundId, categoryId: 'C03' },
    }),
  },
  {
    route: 'POST /api/rider-demands/:id/answer',
    ability: 'stations.manage',
    targeted: true,
    make: async () => ({
      method: 'POST',
      url: `/api/rider-demands/${await newDemand()}/answer`,
      payload: { answer: '已与物业协商开放通道' },
    }),
  },
  plainGet('/api/job-postings', 'stations.read'),
  {
    route: 'POST /api/job-postings',
    ability: 'stations.manage',
    targeted: true,
    make: async () => ({
      method: 'POST',
      url: '/api/job-postings',
      payload: { stationId: await partyStation(), title: '保洁员', employer: '国东物业', skills: ['保洁'] },
    }),
  },
  {
    route: 'POST /api/job-seekers',
    ability: 'stations.manage',
    targeted: true,
    make: async () => ({
      method: 'POST',
      url: '/api/job-seekers',
      payload: { stationId: await partyStation(), name: '郝桂芳', skills: ['保洁'] },
    }),
  },
  {
    route: 'GET /api/job-seekers/:id/matches',
    ability: 'stations.manage',
    targeted: true,
    make: async () => ({ method: 'GET', url: `/api/job-seekers/${(await jobPair()).seekerId}/matches` }),
  },
  {
    route: 'POST /api/job-matches',
    ability: 'stations.manage',
    targeted: true,
    make: async () => ({ method: 'POST', url: '/api/job-matches', payload: await jobPair() }),
  },
  plainGet('/api/canteen-subsidy-rules', 'stations.read'),
  // the resident's own canteens (their street), menu priced for them and their meals (my-canteens.test.ts)
  plainGet('/api/canteens/mine', 'canteens.dine'),
  // Notifications: everyone's own inbox ('authenticated'); the dead-letter view is the administrators'.
  plainGet('/api/notifications', 'authenticated'),
  plainGet('/api/notifications/unread-count', 'authenticated'),
  {
    route: 'GET /api/notifications/stream',
    ability: 'authenticated',
    targeted: false,
    make: () => ({ method: 'GET', url: '/api/notifications/stream?once=1' }),
  },
  {
    route: 'POST /api/notifications/read-all',
    ability: 'authenticated',
    targeted: false,
    make: () => ({ method: 'POST', url: '/api/notifications/read-all' }),
  },
  {
    route: 'POST /api/notifications/:id/read',
    ability: 'authenticated',
    targeted: false,
    // the caller's own newest notification (one is written for each caller before the row runs)
    make: async (_f, e, _n, username) => {
      const [r] = await queryRows<{ id: number }>(
        e.ctx.db,
        sql`select n.id from notifications n join users u on u.id = n.user_id where u.username = ${username} order by n.id desc limit 1`,
      );
      return { method: 'POST', url: `/api/notifications/${r?.id ?? 1}/read` };
    },
  },
  plainGet('/api/notifications/preferences', 'authenticated'),
  {
    route: 'PUT /api/notifications/preferences',
    ability: 'authenticated',
    targeted: false,
    make: () => ({ method: 'PUT', url: '/api/notifications/preferences', payload: { quietHours: true } }),
  },
  plainGet('/api/notification-jobs/dead', 'notifications.admin'),
  {
    route: 'POST /api/notification-jobs/:id/retry',
    ability: 'notifications.admin',
    targeted: false,
    make: async (_f, e) => ({ method: 'POST', url: `/api/notification-jobs/${await deadJob(e)}/retry` }),
  },
  {
    route: 'POST /api/notification-jobs/:id/discard',
    ability: 'notifications.admin',
    targeted: false,
    make: async (_f, e) => ({ method: 'POST', url: `/api/notification-jobs/${await deadJob(e)}/discard` }),
  },
  {
    route: 'PUT /api/canteen-subsidy-rules/:id',
    ability: 'canteens.configure',
    targeted: false,
    make: () => ({
      method: 'PUT',
      url: '/api/canteen-subsidy-rules/ELDER-90',
      payload: { category: 'elderly', label: '90 岁以上 半价', minAge: 90, mode: 'percent', value: 50 },
    }),
  },
  {
    route: 'GET /api/canteens/:id/menu',
    ability: 'stations.read',
    targeted: true,
    make: async () => ({ method: 'GET', url: `/api/canteens/${await canteen()}/menu` }),
  },
  {
    route: 'POST /api/canteens/:id/menu-items',
    ability: 'canteens.manage',
    targeted: true,
    make: async () => ({
      method: 'POST',
      url: `/api/canteens/${await canteen()}/menu-items`,
      payload: { name: '银发软饭', meal: 'lunch', priceCents: 1200, isSilver: true },
    }),
  },
  {
    route: 'GET /api/canteens/:id/meals',
    ability: 'canteens.manage',
    targeted: true,
    make: async () => ({ method: 'GET', url: `/api/canteens/${await canteen()}/meals` }),
  },
  {
    route: 'POST /api/canteens/:id/meals',
    ability: 'canteens.manage',
    targeted: true,
    make: async () => ({
      method: 'POST',
      url: `/api/canteens/${await canteen()}/meals`,
      payload: { meal: 'lunch', priceCents: 1500 },
    }),
  },
  {
    route: 'GET /api/canteens/:id/deliveries',
    ability: 'canteens.manage',
    targeted: true,
    make: async () => ({ method: 'GET', url: `/api/canteens/${await canteen()}/deliveries` }),
  },
  {
    route: 'POST /api/canteens/:id/deliveries',
    ability: 'canteens.manage',
    targeted: true,
    make: async (f, _e, n) => ({
      method: 'POST',
      url: `/api/canteens/${await canteen()}/deliveries`,
      payload: deliveryBody(f, n),
    }),
  },
  {
    route: 'POST /api/canteen-deliveries/:id/deliver',
    ability: 'canteens.manage',
    targeted: true,
    make: async (f, _e, n) => {
      const d = await adminPost<{ delivery: { id: string } }>(
        `/api/canteens/${await canteen()}/deliveries`,
        deliveryBody(f, n),
      );
      return { method: 'POST', url: `/api/canteen-deliveries/${d.delivery.id}/deliver`, payload: { priceCents: 1500 } };
    },
  },
  {
    route: 'GET /api/canteens/:id/settlements/:month',
    ability: 'canteens.manage',
    targeted: true,
    make: async () => ({ method: 'GET', url: `/api/canteens/${await canteen()}/settlements/${lastMonth()}` }),
  },
  {
    route: 'GET /api/canteens/:id/settlements/:month/xlsx',
    ability: 'canteens.manage',
    targeted: true,
    make: async () => ({ method: 'GET', url: `/api/canteens/${await canteen()}/settlements/${lastMonth()}/xlsx` }),
  },
  {
    route: 'POST /api/canteens/:id/settlements/:month',
    ability: 'canteens.manage',
    targeted: true,
    make: async (_f, _e, n) => {
      const c = await adminPost<{ station: { id: string } }>('/api/stations', {
        kind: 'canteen',
        name: `矩阵餐厅${n}`,
        orgUnitId: fx.compoundId,
      });
      return { method: 'POST', url: `/api/canteens/${c.station.id}/settlements/${lastMonth()}` };
    },
  },
  // 附件: anyone signed in uploads; a file is read by its uploader (and the linked record's readers: attachments.test.ts)
  {
    route: 'POST /api/attachments',
    ability: 'authenticated',
    targeted: false,
    make: () => ({
      method: 'POST',
      url: '/api/attachments?purpose=order_result',
      multipart: Buffer.from(JPEG_1PX, 'base64'),
    }),
  },
  {
    route: 'GET /api/attachments/:id',
    ability: 'authenticated',
    targeted: false,
    make: async (_f, e, _n, username) => ({ method: 'GET', url: (await ownAttachment(e, username)).url }),
  },
  {
    route: 'GET /api/attachments/:id/thumbnail',
    ability: 'authenticated',
    targeted: false,
    make: async (_f, e, _n, username) => ({ method: 'GET', url: (await ownAttachment(e, username)).thumbnailUrl! }),
  },
  // --- assessment (接诉即办考核): ranking, drill-down, settings, appeals, callbacks ---
  {
    route: 'GET /api/assessment/ranking',
    ability: 'assessment.read',
    targeted: false,
    make: () => ({ method: 'GET', url: `/api/assessment/ranking?month=${thisMonth()}&kind=community` }),
  },
  {
    route: 'GET /api/assessment/ranking.xlsx',
    ability: 'assessment.read',
    targeted: false,
    make: () => ({ method: 'GET', url: `/api/assessment/ranking.xlsx?month=${thisMonth()}` }),
  },
  {
    route: 'GET /api/assessment/drill',
    ability: 'assessment.read',
    targeted: false,
    make: async () => ({
      method: 'GET',
      url: `/api/assessment/drill?month=${thisMonth()}&unitKind=street&unitId=${await streetOfXinggang()}&rate=response`,
    }),
  },
  plainGet('/api/assessment/settings', 'assessment.read'),
  {
    route: 'PUT /api/assessment/settings',
    ability: 'assessment.configure',
    targeted: false,
    make: async () => ({ method: 'PUT', url: '/api/assessment/settings', payload: await streetReviewSettings() }),
  },
  plainGet('/api/assessment/appeals', 'assessment.read'),
  {
    // each caller appeals for its own unit, on a closed order of that unit
    route: 'POST /api/assessment/appeals',
    ability: 'appeals.file',
    targeted: false,
    make: async (_f, _e, _n, username) => ({
      method: 'POST',
      url: '/api/assessment/appeals',
      payload: await ownUnitAppeal(username),
    }),
  },
  {
    route: 'POST /api/assessment/appeals/:id/decision',
    ability: 'appeals.review',
    targeted: true,
    make: async () => {
      await putSettings(await streetReviewSettings());
      const appeal = await adminLike<{ appeal: { id: string; version: number } }>('taihe', '/api/assessment/appeals', {
        ...(await ownUnitAppeal('taihe')),
      });
      return {
        method: 'POST',
        url: `/api/assessment/appeals/${appeal.appeal.id}/decision`,
        payload: { approve: true, note: '核减', version: appeal.appeal.version },
      };
    },
  },
  plainGet('/api/assessment/callbacks', 'callbacks.manage'),
  {
    route: 'GET /api/assessment/callbacks/:id',
    ability: 'callbacks.manage',
    targeted: true,
    make: async () => ({ method: 'GET', url: `/api/assessment/callbacks/${await unratedClosedOrder()}` }),
  },
  {
    route: 'POST /api/assessment/callbacks/:id',
    ability: 'callbacks.manage',
    targeted: true,
    make: async () => ({
      method: 'POST',
      url: `/api/assessment/callbacks/${await unratedClosedOrder()}`,
      payload: { outcome: 'satisfied', resolved: true },
    }),
  },
  // ── 物业: the register is the district's; contracts belong to their compound (星港城 here, not 国东物业's) ──
  plainGet('/api/property/companies', 'property.read'),
  {
    route: 'POST /api/property/companies',
    ability: 'property.manage',
    targeted: false,
    make: (_f, _e, n) => ({
      method: 'POST',
      url: '/api/property/companies',
      payload: { name: `矩阵物业${n}有限公司`, creditCode: matrixCreditCode(n) },
    }),
  },
  {
    route: 'GET /api/property/companies/:id',
    ability: 'property.read',
    targeted: false,
    make: async () => ({ method: 'GET', url: `/api/property/companies/${await guodongCompany()}` }),
  },
  {
    route: 'PATCH /api/property/companies/:id',
    ability: 'property.manage',
    targeted: false,
    make: async () => {
      const c = await matrixCompany();
      return {
        method: 'PATCH',
        url: `/api/property/companies/${c.id}`,
        payload: { contactName: '改', version: c.version },
      };
    },
  },
  {
    route: 'GET /api/property/compounds/:id',
    ability: 'property.read',
    targeted: true,
    make: (f) => ({ method: 'GET', url: `/api/property/compounds/${f.compoundId}` }),
  },
  {
    route: 'POST /api/property/compounds/:id/contract',
    ability: 'property.manage',
    targeted: true,
    make: async (f) => {
      const state = await compoundContract(f);
      const next = (await matrixCompanies()).find((c) => c.id !== state.current?.companyId)!;
      return {
        method: 'POST',
        url: `/api/property/compounds/${f.compoundId}/contract`,
        payload: {
          companyId: next.id,
          startsOn: '2026-12-01',
          feeStandard: '住宅 1.00 元/㎡·月',
          scope: '保洁',
          expectedVersion: state.contractVersion,
        },
      };
    },
  },
  {
    route: 'POST /api/property/contracts/:id/end',
    ability: 'property.manage',
    targeted: true,
    make: async (f) => {
      let state = await compoundContract(f);
      if (!state.current) {
        const company = (await matrixCompanies())[0]!;
        state = await adminPost(`/api/property/compounds/${f.compoundId}/contract`, {
          companyId: company.id,
          startsOn: '2026-12-01',
          feeStandard: '住宅 1.00 元/㎡·月',
          scope: '保洁',
          expectedVersion: 0,
        });
      }
      return {
        method: 'POST',
        url: `/api/property/contracts/${state.current!.id}/end`,
        payload: { endedOn: '2026-12-02', reason: 'terminated', version: state.current!.version },
      };
    },
  },
  plainGet('/api/property/unmanaged', 'property.read'),
  // ── 老旧小区改造 ── 星港城's projects: read where its contracts are read, recorded by the staff above it
  plainGet('/api/property/renovations/summary', 'property.read'),
  {
    route: 'GET /api/property/compounds/:id/renovations',
    ability: 'property.read',
    targeted: true,
    make: (f) => ({ method: 'GET', url: `/api/property/compounds/${f.compoundId}/renovations` }),
  },
  {
    route: 'POST /api/property/compounds/:id/renovations',
    ability: 'property.manage',
    targeted: true,
    make: (f) => ({
      method: 'POST',
      url: `/api/property/compounds/${f.compoundId}/renovations`,
      payload: {
        year: 2026,
        items: ['roads'],
        investmentYuan: 10000,
        implementer: '矩阵施工单位',
        status: 'in_progress',
      },
    }),
  },
  // ── consult ── a fresh survey of 星港城 per call, opened by 和泰社区 (taihe)
  plainGet('/api/consultations', 'consultations.read'),
  {
    route: 'POST /api/consultations',
    ability: 'consultations.manage',
    targeted: true,
    make: (f) => ({ method: 'POST', url: '/api/consultations', payload: matrixSurvey(f) }),
  },
  {
    route: 'GET /api/consultations/:id',
    ability: 'consultations.read',
    targeted: true,
    make: async (f) => ({ method: 'GET', url: `/api/consultations/${await newSurvey(f)}` }),
  },
  {
    route: 'POST /api/consultations/:id/answers',
    ability: 'consultations.answer',
    targeted: true,
    make: async (f) => ({
      method: 'POST',
      url: `/api/consultations/${await newSurvey(f)}/answers`,
      payload: { answers: [{ questionId: 1, choices: [0] }] },
    }),
  },
  {
    route: 'POST /api/consultations/:id/paper-ballots',
    ability: 'consultations.manage',
    targeted: true,
    make: async (f) => ({
      method: 'POST',
      url: `/api/consultations/${await newSurvey(f)}/paper-ballots`,
      payload: { householdId: await xinggangHousehold(), answers: [{ questionId: 1, choices: [1] }] },
    }),
  },
  {
    route: 'GET /api/consultations/:id/results',
    ability: 'consultations.read',
    targeted: true,
    make: async (f) => ({ method: 'GET', url: `/api/consultations/${await newSurvey(f, 'published')}/results` }),
  },
  {
    route: 'POST /api/consultations/:id/close',
    ability: 'consultations.manage',
    targeted: true,
    make: async (f) => ({
      method: 'POST',
      url: `/api/consultations/${await newSurvey(f)}/close`,
      payload: { version: 1 },
    }),
  },
  {
    route: 'POST /api/consultations/:id/publish',
    ability: 'consultations.manage',
    targeted: true,
    make: async (f) => ({
      method: 'POST',
      url: `/api/consultations/${await newSurvey(f, 'closed')}/publish`,
      payload: { version: 2 },
    }),
  },
  // ── proposals ── 居民提议 of 星港城: raised by the resident; seconded on one raised by another household
  plainGet('/api/proposals', 'proposals.read'),
  {
    route: 'POST /api/proposals',
    ability: 'proposals.raise',
    targeted: false,
    make: () => ({
      method: 'POST',
      url: '/api/proposals',
      payload: { title: '矩阵提议：增设晾衣架', description: '小区空地较多，建议在南侧增设公共晾衣架' },
    }),
  },
  {
    route: 'GET /api/proposals/:id',
    ability: 'proposals.read',
    targeted: true,
    make: async () => ({ method: 'GET', url: `/api/proposals/${await otherHouseholdsProposal()}` }),
  },
  {
    route: 'POST /api/proposals/:id/support',
    ability: 'proposals.raise',
    targeted: true,
    make: async () => ({ method: 'POST', url: `/api/proposals/${await otherHouseholdsProposal()}/support` }),
  },
  // ── topics ── 每月一题 / 治理课题
  {
    route: 'GET /api/assessment/hotspots',
    ability: 'topics.read',
    targeted: false,
    make: () => ({ method: 'GET', url: `/api/assessment/hotspots?month=${thisMonth()}` }),
  },
  plainGet('/api/assessment/topics', 'topics.read'),
  {
    route: 'POST /api/assessment/topics',
    ability: 'topics.manage',
    targeted: false,
    make: async (f, _e, n) => ({ method: 'POST', url: '/api/assessment/topics', payload: await topicBody(f, n) }),
  },
  {
    route: 'GET /api/assessment/topics/:id',
    ability: 'topics.read',
    targeted: false,
    make: async (f) => ({ method: 'GET', url: `/api/assessment/topics/${(await matrixTopic(f)).id}` }),
  },
  {
    route: 'PATCH /api/assessment/topics/:id',
    ability: 'topics.manage',
    targeted: false,
    make: async (f) => {
      const t = await matrixTopic(f);
      return {
        method: 'PATCH',
        url: `/api/assessment/topics/${t.id}`,
        payload: { owners: ['区城管委'], version: t.version },
      };
    },
  },
  {
    route: 'POST /api/assessment/topics/:id/actions',
    ability: 'topics.manage',
    targeted: false,
    make: async (f) => {
      const t = await matrixTopic(f);
      return {
        method: 'POST',
        url: `/api/assessment/topics/${t.id}/actions`,
        payload: { title: '矩阵措施', owner: '区城管委', dueDate: '2027-01-31', version: t.version },
      };
    },
  },
  {
    route: 'PATCH /api/assessment/topics/:id/actions/:actionId',
    ability: 'topics.manage',
    targeted: false,
    make: async (f) => {
      let t = await matrixTopic(f);
      if (!t.actions.length)
        t = (
          await adminPost<{ topic: MatrixTopic }>(`/api/assessment/topics/${t.id}/actions`, {
            title: '矩阵措施',
            owner: '区城管委',
            dueDate: '2027-01-31',
            version: t.version,
          })
        ).topic;
      const a = t.actions[0]!;
      return {
        method: 'PATCH',
        url: `/api/assessment/topics/${t.id}/actions/${a.id}`,
        payload: { status: 'doing', version: a.version },
      };
    },
  },
  // ── property ── 公示三专栏 of 星港城 (国东物业 does not serve it, so it may enter none there)
  {
    route: 'GET /api/property/compounds/:id/publications',
    ability: 'property.read',
    targeted: true,
    make: (f) => ({ method: 'GET', url: `/api/property/compounds/${f.compoundId}/publications` }),
  },
  {
    route: 'POST /api/property/compounds/:id/publications',
    ability: 'property.publish',
    targeted: true,
    make: (f) => ({
      method: 'POST',
      url: `/api/property/compounds/${f.compoundId}/publications`,
      payload: { column: 'maintenance', title: '矩阵维修记录', content: '更换路灯' },
    }),
  },
  {
    route: 'POST /api/property/publications/:id/review',
    ability: 'property.review',
    targeted: true,
    make: async (f, _e, n) => ({
      method: 'POST',
      url: `/api/property/publications/${await submittedPublication(f, n)}/review`,
      payload: { decision: 'approve', version: 1 },
    }),
  },
  plainGet('/api/property/publications/overdue', 'property.read'),
  {
    route: 'GET /api/public/property/:districtId/compounds/:compoundId',
    ability: 'public',
    targeted: false,
    make: (f) => ({ method: 'GET', url: `/api/public/property/140213/compounds/${f.compoundId}` }),
  },
  // ── map ──
  plainGet('/api/map/config', 'authenticated'),
  plainGet('/api/map/places', 'stations.read'),
  // ── catalogue ── 派单目录: read by district/street/community/department staff, versions by the district only
  plainGet('/api/dispatch-catalogue', 'catalogue.read'),
  {
    route: 'POST /api/dispatch-catalogue/versions',
    ability: 'catalogue.configure',
    targeted: false,
    make: (_fx, _env, n) => ({
      method: 'POST',
      url: '/api/dispatch-catalogue/versions',
      payload: {
        effectiveFrom: new Date(Date.now() + (30 + n) * 86_400_000).toISOString().slice(0, 10),
        reason: '矩阵测试目录版本',
        entries: [{ categoryId: 'C01', handlers: [{ handlerKind: 'property', workUnitId: null }], handleDays: 3 }],
      },
    }),
  },
  {
    route: 'GET /api/work-orders/:id/dispatch-suggestion',
    ability: 'orders.dispatch',
    targeted: true,
    make: async () => {
      const o = await orderIn(oc, 'accepted');
      return { method: 'GET', url: `/api/work-orders/${o.id}/dispatch-suggestion` };
    },
  }, // ── signfor ── 签收: whoever may work the leg (its department; community staff for a property leg)
  {
    route: 'POST /api/work-orders/:id/legs/:legId/sign',
    ability: 'orders.fulfil',
    targeted: true,
    make: async (_f, _e, _n, u) => legRequest(u, 'sign', {}),
  },
  // ── party-life ── 组织生活 of 星港城's branch (activities made by the admin, started ten minutes ago)
  plainGet('/api/party-life/settings', 'party.life.read'),
  {
    route: 'PUT /api/party-life/settings',
    ability: 'party.life.configure',
    targeted: false,
    make: async () => ({
      method: 'PUT',
      url: '/api/party-life/settings',
      payload: await adminGet<object>('/api/party-life/settings'),
    }),
  },
  plainGet('/api/party-activities', 'party.life.read'),
  {
    route: 'POST /api/party-activities',
    ability: 'party.life.manage',
    targeted: true,
    make: (f, _env, n) => ({ method: 'POST', url: '/api/party-activities', payload: partyActivityBody(f, n) }),
  },
  {
    route: 'GET /api/party-activities/:id',
    ability: 'party.life.read',
    targeted: true,
    make: async (f) => ({
      method: 'GET',
      url: `/api/party-activities/${(lifeActivity ??= await newPartyActivity(f)).id}`,
    }),
  },
  {
    route: 'POST /api/party-activities/:id/attendance',
    ability: 'party.life.manage',
    targeted: true,
    make: async (f) => {
      const a = await newPartyActivity(f);
      return {
        method: 'POST',
        url: `/api/party-activities/${a.id}/attendance`,
        payload: { items: [{ memberId: a.memberId, status: 'leave', leaveReason: '外出' }] },
      };
    },
  },
  {
    route: 'POST /api/party-activities/:id/minutes',
    ability: 'party.life.manage',
    targeted: true,
    make: async (f) => ({
      method: 'POST',
      url: `/api/party-activities/${(await newPartyActivity(f)).id}/minutes`,
      payload: { minutes: '矩阵测试会议记录：传达学习，讨论工作。', version: 1 },
    }),
  },
  {
    route: 'POST /api/party-activities/:id/cancel',
    ability: 'party.life.manage',
    targeted: true,
    make: async (f) => ({
      method: 'POST',
      url: `/api/party-activities/${(await newPartyActivity(f)).id}/cancel`,
      payload: { version: 1 },
    }),
  },
  {
    route: 'GET /api/party-activities/:id/qr',
    ability: 'party.life.manage',
    targeted: true,
    make: async (f) => ({
      method: 'GET',
      url: `/api/party-activities/${(lifeActivity ??= await newPartyActivity(f)).id}/qr`,
    }),
  },
  {
    route: 'POST /api/party-checkins',
    ability: 'party.life.attend',
    targeted: false,
    make: async (f, _env, _n, username) => {
      if (username === 'resident') await residentIsMember(f);
      const a = await newPartyActivity(f);
      const qr = await adminGet<{ token: string }>(`/api/party-activities/${a.id}/qr`);
      return { method: 'POST', url: '/api/party-checkins', payload: { token: qr.token } };
    },
  },
  {
    route: 'GET /api/my/party-life',
    ability: 'party.life.attend',
    targeted: false,
    make: () => ({ method: 'GET', url: '/api/my/party-life?year=2026' }),
  },
  {
    route: 'GET /api/party-orgs/:id/life',
    ability: 'party.life.read',
    targeted: true,
    make: (f) => ({ method: 'GET', url: `/api/party-orgs/${f.branchId}/life?year=2026` }),
  },
  {
    route: 'GET /api/party-orgs/:id/system-checks',
    ability: 'party.life.read',
    targeted: true,
    make: (f) => ({ method: 'GET', url: `/api/party-orgs/${f.branchId}/system-checks?year=2026` }),
  },
  {
    route: 'PUT /api/party-orgs/:id/system-checks/:itemKey',
    ability: 'party.life.manage',
    targeted: true,
    make: (f) => ({
      method: 'PUT',
      url: `/api/party-orgs/${f.branchId}/system-checks/position_management`,
      payload: { year: 2030, evidence: '矩阵测试：阵地管理制度落实材料。' },
    }),
  },
  {
    route: 'POST /api/party-orgs/:id/system-checks/:itemKey/review',
    ability: 'party.life.review',
    targeted: true,
    make: async (f) => {
      // returned (not approved), so the next caller finds it submitted again
      const url = `/api/party-orgs/${f.branchId}/system-checks/position_management`;
      const res = await env.app.inject({
        method: 'PUT',
        url,
        headers: { cookie: cookies.get('admin')! },
        payload: { year: 2031, evidence: '矩阵测试：待审核材料。' },
      });
      assert.equal(res.statusCode, 200, res.body);
      const item = json<{ items: { itemKey: string; version: number }[] }>(res).items.find(
        (i) => i.itemKey === 'position_management',
      )!;
      return {
        method: 'POST',
        url: `${url}/review`,
        payload: { year: 2031, decision: 'returned', version: item.version },
      };
    },
  },
  {
    route: 'GET /api/party-assessments',
    ability: 'party.life.read',
    targeted: false,
    make: () => ({ method: 'GET', url: '/api/party-assessments?year=2025' }),
  },
  {
    route: 'PUT /api/party-orgs/:id/assessments',
    ability: 'party.life.review',
    targeted: true,
    make: (f) => ({
      method: 'PUT',
      url: `/api/party-orgs/${f.branchId}/assessments`,
      payload: {
        year: 2025,
        subject: 'branch',
        scores: { organisation: 20, org_life: 20, service: 15, contribution: 12, contest: 12 },
      },
    }),
  },
  // ── visits ── 走访慰问: district, street and community staff and the party branch, in scope
  plainGet('/api/visit-campaigns', 'visits.read'),
  {
    route: 'POST /api/visit-campaigns',
    ability: 'visits.manage',
    targeted: true,
    make: (f) => ({
      method: 'POST',
      url: '/api/visit-campaigns',
      payload: { title: '矩阵走访慰问', orgUnitId: f.compoundId, startsOn: '2026-01-20', endsOn: '2026-02-20' },
    }),
  },
  plainGet('/api/visits', 'visits.read'),
  plainGet('/api/visits/xlsx', 'visits.read'),
  {
    route: 'GET /api/visits/:id',
    ability: 'visits.read',
    targeted: true,
    make: async (f) => ({ method: 'GET', url: `/api/visits/${(await matrixVisit(f)).id}` }),
  },
  {
    route: 'POST /api/visits',
    ability: 'visits.manage',
    targeted: true,
    make: async (f) => ({ method: 'POST', url: '/api/visits', payload: matrixVisitBody(f, await matrixCampaign(f)) }),
  },
  {
    route: 'POST /api/visit-needs/:id/order',
    ability: 'visits.manage',
    targeted: true,
    make: async (f) => ({
      method: 'POST',
      url: `/api/visit-needs/${(await matrixVisit(f)).needs[0]!.id}/order`,
      payload: { categoryId: 'C01' },
    }),
  },
  {
    route: 'POST /api/visit-needs/:id/refer',
    ability: 'visits.manage',
    targeted: true,
    make: async (f) => ({
      method: 'POST',
      url: `/api/visit-needs/${(await matrixVisit(f)).needs[0]!.id}/refer`,
      payload: { referredTo: '街道民政办' },
    }),
  },
  // ── patrols ── 网格巡查: recorded by the grid worker of 星港城 only; read by community, street, district in scope
  plainGet('/api/patrols', 'patrols.read'),
  {
    route: 'GET /api/patrols/ledger',
    ability: 'patrols.read',
    targeted: false,
    make: () => ({ method: 'GET', url: `/api/patrols/ledger?from=${new Date().toISOString().slice(0, 7)}` }),
  },
  {
    route: 'GET /api/patrols/ledger.xlsx',
    ability: 'patrols.read',
    targeted: false,
    make: () => ({ method: 'GET', url: `/api/patrols/ledger.xlsx?from=${new Date().toISOString().slice(0, 7)}` }),
  },
  {
    route: 'POST /api/patrols',
    ability: 'patrols.record',
    targeted: true,
    make: async (f) => {
      await closeOpenPatrols();
      return { method: 'POST', url: '/api/patrols', payload: { compoundIds: [f.compoundId] } };
    },
  },
  {
    route: 'GET /api/patrols/:id',
    ability: 'patrols.read',
    targeted: true,
    make: async (f) => ({ method: 'GET', url: `/api/patrols/${await matrixPatrol(f)}` }),
  },
  {
    route: 'POST /api/patrols/:id/findings',
    ability: 'patrols.record',
    targeted: true,
    make: async (f) => ({
      method: 'POST',
      url: `/api/patrols/${await matrixPatrol(f)}/findings`,
      payload: {
        compoundId: f.compoundId,
        categoryId: 'C02',
        description: '矩阵巡查发现',
        outcome: 'resolved',
        resolution: '当场处理',
      },
    }),
  },
  {
    route: 'POST /api/patrols/:id/finish',
    ability: 'patrols.record',
    targeted: true,
    make: async (f) => ({ method: 'POST', url: `/api/patrols/${await matrixPatrol(f)}/finish`, payload: {} }),
  },
  // ── whistles ── 吹哨报到: street/community blow and rate, a summoned department checks in, the district reads
  plainGet('/api/whistles', 'whistles.read'),
  {
    route: 'POST /api/whistles',
    ability: 'whistles.blow',
    targeted: true,
    make: (f) => ({ method: 'POST', url: '/api/whistles', payload: whistleBody(f) }),
  },
  {
    route: 'GET /api/whistles/:id',
    ability: 'whistles.read',
    targeted: true,
    make: async (f) => ({ method: 'GET', url: `/api/whistles/${await matrixWhistle(f, 'open')}` }),
  },
  {
    route: 'POST /api/whistles/:id/check-in',
    ability: 'whistles.checkin',
    targeted: true,
    make: async (f) => ({
      method: 'POST',
      url: `/api/whistles/${await matrixWhistle(f, 'open')}/check-in`,
      payload: { note: '矩阵报到' },
    }),
  },
  {
    route: 'POST /api/whistles/:id/report',
    ability: 'whistles.checkin',
    targeted: true,
    make: async (f) => ({
      method: 'POST',
      url: `/api/whistles/${await matrixWhistle(f, 'checked_in')}/report`,
      payload: { action: '矩阵现场处置' },
    }),
  },
  {
    route: 'POST /api/whistles/:id/close',
    ability: 'whistles.blow',
    targeted: true,
    make: async (f) => ({
      method: 'POST',
      url: `/api/whistles/${await matrixWhistle(f, 'open')}/close`,
      payload: { note: '矩阵结束', version: 1 },
    }),
  },
  {
    route: 'POST /api/whistles/:id/ratings',
    ability: 'whistles.blow',
    targeted: true,
    make: async (f) => ({
      method: 'POST',
      url: `/api/whistles/${await matrixWhistle(f, 'closed')}/ratings`,
      payload: { version: 2, ratings: [{ departmentId: 'W001', rating: 'satisfied' }] },
    }),
  },
  // ── evaluation ── 物业服务评价 of 星港城: schemes by the district and streets, evaluations by its branch and community
  plainGet('/api/property/evaluation-schemes', 'property.read'),
  {
    route: 'POST /api/property/evaluation-schemes',
    ability: 'property.evaluation.configure',
    targeted: true,
    make: async () => ({
      method: 'POST',
      url: '/api/property/evaluation-schemes',
      payload: { ...evalSchemeFields(), orgUnitId: await streetOfXinggang(), year: ++evalSchemeYear },
    }),
  },
  {
    route: 'PATCH /api/property/evaluation-schemes/:id',
    ability: 'property.evaluation.configure',
    targeted: true,
    make: async () => {
      const s = await matrixStreetScheme();
      return {
        method: 'PATCH',
        url: `/api/property/evaluation-schemes/${s.id}`,
        payload: { ...evalSchemeFields(), version: s.version },
      };
    },
  },
  {
    route: 'GET /api/property/evaluations',
    ability: 'property.read',
    targeted: false,
    make: () => ({ method: 'GET', url: '/api/property/evaluations?year=2025' }),
  },
  {
    route: 'GET /api/property/evaluation-ranking',
    ability: 'property.read',
    targeted: false,
    make: () => ({ method: 'GET', url: '/api/property/evaluation-ranking?year=2025' }),
  },
  {
    route: 'POST /api/property/compounds/:id/evaluations',
    ability: 'property.evaluate',
    targeted: true,
    make: async (f) => {
      await matrixEvalSchemes();
      await dropEvaluation(f, 2039);
      return {
        method: 'POST',
        url: `/api/property/compounds/${f.compoundId}/evaluations`,
        payload: { year: 2039, closesAt: new Date(Date.now() + 86_400_000).toISOString() },
      };
    },
  },
  {
    route: 'GET /api/property/evaluations/:id',
    ability: 'property.read',
    targeted: true,
    make: async (f) => ({ method: 'GET', url: `/api/property/evaluations/${(await openEvaluation(f)).id}` }),
  },
  {
    route: 'PUT /api/property/evaluations/:id/scores',
    ability: 'property.evaluate',
    targeted: true,
    make: async (f, _e, _n, username) => {
      const e = await openEvaluation(f);
      return {
        method: 'PUT',
        url: `/api/property/evaluations/${e.id}/scores`,
        // the branch secretary enters the branch's, the community the owners' committee's
        payload: {
          party: username === 'xinggang-branch' ? 'branch' : 'committee',
          scores: [90, 85, 80, 75, 70],
          version: e.version,
        },
      };
    },
  },
  {
    route: 'POST /api/property/evaluations/:id/publish',
    ability: 'property.evaluate',
    targeted: true,
    make: async (f) => {
      const e = await readyEvaluation(f);
      return { method: 'POST', url: `/api/property/evaluations/${e.id}/publish`, payload: { version: e.version } };
    },
  },
];

// ── party-life ── fixtures
let lifeActivity: { id: string; memberId: string } | undefined;
let residentMember = false;
function partyActivityBody(f: Fixture, n: number) {
  return {
    partyOrgId: f.branchId,
    kind: 'theme_day',
    topic: `矩阵主题党日${n}`,
    place: '小区党群服务站',
    startsAt: new Date(Date.now() - 600_000).toISOString(),
    endsAt: new Date(Date.now() + 3600_000).toISOString(),
  };
}
async function newPartyActivity(f: Fixture): Promise<{ id: string; memberId: string }> {
  const { activity } = await adminPost<{ activity: { id: string } }>(
    '/api/party-activities',
    partyActivityBody(f, ++counter),
  );
  const d = await adminGet<{ attendees: { memberId: string }[] }>(`/api/party-activities/${activity.id}`);
  return { id: activity.id, memberId: d.attendees[0]!.memberId };
}
/** The demo resident as a member of 星港城's branch, so the QR check-in row can succeed for them. */
async function residentIsMember(f: Fixture): Promise<void> {
  if (residentMember) return;
  const [r] = await queryRows<{ person_id: string; member: string | null }>(
    env.ctx.db,
    sql`select u.person_id, m.id as member from users u left join party_members m on m.person_id = u.person_id where u.username = 'resident'`,
  );
  if (!r!.member)
    await adminPost('/api/party-members', {
      personId: r!.person_id,
      partyOrgId: f.branchId,
      stage: 'full',
      fullOn: '2010-07-01',
    });
  residentMember = true;
}
// ── visits ──
let visitCampaignId: string | undefined;
async function matrixCampaign(f: Fixture): Promise<string> {
  if (visitCampaignId) return visitCampaignId;
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/visit-campaigns',
    headers: { cookie: cookies.get('admin')! },
    payload: { title: '矩阵春节走访', orgUnitId: f.compoundId, startsOn: '2026-01-20', endsOn: '2026-02-20' },
  });
  assert.equal(res.statusCode, 201, res.body);
  return (visitCampaignId = json<{ campaign: { id: string } }>(res).campaign.id);
}
const matrixVisitBody = (f: Fixture, campaignId: string) => ({
  campaignId,
  personId: f.personId,
  kind: 'needy_resident',
  visitedOn: '2026-02-05',
  visitors: ['矩阵走访人'],
  goods: [{ name: '米', quantity: 1, unit: '袋', valueYuan: 60 }],
  moneyYuan: 200,
  situation: '身体尚可',
  needs: [{ content: '楼道灯坏了需要维修' }],
});
async function matrixVisit(f: Fixture): Promise<{ id: string; needs: { id: string }[] }> {
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/visits',
    headers: { cookie: cookies.get('admin')! },
    payload: matrixVisitBody(f, await matrixCampaign(f)),
  });
  assert.equal(res.statusCode, 201, res.body);
  return json<{ visit: { id: string; needs: { id: string }[] } }>(res).visit;
}
/** A fresh open patrol of xinggang's in 星港城 (each call its own, so a finish row finds it open). */
/** A grid worker has one open patrol at a time: close the one an earlier row opened. */
async function closeOpenPatrols(): Promise<void> {
  await env.ctx.db.execute(
    sql`update patrols set status = 'finished', ended_at = now() where worker_user_id = (select id from users where username = 'xinggang') and status = 'open'`,
  );
}
async function matrixPatrol(f: Fixture): Promise<string> {
  await closeOpenPatrols();
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/patrols',
    headers: { cookie: cookies.get('xinggang')! },
    payload: { compoundIds: [f.compoundId] },
  });
  assert.equal(res.statusCode, 201, res.body);
  return json<{ id: string }>(res).id;
}
// ── evaluation ──
let evalSchemeYear = 2040;
function evalSchemeFields() {
  return {
    items: [
      { name: '服务态度', weight: 20 },
      { name: '环境卫生', weight: 25 },
      { name: '设施维护', weight: 25 },
      { name: '安全秩序', weight: 20 },
      { name: '收费公示', weight: 10 },
    ],
    residentsWeight: 50,
    branchWeight: 30,
    committeeWeight: 20,
    bottomCount: 3,
    scoreLine: null,
  };
}
async function callAs<T>(username: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object): Promise<T> {
  const res = await env.app.inject({
    method,
    url,
    headers: { cookie: cookies.get(username)! },
    ...(payload ? { payload } : {}),
  });
  assert.ok(res.statusCode < 300, `${username} ${url} → ${res.statusCode} ${res.body}`);
  return json<T>(res);
}
let streetSchemeId: string | null = null;
/** 水泊寺's scheme for 2099 (never used, so never frozen), read fresh: the PATCH rows move its version. */
async function matrixStreetScheme(): Promise<{ id: string; version: number }> {
  streetSchemeId ??= (
    await adminPost<{ id: string }>('/api/property/evaluation-schemes', {
      ...evalSchemeFields(),
      orgUnitId: await streetOfXinggang(),
      year: 2099,
    })
  ).id;
  const list = await adminGet<{ items: { id: string; version: number }[] }>('/api/property/evaluation-schemes');
  return list.items.find((s) => s.id === streetSchemeId)!;
}
let evalSchemesMade = false;
/** The district's schemes for the matrix's years: 2037 (publish rows), 2038 (the open one), 2039 (open rows). */
async function matrixEvalSchemes(): Promise<void> {
  if (evalSchemesMade) return;
  const [root] = await queryRows<{ id: string }>(
    env.ctx.db,
    sql`select id from org_units where kind = 'district' limit 1`,
  );
  for (const year of [2037, 2038, 2039])
    await adminPost('/api/property/evaluation-schemes', { ...evalSchemeFields(), orgUnitId: root!.id, year });
  evalSchemesMade = true;
}
async function dropEvaluation(f: Fixture, year: number): Promise<void> {
  const owner = env.ownerDatabase.db;
  const [e] = await queryRows<{ consultation_id: string }>(
    owner,
    sql`delete from property_evaluations where compound_id = ${f.compoundId} and year = ${year} returning consultation_id`,
  );
  if (e) await owner.execute(sql`delete from consultations where id = ${e.consultation_id}`);
}
interface MatrixEvaluation {
  id: string;
  version: number;
  consultationId: string;
}
const openIn = async (f: Fixture, year: number) =>
  callAs<MatrixEvaluation>('xinggang-branch', 'POST', `/api/property/compounds/${f.compoundId}/evaluations`, {
    year,
    closesAt: new Date(Date.now() + 86_400_000).toISOString(),
  });
let openEvaluationId: string | null = null;
/** 星港城's 2038 evaluation, open, read fresh (the score rows move its version). */
async function openEvaluation(f: Fixture): Promise<MatrixEvaluation> {
  await matrixEvalSchemes();
  openEvaluationId ??= (await openIn(f, 2038)).id;
  return callAs('admin', 'GET', `/api/property/evaluations/${openEvaluationId}`);
}
/** A fresh 2037 evaluation of 星港城 ready to publish: one resident's answer, both parties' scores, the survey closed. */
async function readyEvaluation(f: Fixture): Promise<MatrixEvaluation> {
  await matrixEvalSchemes();
  await dropEvaluation(f, 2037);
  let e = await openIn(f, 2037);
  await callAs('resident', 'POST', `/api/consultations/${e.consultationId}/answers`, {
    answers: [1, 2, 3, 4, 5].map((questionId) => ({ questionId, choices: [1] })),
  });
  const scores = [90, 85, 80, 75, 70];
  e = await callAs('xinggang-branch', 'PUT', `/api/property/evaluations/${e.id}/scores`, {
    party: 'branch',
    scores,
    version: e.version,
  });
  e = await callAs('taihe', 'PUT', `/api/property/evaluations/${e.id}/scores`, {
    party: 'committee',
    scores,
    version: e.version,
  });
  const survey = await callAs<{ consultation: { version: number } }>(
    'taihe',
    'GET',
    `/api/consultations/${e.consultationId}`,
  );
  await callAs('taihe', 'POST', `/api/consultations/${e.consultationId}/close`, {
    version: survey.consultation.version,
  });
  return e;
}

// ── consult ──
function matrixSurvey(f: Fixture) {
  return {
    title: '矩阵征求意见',
    orgUnitId: f.compoundId,
    closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    questions: [{ kind: 'single', prompt: '是否同意', options: ['同意', '不同意'] }],
  };
}
async function newSurvey(f: Fixture, state: 'open' | 'closed' | 'published' = 'open'): Promise<string> {
  const post = async (url: string, payload: unknown) => {
    const res = await env.app.inject({
      method: 'POST',
      url,
      headers: { cookie: cookies.get('taihe')! },
      payload: payload as object,
    });
    assert.ok(res.statusCode < 300, `${url} → ${res.statusCode} ${res.body}`);
    return json<{ consultation: { id: string } }>(res);
  };
  const id = (await post('/api/consultations', matrixSurvey(f))).consultation.id;
  if (state !== 'open') await post(`/api/consultations/${id}/close`, { version: 1 });
  if (state === 'published') await post(`/api/consultations/${id}/publish`, { version: 2 });
  return id;
}
async function xinggangHousehold(): Promise<string> {
  const [h] = await queryRows<{ id: string }>(
    env.ctx.db,
    sql`select h.id from households h join org_units o on o.district_id = h.district_id and o.id = h.compound_id
      where o.name = '星港城' order by h.id limit 1`,
  );
  return h!.id;
}

// ── proposals ──
/** A proposal of 星港城 raised by a household other than the demo resident's, so the resident may second it. */
async function otherHouseholdsProposal(): Promise<string> {
  const id = `matrix-proposal-${++counter}`;
  await env.ctx.db.execute(sql`
    with c as (select id, path from org_units where name = '星港城' and kind = 'compound'),
      h as (select h.id from households h, c where h.compound_id = c.id and h.id <> coalesce((select p.household_id
        from users u join people p on p.district_id = u.district_id and p.id = u.person_id where u.username = 'resident'), '')
        order by h.id limit 1)
    insert into resident_proposals (district_id, id, compound_id, org_path, title, description, proposer_user_id,
      proposer_household_id, supports_needed)
    select '140213', ${id}, c.id, c.path, '矩阵提议', '由另一户提出的提议，供附议', 'someone', h.id, 3 from c, h`);
  return id;
}

// ── topics ──
interface MatrixTopic {
  id: string;
  version: number;
  actions: { id: string; version: number }[];
}
async function topicBody(f: Fixture, n: number) {
  const [c] = await queryRows<{ id: string }>(
    env.ctx.db,
    sql`select id from work_order_categories order by id limit 1`,
  );
  return {
    title: `矩阵课题${n}`,
    categoryId: c!.id,
    sourceKind: 'compound',
    sourceKey: `matrix-${n}`,
    startMonth: thisMonth(),
    pilotCompoundIds: [f.compoundId],
    owners: ['区住建委'],
  };
}
/** The matrix's topic, made once by the district; read fresh each time (the rows move its version). */
let matrixTopicId: string | null = null;
async function matrixTopic(f: Fixture): Promise<MatrixTopic> {
  if (!matrixTopicId)
    matrixTopicId = (await adminPost<{ topic: MatrixTopic }>('/api/assessment/topics', await topicBody(f, 0))).topic.id;
  const res = await env.app.inject({
    method: 'GET',
    url: `/api/assessment/topics/${matrixTopicId}`,
    headers: { cookie: cookies.get('admin')! },
  });
  return json<{ topic: MatrixTopic }>(res).topic;
}

/** A notice of 星港城 waiting for review, as its company would have submitted it. */
async function submittedPublication(f: Fixture, n: number): Promise<string> {
  const id = `PUB-matrix-${n}`;
  await env.ctx.db.execute(sql`insert into property_publications
    (district_id, id, compound_id, org_path, company_id, "column", title, lines, submitted_by)
    select o.district_id, ${id}, o.id, o.path, (select id from property_companies order by id limit 1), 'fees', '矩阵收费标准', '[]'::jsonb, 'matrix'
    from org_units o where o.id = ${f.compoundId}`);
  return id;
}

/** A valid 统一社会信用代码 per call (GB 32100-2015 check character). */
function matrixCreditCode(n: number): string {
  const first17 = `91140213MA9${String(n).padStart(6, '0')}`;
  return first17 + creditCodeCheckChar(first17)!;
}
async function adminGet<T>(url: string): Promise<T> {
  const res = await env.app.inject({ method: 'GET', url, headers: { cookie: cookies.get('admin')! } });
  assert.ok(res.statusCode < 300, `${url} → ${res.statusCode} ${res.body}`);
  return json<T>(res);
}
async function guodongCompany(): Promise<string> {
  const [c] = await queryRows<{ id: string }>(
    env.ctx.db,
    sql`select id from property_companies where name like '%国东%'`,
  );
  return c!.id;
}
async function matrixCompanies(): Promise<{ id: string; version: number }[]> {
  return (await adminGet<{ items: { id: string; version: number }[] }>('/api/property/companies')).items;
}
async function matrixCompany(): Promise<{ id: string; version: number }> {
  const list = await matrixCompanies();
  return list.find((c) => c.id !== (list[0]?.id ?? ''))!;
}
async function compoundContract(
  f: Fixture,
): Promise<{ current: { id: string; companyId: string; version: number } | null; contractVersion: number }> {
  return adminGet(`/api/property/compounds/${f.compoundId}`);
}

/** One 清远 file assigned to qingyuan-sw, put into the state the row needs. */
async function minorCase(status: 'open' | 'closure_requested' | 'closed'): Promise<string> {
  const [c] = await queryRows<{ id: string }>(
    env.ctx.db,
    sql`select mc.id from minor_cases mc join users u on u.district_id = mc.district_id and u.id = mc.worker_user_id
    where u.username = 'qingyuan-sw' order by mc.case_no limit 1`,
  );
  await env.ctx.db.execute(sql`update minor_cases set status = ${status} where id = ${c!.id}`);
  return c!.id;
}

/** A pending referral addressed to the caller: its department, its organisation account, or a volunteer on a file it works. */
async function referralFor(username: string): Promise<string> {
  const [u] = await queryRows<{ id: string; work_unit_id: string | null }>(
    env.ctx.db,
    sql`select id, work_unit_id from users where username = ${username}`,
  );
  const caseId = await minorCase('open');
  const id = `MR-${++counter}`;
  const kind = username === 'zhujian' ? 'department' : username === 'yiyuanli' ? 'organisation' : 'volunteer';
  await env.ctx.db
    .execute(sql`insert into minor_referrals (district_id, id, case_id, receiver_kind, work_unit_id, receiver_user_id, receiver_name, request_cipher, override_reason_cipher, ack_due_at, created_by)
    values ('140213', ${id}, ${caseId}, ${kind}, ${kind === 'department' ? (u?.work_unit_id ?? null) : null}, ${kind === 'organisation' ? (u?.id ?? null) : null}, '接收方',
      ${env.ctx.crypto.encrypt('课业辅导')}, ${env.ctx.crypto.encrypt('矩阵测试')}, now() + interval '3 days', 'U001')`);
  return id;
}

let oc: OrderFixtureCtx;
let pf: PurchaseFixtureCtx;
const roundCache = new Map<string, Promise<RoundFixture>>();
function cachedRound(stage: Stage, key: string = stage, proposals = 1): Promise<RoundFixture> {
  if (!roundCache.has(key)) roundCache.set(key, roundIn(pf, stage, proposals));
  return roundCache.get(key)!;
}
/** A milestone of a signed 12-tranche contract in the wanted state (submitting evidence first when a submitted one is wanted). */
async function milestoneIn(status: 'pending' | 'submitted'): Promise<{ contractId: string; milestoneId: string }> {
  const contractId = (await cachedRound('awarded', `milestones-${status}`)).contractIds[0]!;
  let d = await pcall<{ contract: { status: string; milestones: { id: string; status: string }[] } }>(
    pf,
    'admin',
    'GET',
    `/api/purchase/contracts/${contractId}`,
  );
  if (d.contract.status === 'pending') {
    await signContract(pf, contractId, 12);
    d = await pcall(pf, 'admin', 'GET', `/api/purchase/contracts/${contractId}`);
  }
  let m = d.contract.milestones.find((x) => x.status === status);
  if (!m && status === 'submitted') {
    const next = d.contract.milestones.find((x) => x.status === 'pending')!;
    await pcall(pf, 'yiyuanli', 'POST', `/api/purchase/contracts/${contractId}/milestones/${next.id}/evidence`, {
      evidence: '阶段总结',
    });
    m = next;
  }
  return { contractId, milestoneId: m!.id };
}
async function legRequest(
  username: string,
  action: 'fulfil' | 'return' | 'extension' | 'sign',
  payload: object,
): Promise<Req> {
  const o = await orderIn(oc, 'dispatched');
  // the department works its own leg; community staff record the property company's
  const leg = o.legs.find((l) => (username === 'zhujian' ? l.workUnitId === 'W001' : l.handlerKind === 'property'))!;
  return { method: 'POST', url: `/api/work-orders/${o.id}/legs/${leg.id}/${action}`, payload };
}
async function newMeeting(): Promise<{ id: string; version: number }> {
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/joint-meetings',
    headers: { cookie: cookies.get('taihe')! },
    payload: { compoundId: fx.compoundId, heldOn: '2026-11-20' },
  });
  assert.equal(res.statusCode, 201, res.body);
  return json<{ meeting: { id: string; version: number } }>(res).meeting;
}
void PNG;

// --- 党务 fixtures ---
let memberFx: string | undefined;
/** A fresh compound branch in 星港城's community over `compounds` fresh compounds (made by the admin). */
async function partyBranch(compounds: number): Promise<string> {
  const ids: string[] = [];
  for (let i = 0; i < compounds; i++) ids.push((await newCompound()).id);
  const r = await adminPost<{ org: { id: string } }>('/api/party-orgs/branches', {
    formation: compounds === 1 ? 'standalone' : 'joint',
    compoundIds: ids,
  });
  return r.org.id;
}
/** A fresh adult resident of 星港城 (a household of its own), without a party record. */
async function partyPerson(f: Fixture, n: number): Promise<string> {
  const [h] = await queryRows<{ id: string }>(
    env.ctx.db,
    sql`select id from households where compound_id = ${f.compoundId} order by id limit 1`,
  );
  const day = String(1 + (Math.floor(n / 1000) % 28)).padStart(2, '0');
  const first17 = `140213199001${day}${String(n % 1000).padStart(3, '0')}`;
  const { checkCharacter } = await import('../../lib/id-number.js');
  const r = await adminPost<{ person: { id: string } }>('/api/people', {
    householdId: h!.id,
    name: `矩阵党员${n}`,
    idNumber: first17 + checkCharacter(first17),
  });
  return r.person.id;
}
/** A fresh member record of 星港城's branch at `stage`, living in a household of its own (made by the admin). */
async function partyMemberFixture(f: Fixture, n: number, stage: 'full' | 'applicant'): Promise<string> {
  const b = await newBuilding();
  const [h] = await queryRows<{ id: string }>(
    env.ownerDatabase.db,
    sql`insert into households (district_id, id, building_id, compound_id, org_path, unit, room)
      select district_id, 'HH-MX-' || ${n}, ${b.id}, id, path, '1单元', '101' from org_units where id = ${f.compoundId} returning id`,
  );
  const personId = await partyPerson(f, n);
  await env.ownerDatabase.db.execute(sql`update people set household_id = ${h!.id} where id = ${personId}`);
  const r = await adminPost<{ member: { id: string } }>('/api/party-members', {
    personId,
    partyOrgId: f.branchId,
    stage,
    appliedOn: stage === 'applicant' ? '2023-06-01' : undefined,
    fullOn: stage === 'full' ? '2010-07-01' : undefined,
  });
  return r.member.id;
}
// --- volunteers, stations, canteens: fixture helpers ---
async function adminPost<T>(url: string, payload: object): Promise<T> {
  const res = await env.app.inject({ method: 'POST', url, headers: { cookie: cookies.get('admin')! }, payload });
  assert.ok(res.statusCode < 300, `${url} → ${res.statusCode} ${res.body}`);
  return json<T>(res);
}
function activityBody(f: Fixture, n: number) {
  return {
    title: `矩阵活动${n}`,
    kind: 'visit',
    orgUnitId: f.compoundId,
    startsAt: new Date(Date.now() - 600_000).toISOString(),
    endsAt: new Date(Date.now() + 7200_000).toISOString(),
  };
}
async function newActivity(): Promise<string> {
  return (await adminPost<{ activity: { id: string } }>('/api/volunteer-activities', activityBody(fx, ++counter)))
    .activity.id;
}
async function qrOf(activityId: string): Promise<{ in: string; out: string }> {
  const res = await env.app.inject({
    method: 'GET',
    url: `/api/volunteer-activities/${activityId}/qr`,
    headers: { cookie: cookies.get('admin')! },
  });
  const items = json<{ items: { phase: 'in' | 'out'; token: string }[] }>(res).items;
  return { in: items.find((i) => i.phase === 'in')!.token, out: items.find((i) => i.phase === 'out')!.token };
}
async function newTask(): Promise<string> {
  return (
    await adminPost<{ task: { id: string } }>('/api/service-tasks', {
      compoundId: fx.compoundId,
      kind: 'visit',
      title: `矩阵走访${++counter}`,
    })
  ).task.id;
}
async function pendingRecord(): Promise<string> {
  const qr = await qrOf(await newActivity());
  for (const token of [qr.in, qr.out]) {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/volunteer-checkins',
      headers: { cookie: cookies.get('resident')! },
      payload: { token },
    });
    assert.equal(res.statusCode, 200, res.body);
  }
  const [r] = await queryRows<{ id: string }>(
    env.ctx.db,
    sql`select id from service_records where status = 'pending' and person_id = ${fx.personId} order by created_at desc limit 1`,
  );
  return r!.id;
}
let pmStationId: string | undefined;
async function partyStation(): Promise<string> {
  pmStationId ??= (
    await adminPost<{ station: { id: string } }>('/api/stations', {
      kind: 'party_mass',
      name: '星港城矩阵党群服务站',
      orgUnitId: fx.compoundId,
      lat: 40.08,
      lng: 113.3,
    })
  ).station.id;
  return pmStationId;
}
let cheapItemId: string | undefined;
async function cheapItem(): Promise<string> {
  if (!cheapItemId) {
    cheapItemId = (
      await adminPost<{ item: { id: string } }>('/api/love-supermarket/items', {
        stationId: await partyStation(),
        name: '矩阵纸巾',
        pointsCost: 1,
        stock: 100,
      })
    ).item.id;
    await adminPost(`/api/service-records/${await pendingRecord()}/confirm`, { approve: true, hours: 3 }); // 30 points for the resident
  }
  return cheapItemId;
}
let cardNumber: string | undefined;
/** The resident's points card, issued once by the district admin (a card serves many redemptions, a presence code one). */
async function residentCard(): Promise<string> {
  cardNumber ??= (await adminPost<{ card: { cardNumber: string } }>('/api/points/cards', { personId: fx.personId }))
    .card.cardNumber;
  return cardNumber;
}
async function neighbourPerson(f: Fixture): Promise<string> {
  const [p] = await queryRows<{ id: string }>(
    env.ctx.db,
    sql`select id from people where org_path like ${'%/' + f.compoundId + '/'} and id <> ${f.personId} order by id limit 1`,
  );
  return p!.id;
}
async function newDemand(): Promise<string> {
  const m = await adminPost<{ meeting: { demands: { id: string }[] } }>('/api/rider-meetings', {
    stationId: await partyStation(),
    heldOn: '2026-11-20',
    demands: [{ difficulty: 'skills', content: `希望开设技能培训${++counter}` }],
  });
  return m.meeting.demands[0]!.id;
}
async function jobPair(): Promise<{ postingId: string; seekerId: string }> {
  const stationId = await partyStation();
  const p = await adminPost<{ posting: { id: string } }>('/api/job-postings', {
    stationId,
    title: `护理员${++counter}`,
    employer: '东街老年公寓',
    skills: ['护理'],
  });
  const s = await adminPost<{ seeker: { id: string } }>('/api/job-seekers', {
    stationId,
    name: '乔秀英',
    skills: ['护理'],
  });
  return { postingId: p.posting.id, seekerId: s.seeker.id };
}
let canteenId: string | undefined;
async function canteen(): Promise<string> {
  canteenId ??= (
    await adminPost<{ station: { id: string } }>('/api/stations', {
      kind: 'canteen',
      name: '星港城矩阵幸福餐厅',
      orgUnitId: fx.compoundId,
    })
  ).station.id;
  return canteenId;
}
function deliveryBody(f: Fixture, n: number) {
  return {
    personId: f.personId,
    meal: 'dinner',
    servedOn: new Date(Date.UTC(2026, 0, 1) + n * 86400_000).toISOString().slice(0, 10),
    address: '星港城 1 号楼',
  };
}
function lastMonth(): string {
  const d = new Date(Date.now() + 8 * 3600_000);
  const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1));
  return m.toISOString().slice(0, 7);
}

/** A 1×1 JPEG. */
const JPEG_1PX =
  '/9j/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAABAAEDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAj/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFAEBAAAAAAAAAAAAAAAAAAAAAP/EABQRAQAAAAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/AKpAB//Z';
/** A file uploaded by this user (by admin for the anonymous caller), to read back. */
async function ownAttachment(
  e: TestEnv,
  username: string,
  purpose = 'order_result',
): Promise<{ id: string; url: string; thumbnailUrl: string | null }> {
  const res = await e
    .as(username === 'anonymous' ? 'admin' : username)
    .upload(`/api/attachments?purpose=${purpose}`, Buffer.from(JPEG_1PX, 'base64'), 'a.jpg', 'image/jpeg');
  assert.equal(res.statusCode, 201, res.body);
  return json<{ id: string; url: string; thumbnailUrl: string | null }>(res);
}
// --- assessment: fixture helpers ---
function thisMonth(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
}
async function streetOfXinggang(): Promise<string> {
  const [u] = await queryRows<{ parent_id: string }>(
    env.ctx.db,
    sql`select parent_id from org_units where id = ${fx.communityId}`,
  );
  return u!.parent_id;
}
async function adminLike<T>(username: string, url: string, payload: object): Promise<T> {
  const res = await env.app.inject({ method: 'POST', url, headers: { cookie: cookies.get(username)! }, payload });
  assert.ok(res.statusCode < 300, `${url} → ${res.statusCode} ${res.body}`);
  return json<T>(res);
}
/** The district's settings with street staff among the appeal reviewers (the decision row needs them). */
async function streetReviewSettings(): Promise<object> {
  const res = await env.app.inject({
    method: 'GET',
    url: '/api/assessment/settings',
    headers: { cookie: cookies.get('admin')! },
  });
  return { ...json<object>(res), appealReviewers: ['district_admin', 'street_staff'] };
}
async function putSettings(payload: object): Promise<void> {
  const res = await env.app.inject({
    method: 'PUT',
    url: '/api/assessment/settings',
    headers: { cookie: cookies.get('admin')! },
    payload,
  });
  assert.equal(res.statusCode, 200, res.body);
}
/** A closed order of the caller's own unit (moved into it when the caller is elsewhere) and the appeal body for it. */
async function ownUnitAppeal(username: string): Promise<object> {
  const o = await orderIn(oc, 'closed'); // 星港城, legs to 住建局 W001 and the property company
  const [u] = await queryRows<{
    role: string;
    work_unit_id: string | null;
    org_unit_id: string;
    kind: string;
    path: string;
  }>(
    env.ctx.db,
    sql`select u.role, u.work_unit_id, u.org_unit_id, o.kind, o.path from users u
      join org_units o on o.district_id = u.district_id and o.id = u.org_unit_id where u.username = ${username}`,
  );
  const body = { orderId: o.id, reason: 'unreasonable_demand', explanation: '矩阵测试申诉' };
  if (!u) return { ...body, unitKind: 'community', unitId: fx.communityId }; // anonymous
  if (u.role === 'department_staff') return { ...body, unitKind: 'department', unitId: u.work_unit_id };
  const [c] = await queryRows<{ id: string; path: string }>(
    env.ctx.db,
    sql`select id, path from org_units where kind = 'compound' and path like ${u.path + '%'} order by path limit 1`,
  );
  if (c)
    await env.ctx.db.execute(
      sql`update work_orders set compound_id = ${c.id}, org_path = ${c.path} where id = ${o.id}`,
    );
  const kind = u.kind === 'street' || u.kind === 'township' ? 'street' : 'community';
  return { ...body, unitKind: kind, unitId: u.org_unit_id };
}
// --- whistles: fixture helpers ---
/** A whistle at 星港城 summoning 住建局 (W001), two hours from now. */
const whistleBody = (f: Fixture) => ({
  title: '矩阵吹哨',
  problem: '需要部门到场',
  compoundId: f.compoundId,
  departmentIds: ['W001'],
  onSiteAt: new Date(Date.now() + 2 * 3600_000).toISOString(),
  reason: '矩阵测试',
});
/** A fresh whistle blown by 太和社区 (星港城's community): open, checked in by 住建局, or closed (version 2). */
async function matrixWhistle(f: Fixture, state: 'open' | 'checked_in' | 'closed'): Promise<string> {
  const as = (username: string, url: string, payload: object) =>
    env.app.inject({ method: 'POST', url, headers: { cookie: cookies.get(username)! }, payload });
  const res = await as('taihe', '/api/whistles', whistleBody(f));
  assert.equal(res.statusCode, 201, res.body);
  const id = json<{ whistle: { id: string } }>(res).whistle.id;
  if (state === 'checked_in') assert.equal((await as('zhujian', `/api/whistles/${id}/check-in`, {})).statusCode, 200);
  if (state === 'closed')
    assert.equal((await as('taihe', `/api/whistles/${id}/close`, { note: '结束', version: 1 })).statusCode, 200);
  return id;
}
/** A fresh closed order of 星港城 that nobody rated: it needs a callback. */
async function unratedClosedOrder(): Promise<string> {
  const o = await orderIn(oc, 'closed');
  await env.ctx.db.execute(sql`update work_orders set rating = null where id = ${o.id}`);
  return o.id;
}

async function send(req: Req, cookie?: string) {
  const headers: Record<string, string> = cookie ? { cookie } : {};
  if (req.multipart) {
    const boundary = '----linli' + counter;
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      req.multipart,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return env.app.inject({
      method: req.method,
      url: req.url,
      headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
  }
  return env.app.inject({
    method: req.method,
    url: req.url,
    headers,
    ...(req.payload !== undefined ? { payload: req.payload as object } : {}),
  });
}

describe('authorisation matrix', () => {
  before(async () => {
    env = await createTestEnv();
    // an SMS provider for the phone-code row; it is called only for numbers accounts have, which the row never uses
    env.ctx.config.notify = {
      ...env.ctx.config.notify,
      sms: { url: 'http://127.0.0.1:9/unused', template: '{"phone":"{phone}","text":"{text}"}' },
    };
    for (const u of USERS) cookies.set(u.username, await login(env.app, u.username));
    // one notification of each caller's own, for the mark-read row
    await env.ctx.db.execute(sql`insert into notifications (district_id, user_id, topic, params, message_id)
      select district_id, id, 'order.to_accept', '{}'::jsonb, 'matrix-' || id from users`);
    const [c] = await queryRows<{ id: string; parent_id: string }>(
      env.ctx.db,
      sql`select id, parent_id from org_units where name = '星港城'`,
    );
    const [p] = await queryRows<{ id: string }>(
      env.ctx.db,
      sql`select id from people where org_path like ${'%/' + c!.id + '/'} order by id limit 1`,
    );
    const [b] = await queryRows<{ id: string }>(
      env.ctx.db,
      sql`select id from buildings where compound_id = ${c!.id} limit 1`,
    );
    const [br] = await queryRows<{ branch_id: string }>(
      env.ctx.db,
      sql`select branch_id from branch_compounds where compound_id = ${c!.id}`,
    );
    fx = { compoundId: c!.id, communityId: c!.parent_id, personId: p!.id, buildingId: b!.id, branchId: br!.branch_id };
    oc = env;
    pf = env;
    await ensureOrg(pf);
  });
  after(() => env.close());

  /** The stable code of a refusal: the `{error}` body of /api, the `X-Linli-Error-Code` header of Open311's error arrays. */
  const isOpen311 = (route: string) => route.includes(' /open311/');
  const errorCodeOf = (res: LightMyRequestResponse) =>
    (res.headers['x-linli-error-code'] as string | undefined) ??
    (String(res.headers['content-type']).startsWith('application/json')
      ? res.json<{ error?: { code: string } }>().error?.code
      : undefined);

  it('covers every registered API route', () => {
    const registered = env.routes.map((r) => `${r.method} ${r.url}`).sort();
    assert.deepEqual(registered, ROWS.map((r) => r.route).sort());
    for (const r of env.routes) {
      assert.equal(
        ROWS.find((row) => row.route === `${r.method} ${r.url}`)!.ability,
        r.permission,
        `declared permission of ${r.method} ${r.url}`,
      );
    }
  });

  for (const row of ROWS) {
    it(`${row.route}: anonymous callers are refused unless public`, async () => {
      const res = await send(await row.make(fx, env, ++counter, 'anonymous'));
      if (row.ability === 'public') assert.notEqual(errorCodeOf(res), 'AUTH_REQUIRED');
      else {
        // Open311 answers the spec's 403 ("api_key was not provided or invalid") with an error array.
        assert.equal(res.statusCode, isOpen311(row.route) ? 403 : 401, res.body);
        assert.equal(errorCodeOf(res), 'AUTH_REQUIRED');
      }
    });
    it(`${row.route}: allowed and denied per role and scope`, async () => {
      for (const u of USERS) {
        // logout would end the session the next rows need: log back in afterwards.
        const res = await send(await row.make(fx, env, ++counter, u.username), cookies.get(u.username));
        const hasAbility =
          row.ability === 'public' || row.ability === 'authenticated' || ROLE_ABILITIES[u.role].includes(row.ability);
        const reaches = row.reach === 'qingyuan' ? REACHES_QINGYUAN.has(u.username) : u.reachesXinggang;
        const allowed = hasAbility && (!row.targeted || reaches);
        const label = `${u.username} ${row.route} → ${res.statusCode} ${res.body.slice(0, 200)}`;
        if (allowed) {
          // the log-ins' own refusals (a wrong password, no code asked for) are 401s that passed the access check
          const isLogIn = row.route === 'POST /api/auth/login' || row.route === 'POST /api/auth/phone-login';
          assert.ok(res.statusCode < 400 || (isLogIn && res.statusCode === 401), label);
        } else {
          assert.equal(res.statusCode, 403, label);
          assert.equal(errorCodeOf(res), hasAbility ? 'SCOPE_FORBIDDEN' : 'PERMISSION_DENIED', label);
        }
        if (row.route === 'POST /api/auth/logout') cookies.set(u.username, await login(env.app, u.username));
      }
    });
  }
});

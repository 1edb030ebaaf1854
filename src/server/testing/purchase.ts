import { sql } from 'drizzle-orm';
import { queryRows, type Queryable } from '../db/client.js';
import type { TestEnv } from './harness.js';

/**
 * Builds government-purchase rounds in a given stage through the public API, for tests. The only
 * shortcuts are the clock: deadlines and notice periods are moved into the past with SQL.
 * Proposals come from the `yiyuanli` social organisation and serve 太和社区 (水泊寺街道), so
 * `shuibosi`, `taihe` and the district reach them and `youyijie` does not.
 */
export type PurchaseFixtureCtx = Pick<TestEnv, 'as' | 'ctx'>;

export const JURORS = ['juror1', 'juror2', 'juror3', 'juror4', 'juror5'];
export const STAGES = [
  'draft',
  'open',
  'closed',
  'screened',
  'scoring',
  'scored',
  'notice',
  'noticeOver',
  'awarded',
  'signed',
] as const;
export type Stage = (typeof STAGES)[number];
export interface RoundFixture {
  roundId: string;
  version: number;
  proposalIds: string[];
  contractIds: string[];
}

export const PDF =
  'data:application/pdf;base64,JVBERi0xLjQKJcfsj6IKMSAwIG9iago8PC9UeXBlL0NhdGFsb2c+PgplbmRvYmoKdHJhaWxlcjw8L1Jvb3QgMSAwIFI+PgolJUVPRgo=';
let counter = 0;

export async function call<T = Record<string, unknown>>(
  f: PurchaseFixtureCtx,
  user: string,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  payload?: object,
): Promise<T> {
  const c = f.as(user);
  const res =
    method === 'GET'
      ? await c.get(url)
      : method === 'POST'
        ? await c.post(url, payload)
        : method === 'PUT'
          ? await c.put(url, payload)
          : await c.patch(url, payload);
  if (res.statusCode >= 300) throw new Error(`${user} ${method} ${url} → ${res.statusCode} ${res.body}`);
  return res.json<T>();
}

export async function communityId(db: Queryable, name = '太和社区'): Promise<string> {
  return (
    await queryRows<{ id: string }>(db, sql`select id from org_units where name = ${name} and kind = 'community'`)
  )[0]!.id;
}

export async function ensureOrg(f: PurchaseFixtureCtx, user = 'yiyuanli'): Promise<void> {
  const me = await call<{ org: unknown }>(f, user, 'GET', '/api/purchase/orgs/me');
  if (!me.org) {
    await call(f, user, 'POST', '/api/purchase/orgs', {
      name: '大同市毅源力社会组织发展中心',
      creditCode: '52140200MJ0000001Y',
      legalRep: '刘毅',
    });
  }
}

export function proposalBody(
  targetId: string,
  title = `测试项目${++counter}`,
  attachments: { name: string; dataUrl: string }[] = [],
) {
  return {
    title,
    summary: '面向太和社区老年居民开展太极拳教学，每周两次。',
    category: '太极拳',
    team: [{ name: '王老师', role: '授课', qualification: '国家二级社会体育指导员' }],
    budgetLines: [
      { item: '人员经费', amountCents: 1_500_000 },
      { item: '活动经费', amountCents: 500_000 },
    ],
    targetCommunityIds: [targetId],
    pastDelivery: '首届承接太极拳项目，服务 800 人次。',
    attachments,
  };
}

/** A round advanced to `stage` with `proposals` proposals from yiyuanli (all screened in, scored by all five jurors). */
export async function roundIn(f: PurchaseFixtureCtx, stage: Stage, proposals = 1): Promise<RoundFixture> {
  const idx = STAGES.indexOf(stage);
  const deadline = new Date(Date.now() + 86400_000).toISOString();
  const created = await call<{ round: { id: string; version: number } }>(f, 'agent', 'POST', '/api/purchase/rounds', {
    year: 2026,
    title: `测试批次${++counter}`,
    scope: '社区文体服务',
    eligibility: '依法登记的社会组织',
    budgetCents: 10_000_000,
    deadlineAt: deadline,
    places: Math.max(1, proposals),
    passScore: 0,
    noticeDays: 1,
  });
  const fx: RoundFixture = {
    roundId: created.round.id,
    version: created.round.version,
    proposalIds: [],
    contractIds: [],
  };
  if (idx === 0) return fx;
  fx.version = (
    await call<{ round: { version: number } }>(f, 'agent', 'POST', `/api/purchase/rounds/${fx.roundId}/publish`)
  ).round.version;
  await ensureOrg(f);
  const target = await communityId(f.ctx.db);
  for (let i = 0; i < proposals; i++) {
    fx.proposalIds.push(
      (
        await call<{ proposal: { id: string } }>(
          f,
          'yiyuanli',
          'POST',
          `/api/purchase/rounds/${fx.roundId}/proposals`,
          proposalBody(target, undefined, [{ name: '项目书.pdf', dataUrl: PDF }]),
        )
      ).proposal.id,
    );
  }
  if (idx === 1) return fx;
  await f.ctx.db.execute(
    sql`update purchase_rounds set deadline_at = now() - interval '1 minute' where id = ${fx.roundId}`,
  );
  if (idx === 2) return fx;
  for (const p of fx.proposalIds)
    await call(f, 'agent', 'POST', `/api/purchase/proposals/${p}/screen`, { pass: true, reason: '' });
  const jurorIds = await queryRows<{ id: string }>(
    f.ctx.db,
    sql`select id from users where role = 'juror' and username like 'juror%' order by username`,
  );
  await call(f, 'agent', 'PUT', `/api/purchase/rounds/${fx.roundId}/jurors`, { userIds: jurorIds.map((j) => j.id) });
  if (idx === 3) return fx;
  await call(f, 'agent', 'POST', `/api/purchase/rounds/${fx.roundId}/open-scoring`);
  if (idx === 4) return fx;
  for (const j of JURORS) {
    for (const p of fx.proposalIds)
      await call(f, j, 'PUT', `/api/purchase/proposals/${p}/score`, {
        scores: { effectiveness: 80, team: 75, potential: 85 },
      });
  }
  if (idx === 5) return fx;
  await call(f, 'agent', 'POST', `/api/purchase/rounds/${fx.roundId}/notice`);
  if (idx === 6) return fx;
  await f.ctx.db.execute(
    sql`update purchase_rounds set notice_ends_at = now() - interval '1 minute' where id = ${fx.roundId}`,
  );
  if (idx === 7) return fx;
  await call(f, 'agent', 'POST', `/api/purchase/rounds/${fx.roundId}/award`);
  fx.contractIds = (
    await queryRows<{ id: string }>(
      f.ctx.db,
      sql`select id from purchase_contracts where round_id = ${fx.roundId} order by no`,
    )
  ).map((c) => c.id);
  if (idx === 8) return fx;
  for (const c of fx.contractIds) await signContract(f, c, 1);
  return fx;
}

/** Signs a contract for 水泊寺街道 with `milestones` equal tranches (the last takes the rest). */
export async function signContract(f: PurchaseFixtureCtx, contractId: string, milestones: number): Promise<void> {
  const c = await call<{ contract: { amountCents: number; version: number } }>(
    f,
    'shuibosi',
    'GET',
    `/api/purchase/contracts/${contractId}`,
  );
  const each = Math.floor(c.contract.amountCents / milestones);
  await call(f, 'shuibosi', 'POST', `/api/purchase/contracts/${contractId}/sign`, {
    version: c.contract.version,
    periodStart: '2026-12-01',
    periodEnd: '2027-11-30',
    milestones: Array.from({ length: milestones }, (_, i) => ({
      title: `第${i + 1}期`,
      dueOn: '2027-06-30',
      trancheCents: i === milestones - 1 ? c.contract.amountCents - each * (milestones - 1) : each,
    })),
  });
}

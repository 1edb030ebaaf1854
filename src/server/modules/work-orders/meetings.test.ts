import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { createTestEnv, json, type TestEnv } from '../../testing/harness.js';
import { compoundId } from '../../testing/orders.js';
import type { Meeting } from '../../../shared/work-orders.schema.js';
import type { OutboxRow } from '../notifications/notifications.repository.js';
import { hrefOf, paramsOf, render } from '../notifications/messages.js';
import { resolveRecipients } from '../notifications/recipients.service.js';

/**
 * 联席会议 beyond the compound: a decision assigned to 国东物业 (a work unit with its own account) tells that
 * company and no one else; the street and the district read the meetings in their scope, another street
 * does not, and reading is not running a meeting.
 */
let env: TestEnv;
let yunqi: string;
let guodong: { id: string; workUnitId: string };
const code = (res: Parameters<typeof json>[0]) => json<{ error: { code: string } }>(res).error.code;

before(async () => {
  env = await createTestEnv();
  yunqi = await compoundId(env.ctx.db, '云汽园');
  const [g] = await queryRows<{ id: string; workUnitId: string }>(
    env.ctx.db,
    sql`select id, work_unit_id as "workUnitId" from users where username = 'guodong'`,
  );
  guodong = g!;
});
after(() => env.close());

async function meetingAt(user: string, compound: string): Promise<Meeting> {
  const res = await env.as(user).post('/api/joint-meetings', { compoundId: compound, heldOn: '2026-11-18' });
  assert.equal(res.statusCode, 201, res.body);
  return json<{ meeting: Meeting }>(res).meeting;
}

describe('联席会议: decisions that reach their owner, meetings the street can follow', () => {
  it('tells the property company a decision names, and only its accounts, what and by when', async () => {
    const m = await meetingAt('youyijie', yunqi);
    const res = await env.as('youyijie').post(`/api/joint-meetings/${m.id}/actions`, {
      title: '三日内重建西侧围墙',
      owner: '国东物业',
      ownerUnitId: guodong.workUnitId,
      dueOn: '2026-11-21',
    });
    assert.equal(res.statusCode, 200, res.body);
    const action = json<{ meeting: Meeting }>(res).meeting.actions[0]!;
    assert.equal(action.ownerUnitId, guodong.workUnitId);
    const [row] = await queryRows<OutboxRow>(
      env.ctx.db,
      sql`select district_id as "districtId", id, topic, payload, created_at as "createdAt" from outbox
          where topic = 'meeting.action_assigned' and payload->>'actionId' = ${action.id}`,
    );
    assert.ok(row, 'the reminder is written with the decision');
    const to = await resolveRecipients(env.ctx.db, { ...row, id: Number(row.id) });
    const accounts = await queryRows<{ id: string }>(
      env.ctx.db,
      sql`select id from users where is_active and work_unit_id = ${guodong.workUnitId}
            and role in ('department_staff', 'property_company')`,
    );
    assert.ok(accounts.some((u) => u.id === guodong.id));
    assert.deepEqual([...to.userIds].sort(), accounts.map((u) => u.id).sort());
    const text = render('meeting.action_assigned', paramsOf('meeting.action_assigned', row.payload, to.extra), 'zh');
    assert.equal(text.title, '联席会议议定事项');
    assert.equal(text.body, '云汽园联席会议（2026-11-18）议定由贵单位办理：三日内重建西侧围墙，请于 2026-11-21 前完成');
    assert.equal(hrefOf('meeting.action_assigned', row.payload), null, 'no order linked: the message says it all');

    // a free-text owner tells no one
    const before = (await queryRows<{ n: number }>(env.ctx.db, sql`select count(*)::int as n from outbox`))[0]!.n;
    await env.as('youyijie').post(`/api/joint-meetings/${m.id}/actions`, {
      title: '业委会公示维修资金使用情况',
      owner: '业委会',
      dueOn: '2026-11-30',
    });
    const after = (await queryRows<{ n: number }>(env.ctx.db, sql`select count(*)::int as n from outbox`))[0]!.n;
    assert.equal(after, before);
  });

  it('refuses an owner unit that does not exist and writes nothing', async () => {
    const m = await meetingAt('youyijie', yunqi);
    const res = await env.as('youyijie').post(`/api/joint-meetings/${m.id}/actions`, {
      title: '更换单元门禁',
      owner: '某公司',
      ownerUnitId: 'W-NOPE',
      dueOn: '2026-11-30',
    });
    assert.equal(res.statusCode, 400);
    assert.equal(code(res), 'OWNER_UNIT_NOT_FOUND');
    const again = json<{ meeting: Meeting }>(await env.as('youyijie').get(`/api/joint-meetings/${m.id}`)).meeting;
    assert.equal(again.actions.length, 0);
  });

  it('lets the street and the district read the meetings in their scope, not another street, and not run them', async () => {
    const xinggang = await compoundId(env.ctx.db);
    const m = await meetingAt('taihe', xinggang); // 星港城, 太和社区, 水泊寺街道
    for (const user of ['shuibosi', 'admin']) {
      const one = await env.as(user).get(`/api/joint-meetings/${m.id}`);
      assert.equal(one.statusCode, 200, `${user}: ${one.body}`);
      const list = json<{ items: Meeting[] }>(await env.as(user).get('/api/joint-meetings'));
      assert.ok(
        list.items.some((x) => x.id === m.id),
        `${user} lists it without picking a compound`,
      );
    }
    const other = await env.as('qingyuan').get(`/api/joint-meetings/${m.id}`);
    assert.equal(other.statusCode, 403);
    const otherList = json<{ items: Meeting[] }>(await env.as('qingyuan').get('/api/joint-meetings'));
    assert.ok(!otherList.items.some((x) => x.id === m.id));
    const run = await env.as('shuibosi').post('/api/joint-meetings', { compoundId: xinggang, heldOn: '2026-11-19' });
    assert.equal(run.statusCode, 403);
    const resident = await env.as('resident').get(`/api/joint-meetings/${m.id}`);
    assert.equal(resident.statusCode, 403, 'a resident does not read the meeting');
  });
});

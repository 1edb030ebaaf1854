import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { DEMO_PASSWORD } from '../../demo/pingcheng.js';
import { createTestEnv, json, type TestEnv } from '../../testing/harness.js';
import { compoundId } from '../../testing/orders.js';
import { hashPassword } from '../auth/auth.service.js';
import type { OutboxRow } from '../notifications/notifications.repository.js';
import { paramsOf, render } from '../notifications/messages.js';
import { resolveRecipients } from '../notifications/recipients.service.js';
import { proposalSupportsNeeded } from '../../../shared/proposals.constants.js';
import type { Proposal } from '../../../shared/proposals.schema.js';
import type { Meeting } from '../../../shared/work-orders.schema.js';

/**
 * 居民提议: the demo resident of 星港城 raises a matter; other households of 星港城 second it, once each; the
 * second that makes it enough tells the compound's staff; the next joint meeting takes it on its agenda and
 * it takes no more seconds. A resident of 云汽园 neither sees nor seconds it; bad input writes nothing.
 */
let env: TestEnv;
let xinggang: string;
const error = (res: Parameters<typeof json>[0]) => json<{ error: { code: string; message: string } }>(res).error;
const count = async (table: 'resident_proposals' | 'resident_proposal_supports') =>
  (await queryRows<{ n: number }>(env.ctx.db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0]!.n;

/** Resident accounts in `n` new households of a compound: people other than the demo resident, each moved into a home of their own. */
async function residentsOf(compound: string, n: number, prefix: string): Promise<string[]> {
  const people = await queryRows<{ id: string; building_id: string; org_path: string }>(
    env.ctx.db,
    sql`select p.id, h.building_id, h.org_path from people p
          join households h on h.district_id = p.district_id and h.id = p.household_id
        where h.compound_id = ${compound}
          and p.id <> coalesce((select person_id from users where username = 'resident'), '')
        order by p.id limit ${n}`,
  );
  assert.equal(people.length, n, `${n} people to give accounts`);
  const hash = await hashPassword(DEMO_PASSWORD);
  const names: string[] = [];
  for (const [i, p] of people.entries()) {
    const username = `${prefix}-${i}`;
    const home = `H-${username}`;
    await env.ctx.db
      .execute(sql`insert into households (district_id, id, building_id, compound_id, org_path, unit, room, exclusive_area)
      values ('140213', ${home}, ${p.building_id}, ${compound}, ${p.org_path}, '9单元', ${`90${i}`}, 80)`);
    await env.ctx.db.execute(sql`update people set household_id = ${home} where id = ${p.id}`);
    await env.ctx.db
      .execute(sql`insert into users (district_id, id, username, display_name, password_hash, role, org_unit_id, person_id)
      values ('140213', ${`U-${username}`}, ${username}, ${`居民${i}`}, ${hash}, 'resident', ${compound}, ${p.id})`);
    names.push(username);
  }
  return names;
}

before(async () => {
  env = await createTestEnv();
  xinggang = await compoundId(env.ctx.db);
});
after(() => env.close());

describe('居民提议: raised, seconded once per household, taken up by the next joint meeting', () => {
  it('refuses a proposal without a title or a reason and writes nothing', async () => {
    const before = await count('resident_proposals');
    const res = await env.as('resident').post('/api/proposals', { title: '健身', description: '装' });
    assert.equal(res.statusCode, 400);
    assert.equal(error(res).code, 'VALIDATION_FAILED');
    assert.match(error(res).message, /至少 4 个字|至少 10 个字/);
    assert.equal(await count('resident_proposals'), before);
    const staff = await env
      .as('taihe')
      .post('/api/proposals', { title: '增设健身器材', description: '居民希望增设健身器材' });
    assert.equal(staff.statusCode, 403, 'staff do not raise residents’ proposals');
  });

  it('goes from the resident through seconds to the meeting’s agenda', async () => {
    const neighbours = await residentsOf(xinggang, 3, 'xg');
    const [h] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from households where compound_id = ${xinggang}`,
    );
    const needed = proposalSupportsNeeded(h!.n);
    assert.ok(neighbours.length >= needed, `enough neighbours for ${needed}`);
    const raised = await env.as('resident').post('/api/proposals', {
      title: '在小区中心广场增设健身器材',
      description: '老人和孩子多，希望在中心广场增设适老健身器材，并避开住户窗下',
    });
    assert.equal(raised.statusCode, 201, raised.body);
    const p = json<{ proposal: Proposal }>(raised).proposal;
    assert.deepEqual(
      [p.supports, p.supportsNeeded, p.supportedByMe, p.mine, p.status],
      [1, needed, true, true, 'open'],
    );

    // once per household: the proposer's own household cannot second it
    const twice = await env.as('resident').post(`/api/proposals/${p.id}/support`);
    assert.equal(twice.statusCode, 409);
    assert.equal(error(twice).code, 'PROPOSAL_ALREADY_SUPPORTED');

    // a resident of another compound does not see it nor second it
    const [yunqiResident] = await residentsOf(await compoundId(env.ctx.db, '云汽园'), 1, 'yq');
    const stranger = await env.as(yunqiResident!).post(`/api/proposals/${p.id}/support`);
    assert.equal(stranger.statusCode, 403);
    assert.equal(error(stranger).code, 'SCOPE_FORBIDDEN');
    const theirs = json<{ items: Proposal[] }>(await env.as(yunqiResident!).get('/api/proposals'));
    assert.ok(!theirs.items.some((x) => x.id === p.id));
    const otherCommunity = json<{ items: Proposal[] }>(await env.as('youyijie').get('/api/proposals'));
    assert.ok(!otherCommunity.items.some((x) => x.id === p.id));

    // a second proposal that stays below the line
    const small = json<{ proposal: Proposal }>(
      await env.as('resident').post('/api/proposals', {
        title: '单元门口加装雨棚',
        description: '下雨天单元门口湿滑，希望加装雨棚',
      }),
    ).proposal;

    let last = p;
    for (const [i, n] of neighbours.slice(0, needed - 1).entries()) {
      const res = await env.as(n).post(`/api/proposals/${p.id}/support`);
      assert.equal(res.statusCode, 200, res.body);
      last = json<{ proposal: Proposal }>(res).proposal;
      assert.equal(last.supports, i + 2);
      assert.equal(last.supportedByMe, true);
    }
    assert.equal(last.supports, needed);
    const ready = await queryRows<OutboxRow>(
      env.ctx.db,
      sql`select district_id as "districtId", id, topic, payload, created_at as "createdAt" from outbox
          where topic = 'proposal.ready' and payload->>'proposalId' = ${p.id}`,
    );
    assert.equal(ready.length, 1, 'the staff are told once, when it becomes enough');
    const to = await resolveRecipients(env.ctx.db, { ...ready[0]!, id: Number(ready[0]!.id) });
    const staff = await queryRows<{ id: string }>(
      env.ctx.db,
      sql`select id from users where username in ('taihe', 'xinggang', 'xinggang-branch')`,
    );
    for (const s of staff) assert.ok(to.userIds.includes(s.id));
    const text = render('proposal.ready', paramsOf('proposal.ready', ready[0]!.payload, to.extra), 'zh');
    assert.equal(
      text.body,
      `星港城的居民提议「在小区中心广场增设健身器材」已有 ${needed} 户附议，将列入下次联席会议议程`,
    );

    // the community convenes the meeting: the proposal is on its agenda, the small one is not
    const res = await env.as('taihe').post('/api/joint-meetings', { compoundId: xinggang, heldOn: '2026-12-08' });
    assert.equal(res.statusCode, 201, res.body);
    const m = json<{ meeting: Meeting }>(res).meeting;
    assert.deepEqual(
      m.proposals.map((x) => [x.id, x.supports]),
      [[p.id, needed]],
    );
    const after = json<{ proposal: Proposal }>(await env.as('resident').get(`/api/proposals/${p.id}`)).proposal;
    assert.equal(after.status, 'on_agenda');
    assert.deepEqual(after.meeting, { id: m.id, heldOn: '2026-12-08' });
    const stillOpen = json<{ proposal: Proposal }>(await env.as('resident').get(`/api/proposals/${small.id}`)).proposal;
    assert.equal(stillOpen.status, 'open');

    // on the agenda it takes no more seconds
    const late = await env.as(neighbours[needed - 1]!).post(`/api/proposals/${p.id}/support`);
    assert.equal(late.statusCode, 409);
    assert.equal(error(late).code, 'PROPOSAL_ON_AGENDA');
    assert.match(error(late).message, /2026-12-08/);
    const [audits] = await queryRows<{ n: number }>(
      env.ctx.db,
      sql`select count(*)::int as n from audit_log where entity_id = ${p.id} and action in ('proposal.raise', 'proposal.support')`,
    );
    assert.equal(audits!.n, needed);
  });
});

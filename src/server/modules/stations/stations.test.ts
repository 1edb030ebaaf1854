import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestEnv, json, type TestEnv } from '../../testing/harness.js';
import { compoundId } from '../../testing/orders.js';
import type { Posting, RiderMeeting, SeekerMatches, StationDetail } from '../../../shared/stations.schema.js';

// Stations, rider meetings and jobs; the living circle, demand conversion and the canteens are in volunteers.test.ts.
let env: TestEnv;
let xinggang: string;
const code = (res: Parameters<typeof json>[0]) => json<{ error: { code: string; message: string } }>(res).error;

describe('stations: services, riders’ joint meetings, jobs', () => {
  before(async () => {
    env = await createTestEnv();
    xinggang = await compoundId(env.ctx.db);
  });
  after(() => env.close());

  it('creates a located station with its services, refusing half a location and other communities', async () => {
    const t = env.as('taihe');
    const half = await t.post('/api/stations', { kind: 'rider', name: '测试小哥驿站', orgUnitId: xinggang, lat: 37.8 });
    assert.equal(half.statusCode, 400);
    assert.equal(code(half).code, 'LOCATION_INCOMPLETE');
    const en = await t.post(
      '/api/stations',
      { kind: 'rider', name: '测试驿站', orgUnitId: 'nope' },
      { 'accept-language': 'en' },
    );
    assert.deepEqual(code(en), { code: 'ORG_UNIT_NOT_FOUND', message: 'Organisational unit not found.' });
    const res = await t.post('/api/stations', {
      kind: 'rider',
      name: '测试小哥驿站',
      orgUnitId: xinggang,
      address: '某路 1 号',
      lat: 37.8,
      lng: 112.5,
    });
    assert.equal(res.statusCode, 201, res.body);
    const id = json<{ station: StationDetail }>(res).station.id;
    const added = json<{ station: StationDetail }>(
      await t.post(`/api/stations/${id}/services`, { category: 'warmth', name: '冬季送温暖', schedule: '每周一' }),
    ).station;
    assert.deepEqual(
      { ...added, services: added.services.map(({ id: _id, ...s }) => s) },
      {
        id,
        kind: 'rider',
        name: '测试小哥驿站',
        orgUnitId: xinggang,
        orgUnitName: '星港城',
        address: '某路 1 号',
        lat: 37.8,
        lng: 112.5,
        services: [{ category: 'warmth', name: '冬季送温暖', schedule: '每周一' }],
        loveCorners: 0,
      },
    );
    assert.equal(code(await env.as('youyijie').get(`/api/stations/${id}`)).code, 'SCOPE_FORBIDDEN');
    assert.equal(code(await t.get('/api/stations/nope')).code, 'STATION_NOT_FOUND');
    const kinds = json<{ items: { kind: string }[] }>(await t.get('/api/stations?kind=rider')).items;
    assert.ok(kinds.length > 0 && kinds.every((s) => s.kind === 'rider'));
  });

  it('records a joint meeting at a rider station and answers a demand once', async () => {
    const t = env.as('taihe');
    const canteen = json<{ station: { id: string } }>(
      await t.post('/api/stations', { kind: 'canteen', name: '测试幸福餐厅', orgUnitId: xinggang }),
    ).station.id;
    const wrong = await t.post('/api/rider-meetings', { stationId: canteen, heldOn: '2026-11-01' });
    assert.equal(code(wrong).code, 'STATION_KIND_INVALID');
    const station = json<{ station: { id: string } }>(
      await t.post('/api/stations', { kind: 'rider', name: '联席会议驿站', orgUnitId: xinggang }),
    ).station.id;
    const res = await t.post('/api/rider-meetings', {
      stationId: station,
      heldOn: '2026-11-01',
      attendees: 12,
      minutes: '纪要',
      demands: [{ difficulty: 'eat_rest', content: '没有地方吃饭' }],
    });
    assert.equal(res.statusCode, 201, res.body);
    const m = json<{ meeting: RiderMeeting }>(res).meeting;
    assert.deepEqual([m.stationName, m.heldOn, m.attendees, m.demands.length], ['联席会议驿站', '2026-11-01', 12, 1]);
    const answered = json<{ meeting: RiderMeeting }>(
      await t.post(`/api/rider-demands/${m.demands[0]!.id}/answer`, { answer: '已协调餐厅' }),
    ).meeting.demands[0]!;
    assert.deepEqual([answered.status, answered.answer], ['answered', '已协调餐厅']);
    assert.equal(
      code(await t.post(`/api/rider-demands/${m.demands[0]!.id}/answer`, { answer: '再答一次' })).code,
      'DEMAND_ALREADY_HANDLED',
    );
    assert.equal(code(await t.post('/api/rider-demands/nope/answer', { answer: '答复' })).code, 'DEMAND_NOT_FOUND');
    const listed = json<{ items: RiderMeeting[] }>(await t.get('/api/rider-meetings')).items;
    assert.ok(listed.some((x) => x.id === m.id));
  });

  it('matches seekers to open postings by skills, and a hire fills the posting', async () => {
    const t = env.as('taihe');
    const station = json<{ station: { id: string } }>(
      await t.post('/api/stations', { kind: 'convenience', name: '招聘便民服务站', orgUnitId: xinggang }),
    ).station.id;
    const post = async (body: object) => json<{ posting: Posting }>(await t.post('/api/job-postings', body)).posting;
    const rider = await post({ stationId: station, title: '外卖骑手', employer: '某公司', skills: ['驾驶', '沟通"'] });
    assert.deepEqual([rider.skills, rider.status, rider.hired], [['驾驶', '沟通'], 'open', 0]);
    const cleaner = await post({ stationId: station, title: '保洁员', employer: '某物业' });
    const seeker = json<{ seeker: { id: string; phoneMasked: string } }>(
      await t.post('/api/job-seekers', { stationId: station, name: '张三', phone: '13912345678', skills: ['驾驶'] }),
    ).seeker;
    assert.equal(seeker.phoneMasked, '139****5678');
    const other = json<{ seeker: { id: string } }>(
      await t.post('/api/job-seekers', { stationId: station, name: '李四' }),
    ).seeker;
    const m = json<SeekerMatches>(await t.get(`/api/job-seekers/${seeker.id}/matches`));
    const mine = new Map(m.items.map((i) => [i.posting.id, [i.overlap, i.score]]));
    assert.deepEqual(mine.get(rider.id), [['驾驶'], 0.5], 'one of two wanted skills');
    assert.deepEqual(mine.get(cleaner.id), [[], 0.5], 'a posting that wants no skill scores 0.5');
    const hire = (seekerId: string) => t.post('/api/job-matches', { postingId: rider.id, seekerId, status: 'hired' });
    const filled = json<{ posting: Posting }>(await hire(seeker.id)).posting;
    assert.deepEqual([filled.status, filled.hired], ['filled', 1]);
    assert.equal(code(await hire(other.id)).code, 'POSTING_CLOSED');
    assert.equal(
      code(await t.post('/api/job-matches', { postingId: 'nope', seekerId: other.id })).code,
      'POSTING_NOT_FOUND',
    );
    assert.equal(
      code(await t.post('/api/job-matches', { postingId: cleaner.id, seekerId: 'nope' })).code,
      'SEEKER_NOT_FOUND',
    );
    assert.equal(code(await t.get('/api/job-seekers/nope/matches')).code, 'SEEKER_NOT_FOUND');
  });
});

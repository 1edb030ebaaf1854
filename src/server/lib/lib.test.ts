import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { FieldCrypto, loadMasterKey, maskPhone } from './field-crypto.js';
import { checkCharacter, maskIdNumber, parseIdNumber } from './id-number.js';
import { acquireLock } from './lock.js';
import { namePinyin } from './pinyin.js';

describe('GB 11643 ID numbers', () => {
  it('accepts a valid number and reads birth date and gender', () => {
    const first17 = '14021319850315001';
    const id = first17 + checkCharacter(first17);
    const parsed = parseIdNumber(id);
    assert.ok(!('problem' in parsed));
    assert.equal(parsed.birthDate, '1985-03-15');
    assert.equal(parsed.gender, 'M');
  });
  it('knows the published check characters', () => {
    // Example from GB 11643-1999 Annex: 11010519491231002X
    assert.equal(checkCharacter('11010519491231002'), 'X');
    assert.ok(!('problem' in parseIdNumber('11010519491231002x')));
  });
  it('rejects wrong checksum, impossible dates and bad formats', () => {
    assert.deepEqual(parseIdNumber('110105194912310021'), { problem: 'checksum' });
    assert.deepEqual(parseIdNumber('140213198502300012'), { problem: 'birth_date' });
    assert.deepEqual(parseIdNumber('14021319850315'), { problem: 'format' });
  });
  it('masks all but region and last four', () => {
    assert.equal(maskIdNumber('11010519491231002X'), '110105********002X');
    assert.equal(maskPhone('13912345678'), '139****5678');
  });
});

describe('field encryption', () => {
  const crypto = new FieldCrypto(randomBytes(32));
  it('round-trips and never repeats a ciphertext', () => {
    const a = crypto.encrypt('11010519491231002X');
    const b = crypto.encrypt('11010519491231002X');
    assert.notEqual(a, b);
    assert.equal(crypto.decrypt(a), '11010519491231002X');
    assert.ok(!a.includes('1949'));
  });
  it('detects tampering', () => {
    const raw = Buffer.from(crypto.encrypt('secret'), 'base64');
    raw[raw.length - 1]! ^= 1;
    assert.throws(() => crypto.decrypt(raw.toString('base64')));
  });
  it('blind index is stable per key and differs across keys', () => {
    assert.equal(crypto.blindIndex('x'), crypto.blindIndex('x'));
    assert.notEqual(crypto.blindIndex('x'), new FieldCrypto(randomBytes(32)).blindIndex('x'));
  });
  it('generates a key file once and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'linli-key-'));
    const k1 = loadMasterKey(undefined, join(dir, 'keys', 'master.key'));
    const k2 = loadMasterKey(undefined, join(dir, 'keys', 'master.key'));
    assert.deepEqual(k1, k2);
    assert.throws(() => new FieldCrypto(Buffer.alloc(16)));
  });
});

describe('pinyin', () => {
  it('gives toneless full pinyin and initials, reading surnames as surnames', () => {
    assert.deepEqual(namePinyin('张三'), { full: 'zhangsan', initials: 'zs' });
    assert.equal(namePinyin('单雄信').full, 'shanxiongxin');
  });
});

describe('data directory lock', () => {
  it('refuses a second holder while the first is alive, and takes over a stale lock', () => {
    const dir = mkdtempSync(join(tmpdir(), 'linli-lock-'));
    const lock = join(dir, 'pglite.lock');
    const release = acquireLock(lock);
    writeFileSync(lock, String(process.ppid)); // a live process other than us holds it
    assert.throws(() => acquireLock(lock), /占用/);
    writeFileSync(lock, '999999999'); // a dead process
    const again = acquireLock(lock);
    again();
    release();
  });
});

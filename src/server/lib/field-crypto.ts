import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Field-level encryption for personal information (PIPL): AES-256-GCM with a random 96-bit IV per
 * value, stored as base64(iv | tag | ciphertext), plus an HMAC-SHA256 "blind index" for exact lookup.
 * Separate subkeys for encryption and hashing are derived from one master key with HKDF.
 */
export class FieldCrypto {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('数据加密主密钥必须是 32 字节（base64 编码后 44 个字符）。');
    this.encKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'linli/field-enc/v1', 32));
    this.macKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'linli/field-mac/v1', 32));
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  decrypt(stored: string): string {
    const raw = Buffer.from(stored, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  /** Keyed hash for equality lookup; without the key it cannot be brute-forced over the small ID space. */
  blindIndex(plain: string): string {
    return createHmac('sha256', this.macKey).update(plain).digest('base64url');
  }
}

/** Master key from LINLI_DATA_KEY (base64), else from a key file generated once with mode 0600. */
export function loadMasterKey(envKey: string | undefined, keyFile: string): Buffer {
  if (envKey) return Buffer.from(envKey, 'base64');
  if (existsSync(keyFile)) return Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
  mkdirSync(dirname(keyFile), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  writeFileSync(keyFile, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  return key;
}

export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

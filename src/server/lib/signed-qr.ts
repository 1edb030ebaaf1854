import { timingSafeEqual } from 'node:crypto';
import QRCode from 'qrcode';

/**
 * Signed check-in codes: one token per record and phase — base64url({a, p, e}).signature — with no database
 * row per code. The signature is the blind index (HMAC) of the purpose, the payload and the record's own
 * nonce, so changing the nonce voids every code of that record. Volunteers' activities (签到/签退) and the
 * party branches' activities (组织生活签到) use it with their own purpose.
 */
export interface QrSigner {
  blindIndex(plain: string): string;
}
export interface QrClaims<P extends string = string> {
  /** the record (an activity id) */
  a: string;
  /** the phase (in / out) */
  p: P;
  /** expiry, seconds since the epoch */
  e: number;
}
export interface ParsedQrToken<P extends string> extends QrClaims<P> {
  payload: string;
  sig: string;
}

const signature = (signer: QrSigner, purpose: string, payload: string, nonce: string) =>
  signer.blindIndex(`linli/${purpose}/v1|${payload}|${nonce}`);

export function signQrToken(signer: QrSigner, purpose: string, claims: QrClaims, nonce: string): string {
  const payload = Buffer.from(JSON.stringify({ a: claims.a, p: claims.p, e: claims.e })).toString('base64url');
  return `${payload}.${signature(signer, purpose, payload, nonce)}`;
}

/** The claims of a well-formed token (not yet verified), or null. */
export function parseQrToken<P extends string>(token: string, phases: readonly P[]): ParsedQrToken<P> | null {
  const [payload, sig] = token.split('.');
  if (!payload || !sig) return null;
  try {
    const v = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      a?: unknown;
      p?: unknown;
      e?: unknown;
    };
    if (typeof v.a !== 'string' || !phases.includes(v.p as P) || typeof v.e !== 'number') return null;
    return { a: v.a, p: v.p as P, e: v.e, payload, sig };
  } catch {
    return null;
  }
}

/** Whether the token was signed for this purpose with the record's nonce (constant-time compare). */
export function verifyQrToken(signer: QrSigner, purpose: string, t: ParsedQrToken<string>, nonce: string): boolean {
  const expected = Buffer.from(signature(signer, purpose, t.payload, nonce));
  const given = Buffer.from(t.sig);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The QR image of a URL, as inline SVG. */
export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
}

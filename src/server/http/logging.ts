import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Writable } from 'node:stream';

/**
 * What the log may hold. Request lines carry the method and a masked URL (query values of sensitive
 * parameters replaced, 18-digit ID numbers and mobile numbers masked anywhere in the URL); headers and
 * bodies are not logged, and pino `redact` drops them should a log call include them. Errors keep their
 * message and stack with the same masking, and lose SQL parameters.
 */
const SENSITIVE_PARAMS = /^(api_key|apikey|key|token|password|pass|secret|q|idno|id_?number|phone|mobile|tel|name)$/i;
// GB 11643 ID numbers (17 digits + digit/X) and mainland mobile numbers; digits around them must not be digits.
const ID_NUMBER = /(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])/g;
const MOBILE = /(?<![0-9])1[3-9][0-9]{9}(?![0-9])/g;

export function maskText(text: string): string {
  return text
    .replace(ID_NUMBER, (m) => `${m.slice(0, 3)}***********${m.slice(-4)}`)
    .replace(MOBILE, (m) => `${m.slice(0, 3)}****${m.slice(-4)}`);
}

export function maskUrl(url: string): string {
  const q = url.indexOf('?');
  const path = maskText(q < 0 ? url : url.slice(0, q));
  if (q < 0) return path;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName);
      } catch {
        /* keep as sent */
      }
      if (eq >= 0 && SENSITIVE_PARAMS.test(name)) return `${rawName}=[redacted]`;
      let value = eq < 0 ? '' : pair.slice(eq + 1);
      try {
        value = decodeURIComponent(value.replaceAll('+', ' '));
      } catch {
        /* keep as sent */
      }
      return eq < 0 ? rawName : `${rawName}=${encodeURIComponent(maskText(value))}`;
    })
    .join('&');
  return `${path}?${query}`;
}

interface SerializedError {
  type: string;
  message: string;
  stack: string;
  [key: string]: unknown;
}

function serializeError(err: unknown): SerializedError {
  if (!(err instanceof Error)) return { type: typeof err, message: maskText(String(err)), stack: '' };
  const e = err as Error & { code?: unknown; cause?: unknown };
  // drizzle's "Failed query: … params: a,b,c" carries the values the caller sent: keep the SQL, drop the values.
  const dropParams = (s: string) => maskText(s.replace(/\nparams: [\s\S]*?(\n\s+at |$)/, '\nparams: [redacted]$1'));
  const out: SerializedError = {
    type: e.name,
    message: dropParams(e.message),
    stack: e.stack ? dropParams(e.stack) : '',
  };
  if (typeof e.code === 'string') out.code = e.code;
  if (e.cause) out.cause = serializeError(e.cause);
  return out;
}

export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'req.body',
  'body',
  '*.password',
  '*.api_key',
  '*.idNumber',
  '*.phone',
];

export interface LoggerOptions {
  level: string;
  stream?: Writable;
}

/** Options for Fastify's logger (pino). */
export function loggerOptions(opts: LoggerOptions) {
  return {
    level: opts.level,
    ...(opts.stream ? { stream: opts.stream } : {}),
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req: FastifyRequest) => ({ method: req.method, url: maskUrl(req.url), remoteAddress: req.ip }),
      err: serializeError,
    },
  };
}

/** Request ids double as the error id shown in a 500 reply: short, random, unique enough to find the log line. */
export function newRequestId(): string {
  return randomBytes(6).toString('hex');
}

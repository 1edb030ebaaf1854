/**
 * Typed application errors. Each module enumerates its codes in a `<module>.errors.ts` through
 * `defineErrors`, with the message people see in Chinese and in English; `httpStatusOf` is the one
 * mapper to HTTP and the error handler picks the caller's language. Messages say what to do.
 */
export type ErrorKind =
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'unsupported_media'
  | 'locked'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export type Lang = 'zh' | 'en';

const STATUS: Record<ErrorKind, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media: 415,
  locked: 423,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

export const httpStatusOf = (kind: ErrorKind): number => STATUS[kind];

export interface ErrorText {
  zh: string;
  en: string;
}

export class AppError extends Error {
  readonly text: ErrorText;

  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string | ErrorText,
    readonly details?: unknown,
  ) {
    const text = typeof message === 'string' ? { zh: message, en: message } : message;
    super(text.zh);
    this.text = text;
    this.name = 'AppError';
  }

  get status(): number {
    return STATUS[this.kind];
  }

  messageIn(lang: Lang): string {
    return this.text[lang];
  }
}

/** One enumerated error: its kind (HTTP status) and its message in both languages; `{name}` marks a parameter. */
export interface ErrorSpec {
  kind: ErrorKind;
  zh: string;
  en: string;
}

type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;
export type ErrorParam = string | number;
type Factory<S extends ErrorSpec> = [Placeholders<S['zh'] | S['en']>] extends [never]
  ? (details?: unknown) => AppError
  : (params: Record<Placeholders<S['zh'] | S['en']>, ErrorParam>, details?: unknown) => AppError;
export type ErrorFactories<T extends Record<string, ErrorSpec>> = { readonly [K in keyof T & string]: Factory<T[K]> };

export interface CatalogEntry extends ErrorSpec {
  code: string;
  module: string;
}
const CATALOG = new Map<string, CatalogEntry>();

/** Every code a loaded module has defined, for the tests that check both languages are there. */
export function errorCatalog(): readonly CatalogEntry[] {
  return [...CATALOG.values()];
}

const fill = (template: string, params: Record<string, ErrorParam>): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

/**
 * A module's error codes. The same code may be defined by two modules only with the same kind
 * (its HTTP status is part of the API); the texts may differ, each module saying what it means.
 */
export function defineErrors<const T extends Record<string, ErrorSpec>>(module: string, specs: T): ErrorFactories<T> {
  const out: Record<string, (a?: unknown, b?: unknown) => AppError> = {};
  for (const [code, spec] of Object.entries(specs)) {
    const seen = CATALOG.get(code);
    if (seen && seen.kind !== spec.kind) {
      throw new Error(`error code ${code}: ${module} says ${spec.kind}, ${seen.module} says ${seen.kind}`);
    }
    if (!seen) CATALOG.set(code, { ...spec, code, module });
    const hasParams = /\{\w+\}/.test(spec.zh + spec.en);
    out[code] = (a?: unknown, b?: unknown) => {
      const params = (hasParams ? a : {}) as Record<string, ErrorParam>;
      const details = hasParams ? b : a;
      return new AppError(spec.kind, code, { zh: fill(spec.zh, params), en: fill(spec.en, params) }, details);
    };
  }
  return out as ErrorFactories<T>;
}

/** Throws `error` unless `ok`: the state check of an operation ("只有已结案的档案可以重新开案"). */
export function requireState(ok: boolean, error: () => AppError): asserts ok {
  if (!ok) throw error();
}

import { XMLBuilder } from 'fast-xml-parser';

/**
 * GeoReport v2 XML: the same documents as the JSON replies, wrapped the way the spec's examples are
 * (`<services><service>…`, `<service_requests><request>…`), UTF-8 with the XML declaration. Nulls are
 * empty elements (the spec's clients read an absent value as an empty one); booleans are `true`/`false`.
 */
export type Format = 'json' | 'xml';
type Value = string | number | boolean | null | undefined | Value[] | { [k: string]: Value };

const builder = new XMLBuilder({ format: false, suppressEmptyNode: false, processEntities: true });

/** `lists` names the child element of each nested list (e.g. `formats` → `format`, `values` → `value`). */
const LIST_ITEM: Record<string, string> = {
  endpoints: 'endpoint',
  formats: 'format',
  attributes: 'attribute',
  values: 'value',
};

function toXmlValue(v: Value, key: string): unknown {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) {
    const item = LIST_ITEM[key];
    if (!item) throw new Error(`Open311 XML: no item element for the list ${key}`);
    return { [item]: v.map((x) => toXmlValue(x, item)) };
  }
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = toXmlValue(x, k);
    return out;
  }
  return String(v);
}

/** A list reply (`<root><item/>…</root>`) or, with `item` undefined, one document (`<root>…</root>`). */
export function renderXml(root: string, item: string | undefined, body: Value): string {
  const inner = item ? { [item]: (body as Value[]).map((x) => toXmlValue(x, item)) } : toXmlValue(body, root);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: inner }) as string}`;
}

export const CONTENT_TYPE: Record<Format, string> = {
  xml: 'text/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

import type { Json } from './ocds.extension.js';

/**
 * The OCDS 1.1 merge rules (https://standard.open-contracting.org/1.1/en/schema/merging/), for the
 * releases Linli publishes: releases are taken in date order; objects merge field by field; an array
 * of objects that carry `id` is merged by identifier (the items with the same id merge, new ids are
 * appended); any other array (strings, `wholeListMerge` lists) and any literal replaces the earlier
 * value; `null` removes the field. The release-level `id`, `date` and `tag` are omitted when merged
 * (`omitWhenMerged`). The versioned release keeps, for every field, the list of values it took, each
 * with the releaseID, releaseDate and releaseTag that set it. The `id` of an item of an identifier-merged
 * array stays plain (it is the merge key); any other `id` (buyer.id, budget.id, tender.id,
 * identifier.id…) is versioned like every field, as in the official versioned-release schema.
 * An object the schema leaves without properties (`Organization.details`) is one value: it replaces
 * the earlier one and is versioned whole, as the official versioned-release-validation-schema wants.
 */
const OMIT_WHEN_MERGED = new Set(['id', 'date', 'tag']);
const WHOLE_LIST_MERGE = new Set(['additionalIdentifiers', 'additionalClassifications']);
/** Free-form objects (no `properties` in the 1.1.5 release schema): merged and versioned as one value. */
const WHOLE_VALUE = new Set(['details']);

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isIdList = (key: string, v: unknown): v is Json[] =>
  Array.isArray(v) && !WHOLE_LIST_MERGE.has(key) && v.length > 0 && v.every((x) => isObject(x) && 'id' in x);

function mergeValue(key: string, earlier: unknown, later: unknown): unknown {
  if (isObject(later) && !WHOLE_VALUE.has(key)) return mergeObject(isObject(earlier) ? earlier : {}, later);
  if (isIdList(key, later)) {
    const out: Json[] = Array.isArray(earlier) ? (earlier as Json[]).map((x) => ({ ...x })) : [];
    for (const item of later) {
      const at = out.findIndex((x) => x.id === item.id);
      if (at < 0) out.push(mergeObject({}, item));
      else out[at] = mergeObject(out[at]!, item);
    }
    return out;
  }
  return later;
}

function mergeObject(earlier: Json, later: Json): Json {
  const out: Json = { ...earlier };
  for (const [k, v] of Object.entries(later)) {
    if (v === null) delete out[k];
    else if (v !== undefined) out[k] = mergeValue(k, out[k], v);
  }
  return out;
}

const byDate = (releases: readonly Json[]) =>
  [...releases].sort((a, b) => String(a.date).localeCompare(String(b.date)));

/** The compiled release: the latest state of every field, tagged `compiled`. */
export function compileReleases(releases: readonly Json[]): Json {
  const sorted = byDate(releases);
  let out: Json = {};
  for (const r of sorted) {
    const body = Object.fromEntries(Object.entries(r).filter(([k]) => !OMIT_WHEN_MERGED.has(k)));
    out = mergeObject(out, body);
  }
  const last = sorted.at(-1)!;
  return { ...out, id: `${String(last.ocid)}-compiled-${String(last.id)}`, date: last.date, tag: ['compiled'] };
}

interface Origin {
  releaseID: string;
  releaseDate: string;
  releaseTag: string[];
}
type Versioned = { value: unknown } & Origin;

function versionInto(target: Json, source: Json, origin: Origin, arrayItem: boolean): void {
  for (const [k, v] of Object.entries(source)) {
    if (v === undefined) continue;
    const isIdentifier = k === 'id' && arrayItem;
    if (isIdentifier) {
      target[k] = v;
    } else if (isObject(v) && !WHOLE_VALUE.has(k)) {
      versionInto((target[k] = isObject(target[k]) ? target[k] : {}) as Json, v, origin, false);
    } else if (isIdList(k, v)) {
      const list = (Array.isArray(target[k]) ? target[k] : (target[k] = [])) as Json[];
      for (const item of v) {
        let at = list.find((x) => x.id === item.id);
        if (!at) list.push((at = { id: item.id }));
        versionInto(at, item, origin, true);
      }
    } else {
      const history = (Array.isArray(target[k]) ? target[k] : (target[k] = [])) as Versioned[];
      const current = history.at(-1);
      // a new entry only when the value changes (null records a removal)
      if (!current || JSON.stringify(current.value) !== JSON.stringify(v)) history.push({ ...origin, value: v });
    }
  }
}

/** The versioned release: every field's history of values with the release that set each. */
export function versionReleases(releases: readonly Json[]): Json {
  const out: Json = {};
  for (const r of byDate(releases)) {
    const origin: Origin = { releaseID: String(r.id), releaseDate: String(r.date), releaseTag: r.tag as string[] };
    const body = Object.fromEntries(Object.entries(r).filter(([k]) => !OMIT_WHEN_MERGED.has(k) && k !== 'ocid'));
    versionInto(out, body, origin, false);
  }
  return { ocid: releases[0]?.ocid, ...out };
}

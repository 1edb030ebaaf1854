import { shanghaiDate } from '../../lib/time.js';
import type { Queryable } from '../../db/client.js';
import { categoryRows, entryOf, versionOn } from './catalogue.repository.js';

/**
 * The catalogue entry for an order's category on a given moment: the version in force that day, the
 * category's own line or else its parent category's. Dispatch reads it to suggest and time legs; a return
 * blamed on the catalogue records which entry it was.
 */
export async function catalogueEntryFor(q: Queryable, districtId: string, categoryId: string, at: Date) {
  const version = await versionOn(q, districtId, shanghaiDate(at));
  if (!version) return null;
  const category = (await categoryRows(q, districtId)).find((c) => c.id === categoryId);
  const own = await entryOf(q, districtId, version.id, categoryId);
  // the legs' deadline: the catalogue's own line for the category; a sub-category without one keeps the
  // deadline the district set on the sub-category itself rather than its parent's line
  if (own) return { version, entry: own, handleDays: own.handleDays };
  const parent = category?.parentId ? await entryOf(q, districtId, version.id, category.parentId) : undefined;
  return parent ? { version, entry: parent, handleDays: category?.handleDays ?? parent.handleDays } : null;
}

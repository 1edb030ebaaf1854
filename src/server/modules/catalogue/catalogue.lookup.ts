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
  const own = await entryOf(q, districtId, version.id, categoryId);
  if (own) return { version, entry: own };
  const parentId = (await categoryRows(q, districtId)).find((c) => c.id === categoryId)?.parentId;
  const parent = parentId ? await entryOf(q, districtId, version.id, parentId) : undefined;
  return parent ? { version, entry: parent } : null;
}

import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { requireState } from '../../lib/errors.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.records.js';
import { linkAttachments } from '../attachments/attachments.service.js';
import type { CaseMaterialsInput } from '../../../shared/minor-protection.schema.js';
import { writeCase, type CaseOp } from './case-write.js';
import { CaseState } from './minor-protection.errors.js';

/**
 * 个案材料: documents and photos (家访照片, 监护评估书, 学校证明 …) added to a child's file by whoever works it.
 * The files are linked in the file's own write (lock, event, audit): a refused file adds none. Who may open them
 * afterwards is the identity rule (access/attachments.access.ts); every open of an original is audited.
 */
export function addCaseMaterials(ctx: AppContext, actor: Actor, op: CaseOp & { input: CaseMaterialsInput }) {
  const ids = [...new Set(op.input.attachmentIds)];
  return writeCase(ctx, actor, {
    id: op.id,
    version: null,
    action: 'materials',
    ip: op.ip,
    authorise: (c) => {
      requireAccess(actor, 'minorCase', c, 'work');
      requireState(c.status !== 'closed', CaseState.CLOSED_KEEPS_NO_WORK);
    },
    apply: async (tx) => {
      // one batch per upload step: the part groups the files with the timeline line that added them
      const batch = randomUUID();
      await linkAttachments(tx, actor, {
        ids,
        purposes: ['case'],
        kind: 'minor_case',
        recordId: op.id,
        part: batch,
        ...(op.ip ? { ip: op.ip } : {}),
      });
      return {
        set: {},
        event: { type: 'materials_added', note: op.input.note ?? null, data: { batch, count: ids.length } },
        audit: { batch, attachmentIds: ids },
      };
    },
  });
}

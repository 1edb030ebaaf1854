import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { requireState } from '../../lib/errors.js';
import { shanghaiDate } from '../../lib/time.js';
import type { Actor } from '../access/access.policy.js';
import { requireAccess } from '../access/access.records.js';
import type { ConsentInput, ServiceInput } from '../../../shared/minor-protection.schema.js';
import { addDays, listCategories, visitIntervalDays } from './categories.service.js';
import { writeCase, type CaseOp } from './case-write.js';
import { CaseState, MinorErrors as E, MinorErrorVariants as V } from './minor-protection.errors.js';
import { insertConsent, insertService, type Case } from './repository/cases.repository.js';

/** Services delivered to the child (a home visit moves the visit schedule) and guardians' consents. */
export function recordService(ctx: AppContext, actor: Actor, op: CaseOp & { input: ServiceInput }) {
  const { input } = op;
  if (input.servedOn > shanghaiDate(new Date())) throw V.SERVICE_DATE_IN_FUTURE();
  if (input.kind === 'home_visit' && !input.visit) throw E.VISIT_DETAILS_REQUIRED();
  return writeCase(ctx, actor, {
    id: op.id,
    version: null,
    action: 'service',
    ip: op.ip,
    authorise: (c) => {
      requireAccess(actor, 'minorCase', c, 'work');
      requireState(c.status !== 'closed', CaseState.CLOSED_KEEPS_NO_WORK);
    },
    apply: async (tx, c) => {
      const serviceId = randomUUID();
      const isVisit = input.kind === 'home_visit';
      const safety = isVisit && !!input.visit?.safetyConcern;
      await insertService(tx, {
        districtId: actor.districtId,
        id: serviceId,
        caseId: op.id,
        kind: input.kind,
        servedOn: input.servedOn,
        workerUserId: actor.userId,
        workerName: actor.displayName,
        outcomeCipher: ctx.crypto.encrypt(input.outcome),
        visitCipher: isVisit ? ctx.crypto.encrypt(JSON.stringify(input.visit)) : null,
        safetyConcern: safety,
      });
      const set: Partial<Case> = {};
      if (isVisit && (!c.lastVisitOn || input.servedOn >= c.lastVisitOn)) {
        const rules = await listCategories(tx, actor.districtId);
        set.lastVisitOn = input.servedOn;
        set.nextVisitDue = addDays(input.servedOn, visitIntervalDays(c.categories, c.riskLevel, rules));
      }
      return {
        set,
        event: {
          type: isVisit ? 'visited' : 'service',
          data: {
            serviceId,
            kind: input.kind,
            servedOn: input.servedOn,
            safetyConcern: safety,
            nextVisitDue: set.nextVisitDue ?? c.nextVisitDue,
          },
        },
        audit: { serviceId, kind: input.kind, servedOn: input.servedOn },
        outbox: safety ? [{ topic: 'minor.safety_concern', payload: { to: 'minor_station_head', serviceId } }] : [],
      };
    },
  });
}

export function recordConsent(ctx: AppContext, actor: Actor, op: CaseOp & { input: ConsentInput }) {
  const { input } = op;
  if (input.givenOn > shanghaiDate(new Date())) throw V.CONSENT_DATE_IN_FUTURE();
  return writeCase(ctx, actor, {
    id: op.id,
    version: null,
    action: 'consent',
    ip: op.ip,
    authorise: (c) => requireAccess(actor, 'minorCase', c, 'work'),
    apply: async (tx) => {
      const consentId = randomUUID();
      await insertConsent(tx, {
        districtId: actor.districtId,
        id: consentId,
        caseId: op.id,
        guardianCipher: ctx.crypto.encrypt(input.guardian),
        givenOn: input.givenOn,
        scopeCipher: ctx.crypto.encrypt(input.scope),
        recordedBy: actor.userId,
      });
      return {
        set: {},
        event: { type: 'consent_recorded', data: { consentId, givenOn: input.givenOn } },
        audit: { consentId },
      };
    },
  });
}

import type { AppContext } from '../../context.js';
import { iso } from '../../lib/time.js';
import { can, type Actor, type Ability, type Role } from '../access/access.policy.js';
import type { WorkbenchGroup, WorkbenchResponse } from '../../../shared/workbench.schema.js';
import type { WorkbenchKind, WorkbenchTarget } from '../../../shared/workbench.constants.js';
import * as repo from './workbench.repository.js';
import type { PendingRow } from './workbench.repository.js';
import type { Queryable } from '../../db/client.js';

/**
 * 工作台: what waits for this person, across modules. Which kinds a role sees is decided here (the role's
 * step in each process); which records of a kind is decided by the access layer inside each query.
 */
interface Source {
  kind: WorkbenchKind;
  target: WorkbenchTarget;
  /** The ability the step needs; the kind is skipped without it. */
  ability: Ability;
  roles: readonly Role[];
  read(q: Queryable, actor: Actor): Promise<PendingRow[]>;
}

const COMPOUND_STAFF: readonly Role[] = ['community_worker', 'grid_worker', 'branch_secretary'];

export const SOURCES: readonly Source[] = [
  {
    kind: 'orders_to_accept',
    target: 'order',
    ability: 'orders.accept',
    roles: COMPOUND_STAFF,
    read: (q, a) => repo.ordersInStatus(q, a, 'new'),
  },
  {
    kind: 'orders_to_dispatch',
    target: 'order',
    ability: 'orders.dispatch',
    roles: ['community_worker'],
    read: (q, a) => repo.ordersInStatus(q, a, 'accepted'),
  },
  {
    kind: 'legs_to_handle',
    target: 'order',
    ability: 'orders.fulfil',
    roles: ['community_worker', 'grid_worker', 'department_staff'],
    read: repo.legsToHandle,
  },
  {
    kind: 'orders_to_close',
    target: 'order',
    ability: 'orders.confirm',
    roles: ['community_worker'],
    read: (q, a) => repo.ordersInStatus(q, a, 'fulfilled'),
  },
  {
    kind: 'extensions_to_decide',
    target: 'order',
    ability: 'orders.dispatch',
    roles: ['community_worker', 'street_staff', 'district_admin'],
    read: repo.pendingExtensions,
  },
  {
    kind: 'escalations',
    target: 'order',
    ability: 'orders.supervise',
    roles: ['street_staff', 'district_admin'],
    read: (q, a) => repo.escalatedOrders(q, a, a.role === 'district_admin' ? 2 : 1),
  },
  {
    kind: 'results_to_confirm',
    target: 'order',
    ability: 'orders.confirm',
    roles: ['resident'],
    read: (q, a) => repo.ordersInStatus(q, a, 'fulfilled'),
  },
  {
    kind: 'my_requests',
    target: 'order',
    ability: 'orders.create',
    roles: ['resident'],
    read: repo.ownOpenRequests,
  },
  {
    kind: 'my_activities',
    target: 'activity',
    ability: 'volunteers.participate',
    roles: ['resident'],
    read: repo.ownActivities,
  },
  {
    kind: 'hours_to_confirm',
    target: 'hours',
    ability: 'volunteers.manage',
    roles: ['community_worker', 'grid_worker', 'branch_secretary', 'street_staff'],
    read: repo.hoursToConfirm,
  },
  {
    kind: 'proposals_to_score',
    target: 'proposal',
    ability: 'purchase.score',
    roles: ['juror'],
    read: repo.proposalsToScore,
  },
  {
    kind: 'closures_to_approve',
    target: 'case',
    ability: 'minor.approve',
    roles: ['minor_station_head', 'minor_centre'],
    read: repo.closuresToApprove,
  },
  {
    kind: 'visits_due',
    target: 'case',
    ability: 'minor.casework',
    roles: ['social_worker', 'minor_station_head'],
    read: repo.visitsDue,
  },
  {
    kind: 'referrals_to_acknowledge',
    target: 'referrals',
    ability: 'minor.referral.respond',
    roles: ['department_staff', 'social_org', 'social_worker', 'minor_station_head'],
    read: repo.referralsToAcknowledge,
  },
  // ── patrols ── the grid worker's own patrol still open (finish it, or add what he finds)
  {
    kind: 'patrols_to_follow',
    target: 'patrol',
    ability: 'patrols.record',
    roles: ['grid_worker'],
    read: repo.openPatrols,
  },
];

/** The kinds this actor's workbench shows, in order (also the empty ones: "nothing waiting" is an answer). */
export const kindsFor = (actor: Actor): Source[] =>
  SOURCES.filter((s) => s.roles.includes(actor.role) && can(actor, s.ability));

export async function getWorkbench(ctx: AppContext, actor: Actor): Promise<WorkbenchResponse> {
  const groups: WorkbenchGroup[] = [];
  // one short query per kind, one after another (PGlite has one connection)
  for (const s of kindsFor(actor)) {
    const rows = await s.read(ctx.db, actor);
    const first = rows[0];
    groups.push({
      kind: s.kind,
      count: first?.total ?? 0,
      red: first?.red ?? 0,
      amber: first?.amber ?? 0,
      items: rows.map((r) => ({
        id: r.id,
        title: r.title,
        subtitle: r.subtitle,
        dueAt: iso(r.due_at),
        clock: r.clock,
        target: s.target,
        targetId: r.target_id,
      })),
    });
  }
  return { groups, total: groups.reduce((n, g) => n + g.count, 0) };
}

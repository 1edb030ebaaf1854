import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Queryable } from '../../db/client.js';
import type { Actor } from '../access/access.policy.js';
import { scopeWhere } from '../access/access.records.js';
import { minorCases, minorReferrals } from '../minor-protection/minor-protection.tables.js';
import { orgUnits } from '../org/org.tables.js';
import { patrolCompounds, patrols } from '../patrols/patrols.tables.js';
import {
  purchaseJurors,
  purchaseProposals,
  purchaseRecusals,
  purchaseRounds,
  purchaseScores,
} from '../service-purchase/service-purchase.tables.js';
import { serviceRecords, volunteerActivities, volunteerSignups } from '../volunteers/volunteers.tables.js';
import { workOrderExtensions, workOrderLegs, workOrders } from '../work-orders/work-orders.tables.js';
import { AMBER_SHARE, WORKBENCH_ITEMS_PER_KIND, type Clock } from '../../../shared/workbench.constants.js';

/**
 * The workbench's reads: one query per kind of waiting item, each scoped by the access layer's own
 * predicate for that record kind (the same rule a list or a single read of the record uses).
 */
export interface PendingRow {
  id: string;
  title: string;
  subtitle: string | null;
  due_at: Date | string | null;
  clock: Clock | null;
  target_id: string;
  total: number;
  red: number;
  amber: number;
}

interface PendingSpec {
  from: SQL;
  where: SQL;
  id: SQL;
  title: SQL;
  subtitle: SQL;
  /** When the time allowed started and when it ends; no due → no clock. */
  start: SQL;
  due: SQL;
  targetId: SQL;
  /** List order when it is not the due time. */
  order?: SQL;
}

/** red: past due; amber: at least AMBER_SHARE of the time allowed used; green otherwise. */
function clockSql(start: SQL, due: SQL): SQL {
  return sql`case when ${due} is null then null
    when ${due} < now() then 'red'
    when now() >= ${start} + (${due} - ${start}) * ${AMBER_SHARE}::float8 then 'amber'
    else 'green' end`;
}

async function pending(q: Queryable, s: PendingSpec): Promise<PendingRow[]> {
  const clock = clockSql(s.start, s.due);
  const rows = await queryRows<PendingRow>(
    q,
    sql`select ${s.id} as id, ${s.title} as title, ${s.subtitle} as subtitle, ${s.due} as due_at,
      ${clock} as clock, ${s.targetId} as target_id,
      (count(*) over ())::int as total,
      (count(*) filter (where ${clock} = 'red') over ())::int as red,
      (count(*) filter (where ${clock} = 'amber') over ())::int as amber
    from ${s.from} where ${s.where}
    order by ${s.order ?? s.due} asc nulls last, ${s.id}
    limit ${WORKBENCH_ITEMS_PER_KIND}`,
  );
  return rows.map((r) => ({ ...r, total: Number(r.total), red: Number(r.red), amber: Number(r.amber) }));
}

// ───────── work orders ─────────

const ORDER_FROM = sql`${workOrders} o join ${orgUnits} cp on cp.district_id = o.district_id and cp.id = o.compound_id`;
function orderScope(actor: Actor): SQL {
  const read = scopeWhere(actor, 'workOrder', {
    districtId: sql`o.district_id`,
    id: sql`o.id`,
    orgPath: sql`o.org_path`,
    reporterUserId: sql`o.reporter_user_id`,
  });
  return sql`o.district_id = ${actor.districtId} and o.merged_into is null and ${read}`;
}
const orderSpec = (actor: Actor, cond: SQL, due: SQL = sql`o.stage_due_at`, start: SQL = sql`o.updated_at`) => ({
  from: ORDER_FROM,
  where: sql`${orderScope(actor)} and ${cond}`,
  id: sql`o.id`,
  title: sql`o.title`,
  subtitle: sql`o.no || ' · ' || cp.name`,
  start,
  due,
  targetId: sql`o.id`,
});

/** Orders in one status (待接单 new, 待派单 accepted, 待确认 fulfilled), the stage's own deadline. */
export const ordersInStatus = (q: Queryable, actor: Actor, status: 'new' | 'accepted' | 'fulfilled') =>
  pending(
    q,
    orderSpec(
      actor,
      sql`o.status = ${status}`,
      sql`o.stage_due_at`,
      status === 'new' ? sql`o.created_at` : sql`o.updated_at`,
    ),
  );

/** The resident's own requests still being handled (not waiting for their rating, not closed). */
export const ownOpenRequests = (q: Queryable, actor: Actor) =>
  pending(q, orderSpec(actor, sql`o.status in ('new', 'accepted', 'dispatched')`, sql`o.due_at`, sql`o.created_at`));

/** Escalated (at least `level`) or supervised orders still open. */
export const escalatedOrders = (q: Queryable, actor: Actor, level: number) =>
  pending(
    q,
    orderSpec(
      actor,
      sql`o.status <> 'closed' and (o.escalation_level >= ${level} or o.is_supervised)`,
      sql`o.due_at`,
      sql`o.created_at`,
    ),
  );

/** Open legs the actor works (兑单): a department its unit's, community staff the compound legs of their subtree. */
export function legsToHandle(q: Queryable, actor: Actor) {
  const legScope = scopeWhere(actor, 'leg', {
    orgPath: sql`o.org_path`,
    handlerKind: sql`l.handler_kind`,
    workUnitId: sql`l.work_unit_id`,
  });
  return pending(q, {
    from: sql`${workOrderLegs} l join ${workOrders} o on o.district_id = l.district_id and o.id = l.order_id
      join ${orgUnits} cp on cp.district_id = o.district_id and cp.id = o.compound_id`,
    where: sql`l.district_id = ${actor.districtId} and l.status = 'open' and o.merged_into is null and ${legScope}`,
    id: sql`l.id`,
    title: sql`o.title`,
    subtitle: sql`o.no || ' · ' || cp.name`,
    start: sql`l.created_at`,
    due: sql`case when l.paused_at is null then l.due_at end`,
    targetId: sql`o.id`,
  });
}

/** Extension requests waiting for a decision on orders the actor handles. */
export function pendingExtensions(q: Queryable, actor: Actor) {
  return pending(q, {
    from: sql`${workOrderExtensions} e join ${workOrderLegs} l on l.district_id = e.district_id and l.id = e.leg_id
      join ${workOrders} o on o.district_id = e.district_id and o.id = e.order_id
      join ${orgUnits} cp on cp.district_id = o.district_id and cp.id = o.compound_id`,
    where: sql`e.status = 'pending' and ${orderScope(actor)}`,
    id: sql`e.id`,
    title: sql`o.title`,
    subtitle: sql`o.no || ' · ' || cp.name || ' · +' || e.days::text`,
    start: sql`e.created_at`,
    // a decision is due within one day of the request (the leg's clock is paused meanwhile)
    due: sql`e.created_at + interval '1 day'`,
    targetId: sql`o.id`,
  });
}

// ───────── volunteers ─────────

/** Activities the person signed up for that have not ended. */
export function ownActivities(q: Queryable, actor: Actor) {
  const own = scopeWhere(actor, 'signup', { personId: sql`s.person_id` });
  return pending(q, {
    from: sql`${volunteerSignups} s join ${volunteerActivities} a on a.district_id = s.district_id and a.id = s.activity_id
      join ${orgUnits} u on u.district_id = a.district_id and u.id = a.org_unit_id`,
    where: sql`s.district_id = ${actor.districtId} and s.person_id = ${actor.personId ?? ''} and ${own}
      and s.status in ('signed_up', 'checked_in') and a.ends_at > now()`,
    id: sql`s.id`,
    title: sql`a.title`,
    subtitle: sql`u.name`,
    start: sql`a.starts_at`,
    due: sql`null::timestamptz`,
    targetId: sql`a.id`,
    order: sql`a.starts_at`,
  });
}

/** Service hours waiting for confirmation in the actor's subtree. */
export function hoursToConfirm(q: Queryable, actor: Actor) {
  const scope = scopeWhere(
    actor,
    'serviceRecord',
    { orgPath: sql`r.org_path`, workUnitId: sql`r.work_unit_id` },
    'confirm',
  );
  return pending(q, {
    from: sql`${serviceRecords} r join ${orgUnits} u on u.district_id = r.district_id and u.id = r.org_unit_id`,
    where: sql`r.district_id = ${actor.districtId} and r.status = 'pending' and ${scope}`,
    id: sql`r.id`,
    title: sql`r.title`,
    subtitle: sql`u.name || ' · ' || r.served_on::text`,
    start: sql`r.created_at`,
    // hours are confirmed within a week of being recorded
    due: sql`r.created_at + interval '7 days'`,
    targetId: sql`r.id`,
  });
}

// ───────── service purchase ─────────

/** Proposals of rounds in scoring that the juror has neither scored nor recused from. */
export function proposalsToScore(q: Queryable, actor: Actor) {
  const judged = scopeWhere(actor, 'proposal', {
    districtId: sql`p.district_id`,
    orgId: sql`p.org_id`,
    roundId: sql`p.round_id`,
    targetPaths: sql`p.target_paths`,
    screening: sql`p.screening`,
    status: sql`p.status`,
  });
  return pending(q, {
    from: sql`${purchaseProposals} p join ${purchaseRounds} rd on rd.district_id = p.district_id and rd.id = p.round_id`,
    where: sql`p.district_id = ${actor.districtId} and rd.status = 'scoring' and ${judged}
      and exists (select 1 from ${purchaseJurors} j where j.district_id = p.district_id and j.round_id = p.round_id and j.user_id = ${actor.userId})
      and not exists (select 1 from ${purchaseScores} s where s.district_id = p.district_id and s.proposal_id = p.id and s.juror_user_id = ${actor.userId})
      and not exists (select 1 from ${purchaseRecusals} x where x.district_id = p.district_id and x.proposal_id = p.id and x.juror_user_id = ${actor.userId})`,
    id: sql`p.id`,
    title: sql`p.title`,
    subtitle: sql`p.no || ' · ' || rd.title`,
    start: sql`coalesce(rd.scoring_opened_at, rd.deadline_at)`,
    due: sql`null::timestamptz`,
    targetId: sql`p.id`,
  });
}

// ───────── minor protection (identity stays masked: case numbers and masked names only) ─────────

const CASE_COLS = { orgPath: sql`mc.org_path`, workerUserId: sql`mc.worker_user_id` };
const dayEnd = (d: SQL) => sql`((${d} + 1)::timestamp at time zone 'Asia/Shanghai')`;

/** Closure requests in the approver's subtree. */
export function closuresToApprove(q: Queryable, actor: Actor) {
  return pending(q, {
    from: sql`${minorCases} mc`,
    where: sql`mc.district_id = ${actor.districtId} and mc.status = 'closure_requested'
      and ${scopeWhere(actor, 'minorCase', CASE_COLS)}`,
    id: sql`mc.id`,
    title: sql`mc.case_no`,
    subtitle: sql`mc.name_masked`,
    start: sql`mc.updated_at`,
    // a closure request is decided within 5 days
    due: sql`mc.updated_at + interval '5 days'`,
    targetId: sql`mc.id`,
  });
}

/** Open files of the actor's caseload whose next visit is due within a week (or overdue). */
export function visitsDue(q: Queryable, actor: Actor) {
  return pending(q, {
    from: sql`${minorCases} mc`,
    where: sql`mc.district_id = ${actor.districtId} and mc.status = 'open' and mc.next_visit_due is not null
      and mc.next_visit_due <= (now() at time zone 'Asia/Shanghai')::date + 7
      and ${scopeWhere(actor, 'minorCase', CASE_COLS, 'caseload')}`,
    id: sql`mc.id`,
    title: sql`mc.case_no`,
    subtitle: sql`mc.name_masked`,
    start: dayEnd(sql`coalesce(mc.last_visit_on, mc.opened_on)`),
    due: dayEnd(sql`mc.next_visit_due`),
    targetId: sql`mc.id`,
  });
}

/** Referrals waiting for the receiver's acknowledgement (the receiver rule is the read rule; the service checks the ability). */
export function referralsToAcknowledge(q: Queryable, actor: Actor) {
  const who = scopeWhere(actor, 'referral', {
    receiverKind: sql`r.receiver_kind`,
    workUnitId: sql`r.work_unit_id`,
    receiverUserId: sql`r.receiver_user_id`,
    case: CASE_COLS,
  });
  return pending(q, {
    from: sql`${minorReferrals} r join ${minorCases} mc on mc.district_id = r.district_id and mc.id = r.case_id`,
    where: sql`r.district_id = ${actor.districtId} and r.status = 'pending' and ${who}`,
    id: sql`r.id`,
    title: sql`mc.case_no`,
    subtitle: sql`r.receiver_name`,
    start: sql`r.created_at`,
    due: sql`r.ack_due_at`,
    targetId: sql`r.id`,
  });
}

// ───────── patrols ─────────

/** The grid worker's own patrols not yet finished: due at the end of the day they started (a patrol is a day's walk). */
export function openPatrols(q: Queryable, actor: Actor) {
  const mine = scopeWhere(actor, 'patrol', { orgPath: sql`p.org_path`, workerUserId: sql`p.worker_user_id` }, 'record');
  return pending(q, {
    from: sql`${patrols} p`,
    where: sql`p.district_id = ${actor.districtId} and p.status = 'open' and p.worker_user_id = ${actor.userId} and ${mine}`,
    id: sql`p.id`,
    title: sql`coalesce((select string_agg(u.name, '、' order by u.name) from ${patrolCompounds} pc
      join ${orgUnits} u on u.district_id = pc.district_id and u.id = pc.compound_id
      where pc.district_id = p.district_id and pc.patrol_id = p.id), '')`,
    subtitle: sql`to_char(p.started_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')`,
    start: sql`p.started_at`,
    due: sql`(((p.started_at at time zone 'Asia/Shanghai')::date + 1)::timestamp at time zone 'Asia/Shanghai')`,
    targetId: sql`p.id`,
  });
}

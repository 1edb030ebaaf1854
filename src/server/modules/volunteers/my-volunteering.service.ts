import type { AppContext } from '../../context.js';
import { shanghaiMonth } from '../../lib/time.js';
import type { MyVolunteering } from '../../../shared/volunteers.schema.js';
import { personOf, type Actor } from '../access/access.policy.js';
import { cardLast4 } from './presence.service.js';
import { balanceOf, ledgerOf } from './repository/points.repository.js';
import { confirmedHoursIn, hoursInYear, recordsOf } from './repository/records.repository.js';
import { activeReportOf } from './repository/reporting.repository.js';

/** 我的志愿服务: the resident's own balance, this month's and this year's hours, report, latest ledger lines and records. */
export async function myVolunteering(ctx: AppContext, actor: Actor): Promise<MyVolunteering> {
  const personId = personOf(actor);
  const d = actor.districtId;
  const a = await balanceOf(ctx.db, d, personId);
  const month = shanghaiMonth(new Date());
  const hoursThisMonth = await confirmedHoursIn(ctx.db, d, personId, month);
  const year = Number(month.slice(0, 4));
  const thisYear = { year, ...(await hoursInYear(ctx.db, d, personId, year)) };
  const report = await activeReportOf(ctx.db, d, personId);
  const ledger = await ledgerOf(ctx.db, d, personId, 50);
  const records = await recordsOf(ctx.db, d, personId, 50);
  return {
    personId,
    cardLast4: await cardLast4(ctx.db, d, personId),
    balance: a?.balance ?? 0,
    earnedTotal: a?.earnedTotal ?? 0,
    hoursThisMonth,
    thisYear,
    report: report ?? null,
    ledger,
    records,
  };
}

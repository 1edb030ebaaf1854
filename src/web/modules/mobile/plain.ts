import type { TFunction } from 'i18next';
import type { OrderStatus } from '../../../shared/work-orders.constants';

/** An order's state as a resident would say it. */
export function plainStatus(t: TFunction, status: OrderStatus): string {
  return t(`mobile.status.${status}`);
}

/** "还剩 2 天 3 小时" / "已超期 5 小时": the time to a deadline in plain words. */
export function plainDue(t: TFunction, dueAt: string | null, now = Date.now()): string | null {
  if (!dueAt) return null;
  const ms = Date.parse(dueAt) - now;
  const abs = Math.abs(ms);
  const days = Math.floor(abs / 86_400_000);
  const hours = Math.floor((abs % 86_400_000) / 3_600_000);
  const span =
    days > 0 ? t('mobile.span.daysHours', { days, hours }) : t('mobile.span.hours', { hours: Math.max(hours, 1) });
  return ms >= 0 ? t('mobile.leftToDue', { span }) : t('mobile.overdueBy', { span });
}

import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Clock } from './workbench.api';

const COLOR: Record<Clock, string> = { green: 'green', amber: 'orange', red: 'red' };

/** The deadline in plain words with its clock colour: 超期 / 临期 / 正常. */
export function ClockTag({ clock, dueAt }: { clock: Clock | null; dueAt: string | null }) {
  const { t, i18n } = useTranslation();
  if (!dueAt || !clock) return <Tag>{t('workbench.noDue')}</Tag>;
  const time = new Date(dueAt).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  return (
    <Tag color={COLOR[clock]} data-testid="clock" data-clock={clock} style={{ marginInlineEnd: 0 }}>
      {t(`workbench.clock.${clock}`)} · {t('workbench.due', { time })}
    </Tag>
  );
}

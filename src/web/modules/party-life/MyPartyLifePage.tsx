import { useState } from 'react';
import { Button, Card, List, Result, Select, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../lib/api';
import { useScanToken } from '../../lib/useScanToken';
import type { ActivityKind } from '../../../shared/party-life.constants';
import { useMyPartyLife, usePartyCheckin } from './party-life.api';
import { formatDateTime } from '../../lib/time';

const thisYear = new Date().getFullYear();
const COLOR = { present: 'green', leave: 'orange', absent: 'red', expected: 'default' } as const;

/** A member's own branch life: the activities they were expected at, their attendance of the year. */
export default function MyPartyLifePage() {
  const { t } = useTranslation();
  const [year, setYear] = useState(thisYear);
  const mine = useMyPartyLife(year);
  const d = mine.data;
  return (
    <Card
      title={t('partyLife.myTitle')}
      extra={
        <Select
          value={year}
          onChange={setYear}
          style={{ width: 90 }}
          options={[0, 1].map((n) => ({ value: thisYear - n, label: String(thisYear - n) }))}
        />
      }
      data-testid="my-party-life"
    >
      {d && !d.member && <Typography.Paragraph>{t('partyLife.notMember')}</Typography.Paragraph>}
      {d?.member && (
        <>
          <Typography.Paragraph strong data-testid="my-rate">
            {d.member.partyOrgName} ·{' '}
            {t('partyLife.yearFigures', {
              ...d.attendance,
              rate: d.attendance.rate === null ? '—' : `${d.attendance.rate}%`,
            })}
          </Typography.Paragraph>
          <List
            dataSource={d.activities}
            renderItem={(a) => (
              <List.Item>
                <List.Item.Meta
                  title={a.topic}
                  description={`${t(`partyLife.kinds.${a.kind as ActivityKind}`)} · ${formatDateTime(a.startsAt)} · ${a.place}`}
                />
                <Tag color={COLOR[a.myStatus]}>{t(`partyLife.att.${a.myStatus}`)}</Tag>
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}

/** Where an activity's QR code leads: posts the signed token once and shows the check-in. */
export function PartyScanPage() {
  const { t } = useTranslation();
  const scan = usePartyCheckin();
  const token = useScanToken(scan.mutate);
  const back = (
    <Link to="/my/party-life">
      <Button type="primary">{t('partyLife.myTitle')}</Button>
    </Link>
  );
  if (!token) return <Result status="warning" title={t('partyLife.scanMissing')} extra={back} />;
  if (scan.isError)
    return <Result status="error" title={errorMessage(scan.error)} extra={back} data-testid="scan-error" />;
  if (!scan.data) return <Spin />;
  return (
    <Result
      status="success"
      data-testid="party-scan-result"
      title={t('partyLife.checkedIn', { topic: scan.data.topic })}
      subTitle={scan.data.partyOrgName}
      extra={back}
    />
  );
}

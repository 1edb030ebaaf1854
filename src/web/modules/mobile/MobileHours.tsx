import { Alert, Card, Empty, Spin, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../lib/api';
import { formatDateTime } from '../../lib/time';
import { PresenceCard } from '../volunteers/PresenceCard';
import { useMyVolunteering, useSupermarketItems } from '../volunteers/volunteers.api';

const STATUS_COLOR = { pending: 'gold', confirmed: 'green', rejected: 'default' } as const;

/** One big figure of the summary: label above, number below. */
function Figure({ label, value, testId, sub }: { label: string; value: ReactNode; testId: string; sub?: ReactNode }) {
  return (
    <Card size="small" styles={{ body: { padding: 12 } }}>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {label}
      </Typography.Text>
      <div style={{ fontSize: 24, fontWeight: 600, lineHeight: 1.3 }} data-testid={testId}>
        {value}
      </div>
      {sub && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {sub}
        </Typography.Text>
      )}
    </Card>
  );
}

/** A line of a list card: what on the left (wrapping), the figure on the right. */
function Line({ left, right, testId }: { left: ReactNode; right: ReactNode; testId: string }) {
  return (
    <div
      data-testid={testId}
      style={{ display: 'flex', gap: 8, padding: '10px 0', borderBottom: '1px solid #f3f3f3', alignItems: 'center' }}
    >
      <div style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>{left}</div>
      <div style={{ flexShrink: 0, textAlign: 'right' }}>{right}</div>
    </div>
  );
}

/** 我的时长与积分 (/m/hours): this year's hours confirmed and waiting, each record, the points ledger and what points buy. */
export function MobileHours() {
  const { t } = useTranslation();
  const mine = useMyVolunteering();
  const items = useSupermarketItems();
  if (mine.isPending) return <Spin />;
  if (mine.isError) return <Alert type="error" showIcon message={errorMessage(mine.error)} />;
  const m = mine.data;
  const y = m.thisYear;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }} data-testid="m-hours">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('mobile.hours.title')}
      </Typography.Title>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }}>
        <Figure
          label={t('mobile.hours.confirmed', { year: y.year })}
          value={t('mobile.hours.hoursUnit', { hours: y.confirmedHours })}
          testId="m-hours-confirmed"
        />
        <Figure
          label={t('mobile.hours.pending')}
          value={t('mobile.hours.hoursUnit', { hours: y.pendingHours })}
          testId="m-hours-pending"
        />
        <div style={{ gridColumn: '1 / -1' }}>
          <Figure
            label={t('mobile.hours.balance')}
            value={m.balance}
            testId="m-points-balance"
            sub={
              <>
                {t('mobile.hours.earned', { points: m.earnedTotal })}
                {m.cardLast4 && <> · {t('mobile.hours.card', { card: `****${m.cardLast4}` })}</>}
              </>
            }
          />
        </div>
      </div>
      <Typography.Text type="secondary" data-testid="m-hours-month">
        {t('mobile.hours.thisMonth', { hours: m.hoursThisMonth, records: y.records })}
      </Typography.Text>

      <Card size="small" title={t('mobile.hours.records')}>
        {m.records.length === 0 && (
          <Empty
            description={
              <>
                {t('mobile.hours.noRecords')} <Link to="/m/activities">{t('mobile.hours.toActivities')}</Link>
              </>
            }
          />
        )}
        {m.records.map((r) => (
          <Line
            key={r.id}
            testId="m-record"
            left={
              <>
                <Typography.Text strong>{r.title}</Typography.Text>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {r.servedOn} · {r.orgUnitName}
                </Typography.Text>
              </>
            }
            right={
              <>
                <div style={{ fontWeight: 600 }} data-testid="m-record-hours">
                  {t('mobile.hours.hoursUnit', { hours: r.hours })}
                </div>
                <Tag color={STATUS_COLOR[r.status]} style={{ marginInlineEnd: 0 }} data-testid="m-record-status">
                  {t(`mobile.hours.status.${r.status}`)}
                </Tag>
                {r.points !== null && (
                  <div style={{ fontSize: 12, color: '#389e0d' }}>{t('mobile.hours.points', { points: r.points })}</div>
                )}
              </>
            }
          />
        ))}
      </Card>

      <Card size="small" title={t('mobile.hours.ledger')}>
        {m.ledger.length === 0 && <Empty description={t('mobile.hours.noLedger')} />}
        {m.ledger.map((l) => (
          <Line
            key={l.id}
            testId="m-ledger-line"
            left={
              <>
                <Typography.Text>{l.note ?? l.sourceType}</Typography.Text>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {formatDateTime(l.createdAt)}
                  {l.stationName ? ` · ${l.stationName}` : ''}
                </Typography.Text>
              </>
            }
            right={
              <>
                <div style={{ fontWeight: 600, color: l.delta > 0 ? '#389e0d' : '#cf1322' }}>
                  {l.delta > 0 ? `+${l.delta}` : l.delta}
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('mobile.hours.balanceAfter', { balance: l.balanceAfter })}
                </Typography.Text>
              </>
            }
          />
        ))}
      </Card>

      <Card size="small" title={t('mobile.hours.exchange')} data-testid="m-exchange">
        {items.isError && <Alert type="error" showIcon message={errorMessage(items.error)} />}
        {items.data?.length === 0 && <Typography.Text type="secondary">{t('mobile.hours.noItems')}</Typography.Text>}
        {items.data?.map((i) => (
          <Line
            key={i.id}
            testId="m-exchange-item"
            left={
              <>
                <Typography.Text strong>{i.name}</Typography.Text>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {i.stationName} · {t('mobile.hours.stock', { stock: i.stock })}
                </Typography.Text>
              </>
            }
            right={
              <>
                <div style={{ fontWeight: 600 }}>{t('mobile.hours.cost', { points: i.pointsCost })}</div>
                {m.balance >= i.pointsCost && i.stock > 0 && (
                  <Tag color="green" style={{ marginInlineEnd: 0 }}>
                    {t('mobile.hours.enough')}
                  </Tag>
                )}
              </>
            }
          />
        ))}
      </Card>
      <PresenceCard />
    </div>
  );
}

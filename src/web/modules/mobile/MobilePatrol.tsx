import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Empty, Popconfirm, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../lib/api';
import { formatDateTime } from '../work-orders/OrderBits';
import { FindingCard } from '../patrols/FindingCard';
import { useFinishPatrol, usePatrol } from '../patrols/patrols.api';
import { devicePosition } from './location';
import { MobileFinding } from './MobileFinding';

/** One patrol on the phone: its findings, a form for the next one, and finishing the walk. */
export function MobilePatrol() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { message } = AntApp.useApp();
  const q = usePatrol(id);
  const finish = useFinishPatrol(id);
  const [adding, setAdding] = useState(false);
  const [formNo, setFormNo] = useState(0);
  if (q.isPending) return <Spin />;
  if (q.isError) return <Alert type="error" showIcon message={errorMessage(q.error)} />;
  const p = q.data;

  const onFinish = async () => {
    try {
      const location = await devicePosition();
      await finish.mutateAsync(location ? { location } : {});
      void message.success(t('patrols.finished'));
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };

  return (
    <div
      data-testid="m-patrol-detail"
      data-status={p.status}
      style={{ display: 'flex', flexDirection: 'column', gap: 12 }}
    >
      <div>
        <Link to="/m/patrols">{t('patrols.back')}</Link>
        <Typography.Title level={4} style={{ margin: '4px 0' }}>
          {t('patrols.titleOf', { compounds: p.compoundNames.join('、') })}
        </Typography.Title>
        <div style={{ display: 'flex', gap: 6, flexWrap: 'wrap', alignItems: 'center' }}>
          <Tag color={p.status === 'open' ? 'processing' : 'default'}>{t(`patrols.status.${p.status}`)}</Tag>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(p.startedAt)}
            {p.endedAt ? ` — ${formatDateTime(p.endedAt)}` : ''}
          </Typography.Text>
        </div>
        {p.routeNote && (
          <Typography.Text style={{ display: 'block' }}>{t('patrols.routeIs', { route: p.routeNote })}</Typography.Text>
        )}
      </div>
      <Typography.Text strong>{t('patrols.counts', { findings: p.findings, orders: p.ordersRaised })}</Typography.Text>
      {p.findingList.length === 0 && !adding && <Empty description={t('patrols.noFindings')} />}
      {p.findingList.map((f) => (
        <FindingCard key={f.id} f={f} orderLink={(o) => `/m/orders/${encodeURIComponent(o)}`} />
      ))}
      {p.canRecord && adding && (
        <Card size="small" title={t('patrols.addFinding')}>
          <MobileFinding
            key={formNo}
            patrol={p}
            onDone={(f) => {
              setAdding(false);
              setFormNo((n) => n + 1);
              void message.success(
                f.orderNo ? t('patrols.orderRaised', { no: f.orderNo }) : t('patrols.savedResolved'),
              );
            }}
          />
          <Button block style={{ marginTop: 8 }} onClick={() => setAdding(false)}>
            {t('common.cancel')}
          </Button>
        </Card>
      )}
      {p.canRecord && !adding && (
        <>
          <Button type="primary" size="large" block onClick={() => setAdding(true)} data-testid="m-add-finding">
            {t('patrols.addFinding')}
          </Button>
          <Popconfirm
            title={t('patrols.finishConfirm')}
            onConfirm={() => void onFinish()}
            okButtonProps={{ 'data-testid': 'm-finish-ok' } as Record<string, string>}
          >
            <Button size="large" block loading={finish.isPending} data-testid="m-finish-patrol">
              {t('patrols.finish')}
            </Button>
          </Popconfirm>
        </>
      )}
    </div>
  );
}

import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Empty, Form, Input, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../../lib/api';
import { useCurrentUser } from '../auth/useCurrentUser';
import { CompoundPicker } from '../work-orders/CompoundPicker';
import { formatDateTime } from '../work-orders/OrderBits';
import { usePatrols, useStartPatrol, type PatrolSummary } from '../patrols/patrols.api';
import { devicePosition } from './location';

/** One patrol in a list: where, when, what it found. */
export function PatrolCard({ p }: { p: PatrolSummary }) {
  const { t } = useTranslation();
  return (
    <Link to={`/m/patrols/${encodeURIComponent(p.id)}`} data-testid="m-patrol" data-status={p.status}>
      <Card size="small" hoverable>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
          <Typography.Text strong>{p.compoundNames.join('、')}</Typography.Text>
          <Tag color={p.status === 'open' ? 'processing' : 'default'} style={{ marginInlineEnd: 0 }}>
            {t(`patrols.status.${p.status}`)}
          </Tag>
        </div>
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {formatDateTime(p.startedAt)}
          {p.endedAt ? ` — ${formatDateTime(p.endedAt).slice(-5)}` : ''}
        </Typography.Text>
        <Typography.Text style={{ fontSize: 13 }}>
          {t('patrols.counts', { findings: p.findings, orders: p.ordersRaised })}
        </Typography.Text>
      </Card>
    </Link>
  );
}

/** 巡查 on the phone: start a walk over the compounds of my grid, and my patrols (the open one first). */
export function MobilePatrols() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const list = usePatrols({ mine: 'true', limit: 30 });
  const start = useStartPatrol();
  const ownCompound = me.orgUnit.kind === 'compound' ? me.orgUnit : null;
  const [compoundId, setCompoundId] = useState<string | undefined>(ownCompound?.id);
  const [error, setError] = useState<string | null>(null);
  const open = list.data?.items.filter((p) => p.status === 'open') ?? [];
  const done = list.data?.items.filter((p) => p.status !== 'open') ?? [];

  const onStart = async (v: { routeNote?: string; withLocation?: boolean }) => {
    if (!compoundId) return setError(t('mobile.compoundRequired'));
    setError(null);
    try {
      const location = v.withLocation ? await devicePosition() : null;
      const p = await start.mutateAsync({
        compoundIds: [compoundId],
        routeNote: v.routeNote ?? '',
        ...(location ? { location } : {}),
      });
      void navigate(`/m/patrols/${encodeURIComponent(p.id)}`);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <div data-testid="m-patrols" style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('patrols.mine')}
      </Typography.Title>
      {open.length > 0 && (
        <>
          <Alert type="info" showIcon message={t('patrols.openHint')} />
          {open.map((p) => (
            <PatrolCard key={p.id} p={p} />
          ))}
        </>
      )}
      <Card size="small" title={t('patrols.start')} data-testid="m-patrol-start">
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Form layout="vertical" onFinish={(v) => void onStart(v)} requiredMark={false}>
          <Form.Item label={t('patrols.compounds')} required>
            {ownCompound ? (
              <Input size="large" value={ownCompound.name} disabled data-testid="m-patrol-compound" />
            ) : (
              <CompoundPicker value={compoundId} onChange={(id) => setCompoundId(id)} width={340} />
            )}
          </Form.Item>
          <Form.Item name="routeNote" label={t('patrols.route')}>
            <Input.TextArea
              rows={2}
              maxLength={500}
              placeholder={t('patrols.routeHint')}
              data-testid="m-patrol-route"
            />
          </Form.Item>
          <Form.Item name="withLocation" valuePropName="checked">
            <Checkbox>{t('patrols.withLocation')}</Checkbox>
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={start.isPending}
            data-testid="m-patrol-go"
          >
            {t('patrols.start')}
          </Button>
        </Form>
      </Card>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('patrols.history')}
      </Typography.Title>
      {list.isPending && <Spin />}
      {list.isError && <Alert type="error" showIcon message={errorMessage(list.error)} />}
      {list.data && done.length === 0 && <Empty description={t('patrols.none')} />}
      {done.map((p) => (
        <PatrolCard key={p.id} p={p} />
      ))}
    </div>
  );
}

import { Alert, Badge, Card, Empty, Segmented, Spin, Tag, Typography } from 'antd';
import { CoffeeOutlined, TrophyOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../lib/api';
import { useCurrentUser } from '../auth/useCurrentUser';
import { useOrders } from '../work-orders/work-orders.api';
import { ClockTag } from '../workbench/ClockTag';
import { backOfficePath, useWorkbench, type WorkbenchItem } from '../workbench/workbench.api';
import { useDrafts } from './mobile.api';
import { plainStatus } from './plain';

function itemPath(i: WorkbenchItem): string {
  if (i.target === 'order') return `/m/orders/${encodeURIComponent(i.targetId)}`;
  if (i.target === 'activity') return '/m/activities';
  return backOfficePath(i);
}

function ToDo() {
  const { t } = useTranslation();
  const q = useWorkbench();
  if (q.isPending) return <Spin />;
  if (q.isError) return <Alert type="error" showIcon message={errorMessage(q.error)} />;
  if (q.data.groups.length === 0) return <Empty description={t('workbench.nothing')} />;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      {q.data.groups.map((g) => (
        <Card
          key={g.kind}
          size="small"
          data-testid="m-group"
          data-kind={g.kind}
          title={
            <span>
              {t(`workbench.kinds.${g.kind}`)} <Badge count={g.count} showZero color={g.count ? '#c0392b' : '#bbb'} />
            </span>
          }
        >
          {g.items.length === 0 && <Typography.Text type="secondary">{t('workbench.nothingKind')}</Typography.Text>}
          {g.items.map((i) => (
            <Link
              key={i.id}
              to={itemPath(i)}
              data-testid="m-item"
              data-target-id={i.targetId}
              style={{ display: 'block', padding: '8px 0', borderTop: '1px solid #f3f3f3', color: 'inherit' }}
            >
              <Typography.Text strong>{i.title}</Typography.Text>
              {i.subtitle && (
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {i.subtitle}
                </Typography.Text>
              )}
              <div style={{ marginTop: 4 }}>
                <ClockTag clock={i.clock} dueAt={i.dueAt} />
              </div>
            </Link>
          ))}
          {g.count > g.items.length && (
            <Typography.Text type="secondary">
              {t('workbench.more', { count: g.count - g.items.length })}
            </Typography.Text>
          )}
        </Card>
      ))}
    </div>
  );
}

/** All of the resident's requests, newest first, each with its state in plain words. */
function MyRequests() {
  const { t } = useTranslation();
  const q = useOrders('all', '');
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  if (q.isPending) return <Spin />;
  if (q.isError) return <Alert type="error" showIcon message={errorMessage(q.error)} />;
  if (!items.length) return <Empty description={t('mobile.noRequests')} />;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="m-my-requests">
      {items.map((o) => (
        <Link key={o.id} to={`/m/orders/${encodeURIComponent(o.id)}`} data-testid="m-request" data-order-id={o.id}>
          <Card size="small">
            <Typography.Text strong>{o.title}</Typography.Text>
            <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, marginTop: 6 }}>
              <Tag color={o.status === 'closed' ? 'default' : o.status === 'fulfilled' ? 'gold' : 'blue'}>
                {plainStatus(t, o.status)}
              </Tag>
              {o.isOverdue && <Tag color="red">{t('workbench.clock.red')}</Tag>}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {o.no} · {o.compoundName}
              </Typography.Text>
            </div>
          </Card>
        </Link>
      ))}
    </div>
  );
}

/** A big tile to one of the resident's own pages: icon, name and what it shows. */
function Tile({
  to,
  icon,
  title,
  hint,
  testId,
}: {
  to: string;
  icon: ReactNode;
  title: string;
  hint: string;
  testId: string;
}) {
  return (
    <Link
      to={to}
      data-testid={testId}
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: 10,
        minHeight: 64,
        padding: '10px 12px',
        background: '#fff',
        borderRadius: 8,
        border: '1px solid #f0f0f0',
        color: 'inherit',
        minWidth: 0,
      }}
    >
      <span style={{ fontSize: 26, color: '#b71c1c', flexShrink: 0 }}>{icon}</span>
      <span style={{ minWidth: 0 }}>
        <Typography.Text strong style={{ display: 'block' }}>
          {title}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {hint}
        </Typography.Text>
      </span>
    </Link>
  );
}

/** The resident's own services beside the requests: hours and points, the canteen (each only with its ability). */
function ResidentTiles() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const hours = me.abilities.includes('volunteers.participate');
  const canteen = me.abilities.includes('canteens.dine');
  if (!hours && !canteen) return null;
  return (
    <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8, marginBottom: 12 }}>
      {hours && (
        <Tile
          to="/m/hours"
          icon={<TrophyOutlined />}
          title={t('mobile.hours.tile')}
          hint={t('mobile.hours.tileHint')}
          testId="m-link-hours"
        />
      )}
      {canteen && (
        <Tile
          to="/m/canteen"
          icon={<CoffeeOutlined />}
          title={t('mobile.canteen.tile')}
          hint={t('mobile.canteen.tileHint')}
          testId="m-link-canteen"
        />
      )}
    </div>
  );
}

export function MobileHome() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { drafts } = useDrafts();
  const [view, setView] = useState<'todo' | 'mine'>('todo');
  const resident = me.role === 'resident';
  return (
    <div>
      {drafts.length > 0 && (
        <Card size="small" style={{ marginBottom: 12 }} data-testid="m-draft-list" title={t('mobile.drafts')}>
          {drafts.map((d) => (
            <div key={d.key} data-testid="m-draft">
              {d.input.title}
            </div>
          ))}
        </Card>
      )}
      {resident && <ResidentTiles />}
      {resident && (
        <Segmented
          block
          value={view}
          onChange={(v) => setView(v === 'mine' ? 'mine' : 'todo')}
          options={[
            { value: 'todo', label: t('mobile.tabs.todo') },
            { value: 'mine', label: <span data-testid="m-view-mine">{t('mobile.myRequests')}</span> },
          ]}
          style={{ marginBottom: 12 }}
        />
      )}
      {view === 'todo' || !resident ? <ToDo /> : <MyRequests />}
    </div>
  );
}

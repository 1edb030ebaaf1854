import { Alert, Badge, Button, Card, Col, Empty, Row, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../lib/api';
import { useCurrentUser } from '../auth/useCurrentUser';
import { ClockTag } from './ClockTag';
import { backOfficePath, useWorkbench, type WorkbenchGroup } from './workbench.api';

function GroupCard({ group }: { group: WorkbenchGroup }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      data-testid="workbench-group"
      data-kind={group.kind}
      title={
        <Space size={8} wrap>
          <span>{t(`workbench.kinds.${group.kind}`)}</span>
          <Badge count={group.count} showZero color={group.count ? '#c0392b' : '#bbb'} data-testid="group-count" />
        </Space>
      }
      extra={
        <Space size={4} wrap>
          {group.red > 0 && <Tag color="red">{t('workbench.red', { count: group.red })}</Tag>}
          {group.amber > 0 && <Tag color="orange">{t('workbench.amber', { count: group.amber })}</Tag>}
        </Space>
      }
    >
      {group.items.length === 0 ? (
        <Typography.Text type="secondary">{t('workbench.nothingKind')}</Typography.Text>
      ) : (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          {group.items.map((i) => (
            <Link
              key={i.id}
              to={backOfficePath(i)}
              data-testid="workbench-item"
              data-target-id={i.targetId}
              style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 6, color: 'inherit' }}
            >
              <span style={{ flex: '1 1 200px', minWidth: 0 }}>
                <Typography.Text strong ellipsis style={{ maxWidth: '100%' }}>
                  {i.title}
                </Typography.Text>
                {i.subtitle && (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }} ellipsis>
                    {i.subtitle}
                  </Typography.Text>
                )}
              </span>
              <ClockTag clock={i.clock} dueAt={i.dueAt} />
            </Link>
          ))}
          {group.count > group.items.length && (
            <Typography.Text type="secondary">
              {t('workbench.more', { count: group.count - group.items.length })}
            </Typography.Text>
          )}
        </div>
      )}
    </Card>
  );
}

/** 工作台: every role's home — what waits for this person across modules, one click to each item. */
export default function WorkbenchPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const q = useWorkbench();
  return (
    <div data-testid="workbench">
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: 12, marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('workbench.title')}
        </Typography.Title>
        {q.data && <Typography.Text type="secondary">{t('workbench.total', { count: q.data.total })}</Typography.Text>}
        <div style={{ flex: 1 }} />
        {me.abilities.includes('dashboard.read') && (
          <Link to="/dashboard">
            <Button size="small">{t('workbench.coverage')}</Button>
          </Link>
        )}
        <a href="/m/">
          <Button size="small">{t('workbench.mobileLink')}</Button>
        </a>
      </div>
      {q.isPending && <Spin />}
      {q.isError && <Alert type="error" showIcon message={errorMessage(q.error)} />}
      {q.data && q.data.groups.length === 0 && <Empty description={t('workbench.nothing')} />}
      {q.data && q.data.groups.length > 0 && (
        <Row gutter={[12, 12]}>
          {q.data.groups.map((g) => (
            <Col key={g.kind} xs={24} lg={12} xxl={8}>
              <GroupCard group={g} />
            </Col>
          ))}
        </Row>
      )}
    </div>
  );
}

import type { ReactNode } from 'react';
import { Card, Progress, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Proposal } from './proposals.api';

/** One 居民提议: what is asked, how many households stand behind it of how many needed, and where it went. */
export function ProposalCard({ p, extra }: { p: Proposal; extra?: ReactNode }) {
  const { t } = useTranslation();
  const onAgenda = p.status === 'on_agenda';
  const ready = !onAgenda && p.supports >= p.supportsNeeded;
  return (
    <Card size="small" data-testid={`proposal-${p.id}`}>
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Space size={6} wrap>
          <Tag color={onAgenda ? 'success' : ready ? 'gold' : 'processing'}>
            {ready ? t('proposals.ready') : t(`proposals.statuses.${p.status}`)}
          </Tag>
          <Typography.Text strong>{p.title}</Typography.Text>
        </Space>
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }} type="secondary">
          {p.description}
        </Typography.Paragraph>
        <Progress
          percent={Math.min(100, Math.round((p.supports / p.supportsNeeded) * 100))}
          size="small"
          format={() => t('proposals.supports', { n: p.supports, of: p.supportsNeeded })}
          data-testid="proposal-supports"
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {p.compoundName} · {p.createdAt}
          {p.meeting && ` · ${t('proposals.onMeeting', { date: p.meeting.heldOn })}`}
        </Typography.Text>
        {extra}
      </Space>
    </Card>
  );
}

import { Card, Col, Empty, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProposalCard } from './ProposalCard';
import { useProposals } from './proposals.api';

/** The compound's 居民提议 beside its meetings: those with enough households go on the next meeting's agenda. */
export function CompoundProposals({ compoundId }: { compoundId: string }) {
  const { t } = useTranslation();
  const q = useProposals(compoundId);
  return (
    <Card size="small" title={t('proposals.inCompound')} data-testid="compound-proposals">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('proposals.rule')}
      </Typography.Paragraph>
      {q.data?.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('proposals.none')} />}
      <Row gutter={[8, 8]}>
        {(q.data ?? []).map((p) => (
          <Col key={p.id} xs={24} lg={12}>
            <ProposalCard p={p} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

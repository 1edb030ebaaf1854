import { Card, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AttachmentThumbs } from '../attachments/AttachmentThumbs';
import type { Finding } from './patrols.api';

/** A finding as the worker sees it afterwards: what, where, the photos, and the order it became. */
export function FindingCard({ f, orderLink }: { f: Finding; orderLink: (id: string) => string }) {
  const { t } = useTranslation();
  return (
    <Card size="small" data-testid="m-finding" data-outcome={f.outcome}>
      <div style={{ display: 'flex', gap: 6, flexWrap: 'wrap', alignItems: 'center' }}>
        <Tag color={f.outcome === 'order' ? 'blue' : 'green'} style={{ marginInlineEnd: 0 }}>
          {t(`patrols.outcomeTags.${f.outcome}`)}
        </Tag>
        <Typography.Text strong>{f.categoryName}</Typography.Text>
        <Typography.Text type="secondary">
          {f.compoundName}
          {f.buildingName ? ` · ${f.buildingName}` : ''}
        </Typography.Text>
      </div>
      <div style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }}>{f.description}</div>
      {f.resolution && (
        <Typography.Text type="secondary" style={{ display: 'block' }}>
          {t('patrols.resolvedHow', { how: f.resolution })}
        </Typography.Text>
      )}
      {f.orderId && (
        <Link to={orderLink(f.orderId)} data-testid="m-finding-order">
          {t('patrols.orderRaised', { no: f.orderNo ?? '' })}
        </Link>
      )}
      {f.photos.length > 0 && (
        <div style={{ marginTop: 6 }}>
          <AttachmentThumbs files={f.photos} size={56} testId="m-finding-thumbs" />
        </div>
      )}
    </Card>
  );
}

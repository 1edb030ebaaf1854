import { AttachmentThumbs } from '../attachments/AttachmentThumbs';
import { Card, Descriptions, Image, Rate, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { dash } from '../../lib/format';
import type { OrderDetail } from '../../../shared/work-orders.schema';
import { formatDateTime } from './OrderBits';

/** What the order is about: description, channel, category, place, reporter, dates, rating and photos. */
export function OrderInfo({ order }: { order: OrderDetail }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('orders.detail.info')}>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 15 }} data-testid="order-description">
        {order.description}
      </Typography.Paragraph>
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} bordered>
        <Descriptions.Item label={t('orders.hotlineNo')}>{dash(order.hotlineNo)}</Descriptions.Item>
        <Descriptions.Item label={t('orders.channel')}>
          {t(`orders.channels.${order.channel}`, { defaultValue: order.channel })}
        </Descriptions.Item>
        <Descriptions.Item label={t('orders.category')}>{order.categoryName}</Descriptions.Item>
        <Descriptions.Item label={t('orders.compound')}>{order.compoundName}</Descriptions.Item>
        <Descriptions.Item label={t('orders.community')}>{order.communityName}</Descriptions.Item>
        <Descriptions.Item label={t('orders.detail.address')}>{dash(order.address)}</Descriptions.Item>
        <Descriptions.Item label={t('orders.detail.reporter')}>{dash(order.reporterName)}</Descriptions.Item>
        <Descriptions.Item label={t('orders.detail.phone')}>{dash(order.reporterPhoneMasked)}</Descriptions.Item>
        <Descriptions.Item label={t('orders.createdAt')}>{formatDateTime(order.createdAt)}</Descriptions.Item>
        {order.closedAt && (
          <Descriptions.Item label={t('orders.detail.closedAt')}>{formatDateTime(order.closedAt)}</Descriptions.Item>
        )}
        {order.rating !== null && (
          <Descriptions.Item label={t('orders.rating')}>
            <Rate disabled value={order.rating} style={{ fontSize: 14 }} />
          </Descriptions.Item>
        )}
        {order.ratingComment && (
          <Descriptions.Item label={t('orders.detail.ratingComment')}>{order.ratingComment}</Descriptions.Item>
        )}
      </Descriptions>
      {order.attachments.length > 0 && (
        <div style={{ marginTop: 12 }}>
          <Typography.Text strong>{t('files.attachments')}</Typography.Text>
          <div style={{ marginTop: 8 }}>
            <AttachmentThumbs files={order.attachments} size={96} testId="order-files" />
          </div>
        </div>
      )}
      {order.photos.length > 0 && (
        <div style={{ marginTop: 12 }} data-testid="order-photos">
          <Typography.Text strong>{t('orders.detail.photos')}</Typography.Text>
          <div style={{ marginTop: 8 }}>
            <Image.PreviewGroup>
              <Space size={8} wrap>
                {order.photos.map((src, i) => (
                  <Image key={i} src={src} width={96} height={96} style={{ objectFit: 'cover', borderRadius: 4 }} />
                ))}
              </Space>
            </Image.PreviewGroup>
          </div>
        </div>
      )}
    </Card>
  );
}

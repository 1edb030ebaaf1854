import { useState } from 'react';
import { Alert, Button, Col, Modal, Row, Tag, Typography } from 'antd';
import { ResponsiveTable } from '../../app/ResponsiveTable';
import { QrcodeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import { type Activity, useActivities, useActivityQr } from './volunteers.api';
import { formatDateTime } from '../../lib/time';

function QrModal({ activity, onClose }: { activity: Activity; onClose: () => void }) {
  const { t } = useTranslation();
  const q = useActivityQr(activity.id);
  return (
    <Modal open title={`${t('volunteers.qrTitle')} · ${activity.title}`} onCancel={onClose} footer={null} width={640}>
      {q.isError && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      <Row gutter={16}>
        {(q.data ?? []).map((c) => (
          <Col span={12} key={c.phase} style={{ textAlign: 'center' }}>
            <Typography.Title level={5}>{t(`volunteers.phase.${c.phase}`)}</Typography.Title>
            <div
              style={{ width: 220, margin: '0 auto' }}
              dangerouslySetInnerHTML={{ __html: c.svg }}
              data-testid={`qr-${c.phase}`}
              data-url={c.url}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('volunteers.qrExpires', { at: formatDateTime(c.expiresAt) })}
            </Typography.Text>
          </Col>
        ))}
      </Row>
    </Modal>
  );
}

/** The activities in scope; a manager opens an activity's check-in and check-out QR codes. */
export function ActivitiesTab({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const [qrFor, setQrFor] = useState<Activity | null>(null);
  const q = useActivities();
  return (
    <>
      {q.isError && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      <ResponsiveTable<Activity>
        data-testid="activities-table"
        rowKey="id"
        size="small"
        loading={q.isFetching}
        dataSource={q.data ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { title: t('volunteers.activity'), dataIndex: 'title' },
          {
            title: t('volunteers.kindLabel'),
            dataIndex: 'kind',
            width: 110,
            render: (k: Activity['kind']) => t(`volunteers.kinds.${k}`),
          },
          { title: t('volunteers.place'), dataIndex: 'orgUnitName' },
          {
            title: t('volunteers.startsAt'),
            dataIndex: 'startsAt',
            width: 170,
            render: (v: string) => formatDateTime(v),
          },
          {
            title: t('volunteers.signups'),
            dataIndex: 'signups',
            width: 90,
            align: 'right',
            render: (v: number, r) => `${v} / ${r.capacity}`,
          },
          {
            title: t('volunteers.status'),
            dataIndex: 'status',
            width: 90,
            render: (s: Activity['status']) => (
              <Tag color={s === 'open' ? 'green' : 'default'}>{t(`volunteers.activityStatus.${s}`)}</Tag>
            ),
          },
          ...(canManage
            ? [
                {
                  title: '',
                  key: 'qr',
                  width: 110,
                  render: (_: unknown, r: Activity) => (
                    <Button
                      size="small"
                      icon={<QrcodeOutlined />}
                      data-testid="activity-qr"
                      data-activity={r.title}
                      onClick={() => setQrFor(r)}
                    >
                      {t('volunteers.qr')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {qrFor && <QrModal activity={qrFor} onClose={() => setQrFor(null)} />}
    </>
  );
}

import { Alert, Card, Empty, Segmented, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { errorMessage } from '../../lib/api';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { usePublicPage, type PublicPage } from './property.api';

type Column = PublicPage['items'][number]['column'];
const yuan = (cents: number | null) => (cents == null ? '—' : (cents / 100).toFixed(2));

/** 小区物业公示 (no login): the three columns a property company publishes, newest first, with their history. */
export default function PublicNoticePage() {
  const { t } = useTranslation();
  const { districtId = '', compoundId = '' } = useParams();
  const page = usePublicPage(districtId, compoundId);
  const [column, setColumn] = useState<Column>('finance');
  const items = (page.data?.items ?? []).filter((i) => i.column === column);
  return (
    <div style={{ maxWidth: 760, margin: '0 auto', padding: 16 }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start">
        <div>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="public-compound">
            {page.data?.compound.name ?? t('publications.publicTitle')}
          </Typography.Title>
          <Typography.Text type="secondary">
            {page.data?.compound.communityName} · {page.data?.companyName ?? t('publications.noCompany')}
          </Typography.Text>
        </div>
        <LanguageSwitch />
      </Space>
      {page.error && <Alert type="error" message={errorMessage(page.error)} style={{ marginTop: 12 }} />}
      <Segmented<Column>
        block
        style={{ margin: '16px 0' }}
        value={column}
        onChange={setColumn}
        options={(['finance', 'maintenance', 'fees'] as const).map((c) => ({
          value: c,
          label: t(`publications.columns.${c}`),
        }))}
      />
      {items.length === 0 && !page.isLoading && <Empty description={t('publications.nonePublished')} />}
      <Space direction="vertical" style={{ width: '100%' }}>
        {items.map((i) => (
          <Card key={i.id} size="small" title={i.title} extra={i.period} data-testid="public-item">
            {i.content && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{i.content}</Typography.Paragraph>}
            {i.column === 'finance' && (
              <Table
                size="small"
                pagination={false}
                rowKey={(l) => `${l.kind}-${l.label}`}
                dataSource={i.lines}
                columns={[
                  { title: t('publications.lineLabel'), dataIndex: 'label' },
                  { title: t('publications.kind'), render: (_v, l) => t(`publications.${l.kind}`) },
                  { title: t('publications.amount'), align: 'right', render: (_v, l) => yuan(l.amountCents) },
                ]}
                summary={() => (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0} colSpan={3}>
                      {t('publications.income')} {yuan(i.incomeTotalCents)} · {t('publications.expense')}{' '}
                      {yuan(i.expenseTotalCents)}
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                )}
              />
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('publications.publishedOn')} {i.publishedAt}
            </Typography.Text>
          </Card>
        ))}
      </Space>
    </div>
  );
}

import { Alert, Card, Descriptions, Empty, Segmented, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { errorMessage } from '../../lib/api';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { usePublicPage, type PublicPage } from './property.api';

type Column = PublicPage['items'][number]['column'] | 'evaluation';
const yuan = (cents: number | null) => (cents == null ? '—' : (cents / 100).toFixed(2));
const pts = (v: number | null | undefined) => (v == null ? '—' : (v / 100).toFixed(2));

/** One year's published evaluation of the property company: the parties' scores and the residents' per item. */
function EvaluationCard({ e }: { e: PublicPage['evaluations'][number] }) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={`${e.year} · ${e.companyName}`}
      extra={`${t('evaluation.total')} ${pts(e.total)}`}
      data-testid="public-evaluation"
    >
      <Descriptions size="small" column={{ xs: 1, sm: 3 }}>
        <Descriptions.Item label={`${t('evaluation.residents')} ${e.residentsWeight}%`}>
          {pts(e.residentsScore)}
        </Descriptions.Item>
        <Descriptions.Item label={`${t('evaluation.branch')} ${e.branchWeight}%`}>
          {pts(e.branchScore)}
        </Descriptions.Item>
        <Descriptions.Item label={`${t('evaluation.committee')} ${e.committeeWeight}%`}>
          {pts(e.committeeScore)}
        </Descriptions.Item>
      </Descriptions>
      <Table
        size="small"
        pagination={false}
        rowKey="name"
        dataSource={e.items}
        columns={[
          { title: t('evaluation.item'), dataIndex: 'name' },
          { title: '%', dataIndex: 'weight', width: 56, align: 'right' },
          { title: t('evaluation.residents'), width: 90, align: 'right', render: (_v, i) => pts(i.residents) },
        ]}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('evaluation.ballots', { n: e.ballots })} · {t('publications.publishedOn')}{' '}
        {e.publishedAt?.slice(0, 10) ?? '—'}
      </Typography.Text>
    </Card>
  );
}

/** 小区物业公示 (no login): the three columns a property company publishes, newest first, with their history. */
export default function PublicNoticePage() {
  const { t } = useTranslation();
  const { districtId = '', compoundId = '' } = useParams();
  const page = usePublicPage(districtId, compoundId);
  const [column, setColumn] = useState<Column>('finance');
  const items = (page.data?.items ?? []).filter((i) => i.column === column);
  const evaluations = column === 'evaluation' ? (page.data?.evaluations ?? []) : [];
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
        options={[
          ...(['finance', 'maintenance', 'fees'] as const).map((c) => ({
            value: c,
            label: t(`publications.columns.${c}`),
          })),
          { value: 'evaluation' as const, label: t('evaluation.publicTab') },
        ]}
      />
      {column === 'evaluation' ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          {evaluations.length === 0 && !page.isLoading && <Empty description={t('evaluation.nonePublished')} />}
          {evaluations.map((e) => (
            <EvaluationCard key={e.year} e={e} />
          ))}
        </Space>
      ) : (
        items.length === 0 && !page.isLoading && <Empty description={t('publications.nonePublished')} />
      )}
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

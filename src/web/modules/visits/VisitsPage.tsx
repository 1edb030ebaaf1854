import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, Card, Checkbox, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { errorMessage } from '../../lib/api';
import type { Campaign, Visit, VisitNeed } from '../../../shared/visits.schema';
import { VISITEE_KINDS, type VisiteeKind } from '../../../shared/visits.constants';
import { useCan } from '../auth/useCurrentUser';
import { useCategories } from '../work-orders/work-orders.api';
import { CampaignModal, VisitModal } from './VisitForms';
import { useCampaigns, useNeedToOrder, useReferNeed, useVisits, visitsXlsxUrl } from './visits.api';

const PAGE = 20;
const yuan = (n: number) => `¥${n.toLocaleString('zh-CN')}`;

/** 走访慰问: the campaigns with their sums, the visit ledger (filters, .xlsx), recording a visit, needs to orders. */
export default function VisitsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const manage = can('visits.manage');
  const campaigns = useCampaigns();
  const [campaignId, setCampaignId] = useState<string>();
  const [kind, setKind] = useState<VisiteeKind>();
  const [openOnly, setOpenOnly] = useState(false);
  const [offset, setOffset] = useState(0);
  const filter = { campaignId, kind, openNeeds: openOnly ? ('true' as const) : undefined, limit: PAGE, offset };
  const list = useVisits(filter);
  const [creating, setCreating] = useState(false);
  const [recording, setRecording] = useState(false);
  const [ordering, setOrdering] = useState<VisitNeed | null>(null);
  const [referring, setReferring] = useState<VisitNeed | null>(null);
  const items = campaigns.data?.items ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Card
        title={t('visits.title')}
        data-testid="visit-campaigns"
        extra={
          manage && (
            <Button onClick={() => setCreating(true)} data-testid="visit-campaign-new">
              {t('visits.newCampaign')}
            </Button>
          )
        }
      >
        <Table<Campaign>
          size="small"
          rowKey="id"
          loading={campaigns.isLoading}
          dataSource={items}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onRow={(c) => ({ onClick: () => (setCampaignId(c.id), setOffset(0)), style: { cursor: 'pointer' } })}
          columns={[
            { key: 'title', dataIndex: 'title', title: t('visits.campaign') },
            { key: 'org', dataIndex: 'orgUnitName', title: t('visits.organiser') },
            { key: 'period', title: t('visits.period'), render: (_: unknown, c) => `${c.startsOn} ~ ${c.endsOn}` },
            { key: 'partners', title: t('visits.partners'), render: (_: unknown, c) => c.partners.join('、') || '—' },
            { key: 'households', dataIndex: 'households', title: t('visits.households') },
            { key: 'money', title: t('visits.money'), render: (_: unknown, c) => yuan(c.moneyYuan) },
            { key: 'goods', title: t('visits.goodsValue'), render: (_: unknown, c) => yuan(c.goodsYuan) },
            { key: 'open', dataIndex: 'openNeeds', title: t('visits.openNeeds') },
          ]}
        />
      </Card>
      <Card
        title={t('visits.ledger')}
        data-testid="visit-ledger"
        extra={
          <Space wrap>
            <Button href={visitsXlsxUrl(filter)} data-testid="visit-export">
              {t('visits.export')}
            </Button>
            {manage && (
              <Button type="primary" onClick={() => setRecording(true)} data-testid="visit-new">
                {t('visits.record')}
              </Button>
            )}
          </Space>
        }
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            allowClear
            style={{ width: 260, maxWidth: '80vw' }}
            placeholder={t('visits.allCampaigns')}
            value={campaignId}
            onChange={(v?: string) => (setCampaignId(v), setOffset(0))}
            options={items.map((c) => ({ value: c.id, label: c.title }))}
            data-testid="visit-filter-campaign"
          />
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('visits.allKinds')}
            value={kind}
            onChange={(v?: VisiteeKind) => (setKind(v), setOffset(0))}
            options={VISITEE_KINDS.map((k) => ({ value: k, label: t(`visits.kinds.${k}`) }))}
          />
          <Checkbox checked={openOnly} onChange={(e) => (setOpenOnly(e.target.checked), setOffset(0))}>
            {t('visits.onlyOpen')}
          </Checkbox>
        </Space>
        {list.data && (
          <Typography.Paragraph data-testid="visit-sums">
            {t('visits.sums', {
              n: list.data.total,
              money: yuan(list.data.moneyYuan),
              goods: yuan(list.data.goodsYuan),
            })}
          </Typography.Paragraph>
        )}
        <Table<Visit>
          size="small"
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{
            pageSize: PAGE,
            total: list.data?.total ?? 0,
            current: offset / PAGE + 1,
            onChange: (p) => setOffset((p - 1) * PAGE),
            showSizeChanger: false,
          }}
          columns={[
            { key: 'on', dataIndex: 'visitedOn', title: t('visits.visitedOn'), width: 100 },
            {
              key: 'who',
              title: t('visits.person'),
              render: (_: unknown, v) => (
                <Space size={4} wrap>
                  <span>{v.name}</span>
                  <Tag color={v.kind === 'needy_resident' ? 'blue' : 'red'}>{t(`visits.kinds.${v.kind}`)}</Tag>
                  {v.age !== null && (
                    <Typography.Text type="secondary">{t('visits.age', { n: v.age })}</Typography.Text>
                  )}
                </Space>
              ),
            },
            { key: 'place', dataIndex: 'placeName', title: t('visits.place') },
            { key: 'visitors', title: t('visits.visitors'), render: (_: unknown, v) => v.visitors.join('、') },
            {
              key: 'given',
              title: t('visits.given'),
              render: (_: unknown, v) =>
                [
                  ...v.goods.map((g) => `${g.name}${g.quantity}${g.unit}`),
                  v.moneyYuan ? t('visits.cash', { money: yuan(v.moneyYuan) }) : '',
                ]
                  .filter(Boolean)
                  .join('、') || '—',
            },
            {
              key: 'situation',
              dataIndex: 'situation',
              title: t('visits.situation'),
              render: (s: string) => <div style={{ maxWidth: 260, whiteSpace: 'normal' }}>{s}</div>,
            },
            {
              key: 'needs',
              title: t('visits.needs'),
              render: (_: unknown, v) => (
                <Space direction="vertical" size={2}>
                  {v.needs.map((n) => (
                    <Space key={n.id} size={4} wrap data-testid={`visit-need-${n.id}`}>
                      <span style={{ whiteSpace: 'normal' }}>{n.content}</span>
                      <Tag color={n.status === 'open' ? 'orange' : 'green'}>
                        {n.status === 'ordered' && n.workOrderNo
                          ? t('visits.orderedAs', { no: n.workOrderNo })
                          : n.status === 'referred'
                            ? t('visits.referredTo', { to: n.referredTo })
                            : t(`visits.needStatus.${n.status}`)}
                      </Tag>
                      {n.status === 'open' && v.canWrite && (
                        <>
                          <Button size="small" onClick={() => setOrdering(n)} data-testid={`visit-need-order-${n.id}`}>
                            {t('visits.toOrder')}
                          </Button>
                          <Button size="small" onClick={() => setReferring(n)}>
                            {t('visits.refer')}
                          </Button>
                        </>
                      )}
                    </Space>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {creating && <CampaignModal onClose={() => setCreating(false)} />}
      {recording && <VisitModal campaigns={items} onClose={() => setRecording(false)} />}
      {ordering && <OrderModal need={ordering} onClose={() => setOrdering(null)} />}
      {referring && <ReferModal need={referring} onClose={() => setReferring(null)} />}
    </Space>
  );
}

function OrderModal({ need, onClose }: { need: VisitNeed; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const categories = useCategories();
  const toOrder = useNeedToOrder();
  const [categoryId, setCategoryId] = useState<string>();
  return (
    <Modal
      open
      title={t('visits.toOrder')}
      onCancel={onClose}
      okButtonProps={{ disabled: !categoryId, id: 'visit-order-ok' }}
      confirmLoading={toOrder.isPending}
      onOk={() =>
        toOrder.mutate(
          { needId: need.id, categoryId: categoryId! },
          {
            onSuccess: () => (void message.success(t('visits.ordered')), onClose()),
            onError: (e) => void message.error(errorMessage(e)),
          },
        )
      }
    >
      <Typography.Paragraph>{need.content}</Typography.Paragraph>
      <Select
        showSearch
        optionFilterProp="label"
        style={{ width: '100%' }}
        placeholder={t('visits.category')}
        value={categoryId}
        onChange={setCategoryId}
        options={(categories.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
        data-testid="visit-order-category"
      />
    </Modal>
  );
}

function ReferModal({ need, onClose }: { need: VisitNeed; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refer = useReferNeed();
  const [form] = Form.useForm<{ referredTo: string }>();
  return (
    <Modal
      open
      title={t('visits.refer')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={refer.isPending}
    >
      <Typography.Paragraph>{need.content}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          refer.mutate(
            { needId: need.id, referredTo: v.referredTo },
            {
              onSuccess: () => (void message.success(t('visits.saved')), onClose()),
              onError: (e) => void message.error(errorMessage(e)),
            },
          )
        }
      >
        <Form.Item name="referredTo" label={t('visits.referTo')} rules={[{ required: true, min: 2 }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

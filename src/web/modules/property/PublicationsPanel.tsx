import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, List, Modal, Select, Space, Tag, Typography } from 'antd';
import QRCode from 'qrcode';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import { useCurrentUser } from '../auth/useCurrentUser';
import {
  usePublications,
  useReviewPublication,
  useSubmitPublication,
  type Publication,
  type PublicationInput,
} from './property.api';

const yuan = (cents: number | null) => (cents == null ? '—' : (cents / 100).toFixed(2));
const STATUS_COLOR = { submitted: 'gold', published: 'green', returned: 'red' } as const;

/** The public page's address for a compound (what the notice-board QR code opens). */
export const publicUrl = (districtId: string, compoundId: string) =>
  `${window.location.origin}/p/property/${encodeURIComponent(districtId)}/${encodeURIComponent(compoundId)}`;

/** 公示三专栏 of one compound: the company enters, the branch / community publishes or returns, a QR code for the notice board. */
export function PublicationsPanel({ compoundId }: { compoundId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const list = usePublications(compoundId);
  const review = useReviewPublication(compoundId);
  const [entering, setEntering] = useState(false);
  const [qr, setQr] = useState<string>();
  const url = publicUrl(me.districtId, compoundId);
  useEffect(() => {
    void QRCode.toDataURL(url, { margin: 1, width: 160 }).then(setQr);
  }, [url]);
  if (list.error) return <Alert type="error" message={errorMessage(list.error)} />;
  const decide = async (p: Publication, decision: 'approve' | 'return') => {
    let reason = '';
    if (decision === 'return') {
      reason = window.prompt(t('publications.returnReason')) ?? '';
      if (!reason) return;
    }
    try {
      await review.mutateAsync({ id: p.id, decision, reason, version: p.version });
      void message.success(t(decision === 'approve' ? 'publications.published' : 'publications.returned'));
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  return (
    <Card
      size="small"
      title={t('publications.title')}
      loading={list.isLoading}
      data-testid="publications"
      extra={
        list.data?.canSubmit && (
          <Button type="primary" onClick={() => setEntering(true)} data-testid="publication-new">
            {t('publications.new')}
          </Button>
        )
      }
    >
      <Space align="start" wrap style={{ marginBottom: 12 }}>
        {qr && <img src={qr} alt={t('publications.qr')} width={120} height={120} data-testid="publication-qr" />}
        <Space direction="vertical" size={2} style={{ maxWidth: 300 }}>
          <Typography.Text strong>{t('publications.qr')}</Typography.Text>
          <Typography.Link href={url} target="_blank" style={{ wordBreak: 'break-all' }}>
            {t('publications.openPublic')}
          </Typography.Link>
        </Space>
      </Space>
      <List
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('publications.empty') }}
        renderItem={(p) => (
          <List.Item
            actions={
              list.data?.canReview && p.status === 'submitted'
                ? [
                    <Button key="a" size="small" type="primary" onClick={() => void decide(p, 'approve')}>
                      {t('publications.approve')}
                    </Button>,
                    <Button key="r" size="small" danger onClick={() => void decide(p, 'return')}>
                      {t('publications.return')}
                    </Button>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <Tag>{t(`publications.columns.${p.column}`)}</Tag>
                  <span>{p.title}</span>
                  <Tag color={STATUS_COLOR[p.status]}>{t(`publications.statuses.${p.status}`)}</Tag>
                </Space>
              }
              description={
                <>
                  {p.period && `${p.period} · `}
                  {p.column === 'finance' &&
                    `${t('publications.income')} ${yuan(p.incomeTotalCents)} / ${t('publications.expense')} ${yuan(p.expenseTotalCents)} · `}
                  {p.publishedAt ?? p.submittedAt}
                  {p.returnReason && <div style={{ color: '#c0392b' }}>{p.returnReason}</div>}
                </>
              }
            />
          </List.Item>
        )}
      />
      {entering && <EnterModal compoundId={compoundId} onClose={() => setEntering(false)} />}
    </Card>
  );
}

interface EnterForm {
  column: PublicationInput['column'];
  title: string;
  period?: string;
  content?: string;
  lines?: { label: string; kind: 'income' | 'expense'; amount: number }[];
  income?: number;
  expense?: number;
}
const cents = (y: number | undefined) => Math.round((y ?? 0) * 100);

function EnterModal({ compoundId, onClose }: { compoundId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const submit = useSubmitPublication(compoundId);
  const [form] = Form.useForm<EnterForm>();
  const column = Form.useWatch('column', form);
  const save = async () => {
    const v = await form.validateFields();
    const finance = v.column === 'finance';
    try {
      await submit.mutateAsync({
        column: v.column,
        title: v.title,
        period: finance ? v.period : undefined,
        content: v.content ?? '',
        lines: finance
          ? (v.lines ?? []).map((l) => ({ label: l.label, kind: l.kind, amountCents: cents(l.amount) }))
          : [],
        incomeTotalCents: finance ? cents(v.income) : undefined,
        expenseTotalCents: finance ? cents(v.expense) : undefined,
      });
      void message.success(t('publications.submitted'));
      onClose();
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  return (
    <Modal
      open
      title={t('publications.new')}
      onCancel={onClose}
      onOk={() => void save()}
      confirmLoading={submit.isPending}
    >
      <Form form={form} layout="vertical" initialValues={{ column: 'maintenance', lines: [] }}>
        <Form.Item name="column" label={t('publications.column')}>
          <Select
            options={(['maintenance', 'finance', 'fees'] as const).map((c) => ({
              value: c,
              label: t(`publications.columns.${c}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="title" label={t('publications.titleField')} rules={[{ required: true, min: 2 }]}>
          <Input maxLength={100} />
        </Form.Item>
        {column === 'finance' && (
          <>
            <Form.Item
              name="period"
              label={t('publications.period')}
              rules={[{ required: true, pattern: /^\d{4}-Q[1-4]$/ }]}
            >
              <Input placeholder="2026-Q3" />
            </Form.Item>
            <Form.List name="lines">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} wrap>
                      <Form.Item name={[f.name, 'label']} rules={[{ required: true }]}>
                        <Input placeholder={t('publications.lineLabel')} style={{ width: 140 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'kind']} initialValue="expense">
                        <Select
                          style={{ width: 90 }}
                          options={[
                            { value: 'income', label: t('publications.income') },
                            { value: 'expense', label: t('publications.expense') },
                          ]}
                        />
                      </Form.Item>
                      <Form.Item name={[f.name, 'amount']} rules={[{ required: true }]}>
                        <InputNumber min={0} precision={2} placeholder="元" style={{ width: 110 }} />
                      </Form.Item>
                      <Button onClick={() => remove(f.name)}>×</Button>
                    </Space>
                  ))}
                  <Button onClick={() => add()} style={{ marginBottom: 12 }}>
                    {t('publications.addLine')}
                  </Button>
                </>
              )}
            </Form.List>
            <Space wrap>
              <Form.Item name="income" label={t('publications.incomeTotal')} rules={[{ required: true }]}>
                <InputNumber min={0} precision={2} />
              </Form.Item>
              <Form.Item name="expense" label={t('publications.expenseTotal')} rules={[{ required: true }]}>
                <InputNumber min={0} precision={2} />
              </Form.Item>
            </Space>
          </>
        )}
        <Form.Item name="content" label={t('publications.content')}>
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

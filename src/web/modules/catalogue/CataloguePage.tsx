import { useState } from 'react';
import { Alert, Button, Card, Empty, Input, InputNumber, Modal, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CatalogueHandler, CatalogueVersionDto } from '../../../shared/catalogue.schema';
import type { HandlerKind } from '../../../shared/work-orders.schema';
import { ResponsiveTable } from '../../app/ResponsiveTable';
import { useWorkUnits } from '../work-orders/work-orders.api';
import { useCatalogue, useCreateVersion } from './catalogue.api';

type Entry = CatalogueVersionDto['entries'][number];
const OWN_KINDS: HandlerKind[] = ['community', 'property', 'owners_committee'];
const encode = (h: CatalogueHandler) => (h.handlerKind === 'department' ? `department:${h.workUnitId}` : h.handlerKind);
const decode = (v: string): CatalogueHandler =>
  v.startsWith('department:')
    ? { handlerKind: 'department', workUnitId: v.slice('department:'.length) }
    : { handlerKind: v as HandlerKind, workUnitId: null };

/** 派单目录: every version with its effective date and reason, each entry's units, deadline and misses. */
export default function CataloguePage() {
  const { t } = useTranslation();
  const catalogue = useCatalogue();
  const [editing, setEditing] = useState<CatalogueVersionDto | null>(null);
  const versions = catalogue.data?.versions ?? [];
  const current = versions.find((v) => v.inForce) ?? versions[0];
  const status = (v: CatalogueVersionDto) =>
    v.inForce ? (
      <Tag color="green">{t('catalogue.inForce')}</Tag>
    ) : current && v.effectiveFrom > current.effectiveFrom ? (
      <Tag color="blue">{t('catalogue.upcoming')}</Tag>
    ) : (
      <Tag>{t('catalogue.superseded')}</Tag>
    );
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="catalogue-page">
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('catalogue.title')}
        </Typography.Title>
        {catalogue.data?.canConfigure && current && (
          <Button type="primary" onClick={() => setEditing(current)} data-testid="catalogue-new">
            {t('catalogue.newVersion')}
          </Button>
        )}
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('catalogue.hint')}
      </Typography.Paragraph>
      {catalogue.error && <Alert type="error" showIcon title={catalogue.error.message} />}
      {catalogue.data && versions.length === 0 && <Empty description={t('catalogue.empty')} />}
      {versions.map((v) => (
        <Card
          key={v.id}
          size="small"
          data-testid={`catalogue-version-${v.id}`}
          title={
            <Space wrap size={4}>
              <span>{t('catalogue.effectiveFrom', { date: v.effectiveFrom })}</span>
              {status(v)}
            </Space>
          }
        >
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            <Typography.Text type="secondary">
              {t('catalogue.changedBy', { name: v.createdByName, at: v.createdAt.slice(0, 10) })}
            </Typography.Text>
            <br />
            {v.reason}
          </Typography.Paragraph>
          <ResponsiveTable<Entry>
            size="small"
            rowKey="categoryId"
            pagination={false}
            dataSource={v.entries}
            columns={[
              {
                title: t('catalogue.category'),
                dataIndex: 'categoryName',
                render: (name: string, e) => (
                  <Space size={4} wrap>
                    {name}
                    {e.changed && <Tag color="orange">{t('catalogue.changed')}</Tag>}
                  </Space>
                ),
              },
              { title: t('catalogue.units'), dataIndex: 'handlerNames', render: (n: string[]) => n.join('、') },
              { title: t('catalogue.days'), dataIndex: 'handleDays', width: 110 },
              {
                title: t('catalogue.misses'),
                dataIndex: 'misses',
                width: 110,
                render: (m: number) => (m ? <Tag color="red">{m}</Tag> : 0),
              },
            ]}
          />
        </Card>
      ))}
      {editing && <NewVersionDialog base={editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}

/** A new version starts as a copy of the one in force; the district changes units and deadlines and says why. */
function NewVersionDialog({ base, onClose }: { base: CatalogueVersionDto; onClose: () => void }) {
  const { t } = useTranslation();
  const units = useWorkUnits(true);
  const create = useCreateVersion();
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const [effectiveFrom, setEffectiveFrom] = useState(tomorrow);
  const [reason, setReason] = useState('');
  const [entries, setEntries] = useState(
    base.entries.map((e) => ({
      categoryId: e.categoryId,
      name: e.categoryName,
      handlers: e.handlers,
      handleDays: e.handleDays,
    })),
  );
  const options = [
    ...OWN_KINDS.map((k) => ({ value: k, label: t(`orders.handlers.${k}`) })),
    ...(units.data ?? []).map((u) => ({ value: `department:${u.id}`, label: u.name })),
  ];
  const save = () =>
    create.mutate({ effectiveFrom, reason, entries: entries.map(({ name: _n, ...e }) => e) }, { onSuccess: onClose });
  return (
    <Modal
      open
      width={760}
      title={t('catalogue.newVersion')}
      onCancel={onClose}
      onOk={save}
      okText={t('catalogue.publish')}
      okButtonProps={{ loading: create.isPending, ...{ 'data-testid': 'catalogue-publish' } }}
      destroyOnHidden
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text strong>{t('catalogue.effectiveDate')}</Typography.Text>
          <Input type="date" min={tomorrow} value={effectiveFrom} onChange={(e) => setEffectiveFrom(e.target.value)} />
        </Space>
        <Input.TextArea
          rows={2}
          maxLength={500}
          placeholder={t('catalogue.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="catalogue-reason"
        />
        {entries.map((e, i) => (
          <Space key={e.categoryId} wrap style={{ width: '100%' }}>
            <Typography.Text style={{ display: 'inline-block', minWidth: 80 }}>{e.name}</Typography.Text>
            <Select
              mode="multiple"
              style={{ minWidth: 260, maxWidth: '100%' }}
              value={e.handlers.map(encode)}
              options={options}
              onChange={(v: string[]) =>
                setEntries(entries.map((x, j) => (j === i ? { ...x, handlers: v.map(decode) } : x)))
              }
            />
            <InputNumber
              min={1}
              max={60}
              value={e.handleDays}
              addonAfter={t('catalogue.workingDays')}
              onChange={(d) => setEntries(entries.map((x, j) => (j === i ? { ...x, handleDays: d ?? 1 } : x)))}
            />
          </Space>
        ))}
        {create.error && <Alert type="error" showIcon title={create.error.message} />}
      </Space>
    </Modal>
  );
}

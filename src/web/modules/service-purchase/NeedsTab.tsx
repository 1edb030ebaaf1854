import { useState } from 'react';
import {
  App as AntApp,
  Button,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  type TableColumnsType,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import { useCan, useCurrentUser } from '../auth/useCurrentUser';
import { useOrgChildren } from '../org/org.api';
import { shanghaiTime, useCreateNeed, useNeeds } from './purchase.api';
import { useConsultations } from '../consultations/consultations.api';
import type { Need } from './types';

/** Residents' needs and project ideas (居民需求与项目意向), recorded by communities. */
export function NeedsTab() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const can = useCan();
  const { message } = AntApp.useApp();
  const needs = useNeeds(true);
  const [open, setOpen] = useState(false);
  const communities = useNeedCommunities(open);
  const surveys = useConsultations(undefined, open);
  const [form] = Form.useForm();
  const add = useCreateNeed({
    onSuccess: () => setOpen(false),
    onError: (e) => void message.error(errorMessage(e)),
  });
  const columns: TableColumnsType<Need> = [
    {
      title: t('purchase.need.community'),
      dataIndex: 'communityName',
      render: (v: string, r) => `${r.streetName} · ${v}`,
    },
    { title: t('purchase.need.title'), dataIndex: 'title' },
    { title: t('purchase.need.category'), dataIndex: 'category' },
    { title: t('purchase.need.residents'), dataIndex: 'residents', align: 'right' },
    {
      title: t('purchase.need.source'),
      key: 'source',
      render: (_v, r) =>
        r.consultation
          ? t('purchase.need.fromSurvey', { title: r.consultation.title, n: r.consultation.ballots })
          : '—',
    },
    { title: t('purchase.need.createdAt'), dataIndex: 'createdAt', render: (v: string) => shanghaiTime(v) },
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {can('purchase.needs') ? (
        <Button type="primary" onClick={() => setOpen(true)} data-testid="need-add">
          {t('purchase.need.add')}
        </Button>
      ) : null}
      <Table
        rowKey="id"
        size="small"
        loading={needs.isPending}
        dataSource={needs.data?.items ?? []}
        columns={columns}
        pagination={{ pageSize: 20 }}
      />
      <Modal open={open} title={t('purchase.need.add')} onCancel={() => setOpen(false)} footer={null} destroyOnHidden>
        <Form
          form={form}
          layout="vertical"
          onFinish={(v: {
            communityId: string;
            title: string;
            description: string;
            category: string;
            residents?: number;
            consultationId?: string;
          }) => add.mutate(v)}
        >
          <Form.Item
            name="communityId"
            label={t('purchase.need.community')}
            rules={[{ required: true }]}
            initialValue={me.orgUnit.kind === 'community' ? me.orgUnit.id : undefined}
          >
            <Select
              showSearch
              optionFilterProp="label"
              options={communities.map((c) => ({ value: c.id, label: c.name }))}
            />
          </Form.Item>
          <Form.Item name="consultationId" label={t('purchase.need.survey')} extra={t('purchase.need.surveyHint')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="need-survey"
              options={(surveys.data?.items ?? [])
                .filter((c) => c.status !== 'open')
                .map((c) => ({ value: c.id, label: `${c.title}（${c.scopeName}，${c.ballots}）` }))}
              onChange={(id?: string) => {
                const c = surveys.data?.items.find((x) => x.id === id);
                if (c && !form.getFieldValue('description'))
                  form.setFieldValue(
                    'description',
                    t('purchase.need.fromSurveyText', { title: c.title, n: c.ballots }),
                  );
              }}
            />
          </Form.Item>
          <Form.Item name="title" label={t('purchase.need.title')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="description" label={t('purchase.need.description')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Space>
            <Form.Item name="category" label={t('purchase.need.category')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item name="residents" label={t('purchase.need.residents')}>
              <InputNumber min={0} />
            </Form.Item>
          </Space>
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            {t('common.save')}
          </Button>
        </Form>
      </Modal>
    </Space>
  );
}

/** Communities the user may record needs for: their own, or the children of their street. */
function useNeedCommunities(enabled: boolean): { id: string; name: string }[] {
  const me = useCurrentUser();
  const own = me.orgUnit.kind === 'community' || me.orgUnit.kind === 'village';
  const children = useOrgChildren(me.orgUnit.id, enabled && !own);
  if (own) return [{ id: me.orgUnit.id, name: me.orgUnit.name }];
  return (children.data ?? []).filter((u) => u.kind === 'community' || u.kind === 'village');
}

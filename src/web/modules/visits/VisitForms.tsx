import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { errorMessage } from '../../lib/api';
import type { Campaign } from '../../../shared/visits.schema';
import { VISITEE_KINDS, type VisiteeKind } from '../../../shared/visits.constants';
import { useCurrentUser } from '../auth/useCurrentUser';
import { usePeopleSearch } from '../people/people.api';
import { useCreateCampaign, useCreateVisit } from './visits.api';

/** 发起走访慰问活动: organised by the caller's own unit, with its period and partner units. */
export function CampaignModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useCurrentUser();
  const create = useCreateCampaign();
  const [form] = Form.useForm<{
    title: string;
    period: [dayjs.Dayjs, dayjs.Dayjs];
    partners?: string[];
    note?: string;
  }>();
  return (
    <Modal
      open
      title={t('visits.newCampaign')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          create.mutate(
            {
              title: v.title,
              orgUnitId: me.orgUnit.id,
              startsOn: v.period[0].format('YYYY-MM-DD'),
              endsOn: v.period[1].format('YYYY-MM-DD'),
              partners: v.partners ?? [],
              note: v.note || undefined,
            },
            {
              onSuccess: () => (void message.success(t('visits.saved')), onClose()),
              onError: (e) => void message.error(errorMessage(e)),
            },
          )
        }
      >
        <Form.Item label={t('visits.organiser')}>{me.orgUnit.name}</Form.Item>
        <Form.Item name="title" label={t('visits.campaign')} rules={[{ required: true, min: 2 }]}>
          <Input placeholder={t('visits.titleHint')} data-testid="visit-campaign-title" />
        </Form.Item>
        <Form.Item name="period" label={t('visits.period')} rules={[{ required: true }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="partners" label={t('visits.partners')}>
          <Select mode="tags" placeholder={t('visits.partnersHint')} />
        </Form.Item>
        <Form.Item name="note" label={t('visits.note')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface VisitForm {
  campaignId: string;
  personId: string;
  kind: VisiteeKind;
  visitedOn: dayjs.Dayjs;
  visitors: string[];
  partners?: string[];
  goods?: { name: string; quantity: number; unit: string; valueYuan?: number }[];
  moneyYuan?: number;
  situation: string;
  needs?: { content: string }[];
}

/** 登记走访: the person from the registry (in scope), who visited, what was given, the situation, the needs. */
export function VisitModal({ campaigns, onClose }: { campaigns: Campaign[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const create = useCreateVisit();
  const [q, setQ] = useState('');
  const people = usePeopleSearch({ q, tag: undefined }, q.trim().length > 0);
  const found = people.data?.pages.flatMap((p) => p.items) ?? [];
  const [form] = Form.useForm<VisitForm>();
  return (
    <Modal
      open
      width={640}
      title={t('visits.record')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      okButtonProps={{ id: 'visit-save' }}
    >
      <Form<VisitForm>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'old_member', visitedOn: dayjs(), moneyYuan: 0 }}
        onValuesChange={(changed: Partial<VisitForm>) => {
          const c = campaigns.find((x) => x.id === changed.campaignId);
          if (c) form.setFieldsValue({ partners: c.partners, visitedOn: dayjs(c.startsOn) });
        }}
        onFinish={(v) =>
          create.mutate(
            {
              campaignId: v.campaignId,
              personId: v.personId,
              kind: v.kind,
              visitedOn: v.visitedOn.format('YYYY-MM-DD'),
              visitors: v.visitors,
              partners: v.partners ?? [],
              goods: (v.goods ?? []).map((g) => ({ ...g, valueYuan: g.valueYuan ?? 0 })),
              moneyYuan: v.moneyYuan ?? 0,
              situation: v.situation,
              needs: v.needs ?? [],
            },
            {
              onSuccess: () => (void message.success(t('visits.saved')), onClose()),
              onError: (e) => void message.error(errorMessage(e)),
            },
          )
        }
      >
        <Form.Item name="campaignId" label={t('visits.campaign')} rules={[{ required: true }]}>
          <Select options={campaigns.map((c) => ({ value: c.id, label: c.title }))} data-testid="visit-form-campaign" />
        </Form.Item>
        <Form.Item name="personId" label={t('visits.person')} rules={[{ required: true }]}>
          <Select
            showSearch
            filterOption={false}
            onSearch={setQ}
            placeholder={t('visits.personHint')}
            loading={people.isFetching}
            options={found.map((p) => ({
              value: p.id,
              label: `${p.name} · ${p.idMasked} · ${p.compoundName ?? ''}`,
            }))}
            data-testid="visit-form-person"
          />
        </Form.Item>
        <Form.Item name="kind" label={t('visits.kind')}>
          <Radio.Group
            options={VISITEE_KINDS.map((k) => ({ value: k, label: t(`visits.kinds.${k}`) }))}
            optionType="button"
          />
        </Form.Item>
        <Space wrap>
          <Form.Item name="visitedOn" label={t('visits.visitedOn')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="moneyYuan" label={t('visits.moneyYuan')}>
            <InputNumber min={0} max={1_000_000} precision={0} data-testid="visit-form-money" />
          </Form.Item>
        </Space>
        <Form.Item name="visitors" label={t('visits.visitors')} rules={[{ required: true }]}>
          <Select mode="tags" placeholder={t('visits.visitorsHint')} data-testid="visit-form-visitors" />
        </Form.Item>
        <Form.Item name="partners" label={t('visits.partners')}>
          <Select mode="tags" />
        </Form.Item>
        <Form.List name="goods">
          {(fields, { add, remove }) => (
            <Form.Item label={t('visits.goods')}>
              {fields.map((f) => (
                <Space key={f.key} wrap align="baseline" style={{ marginBottom: 4 }}>
                  <Form.Item name={[f.name, 'name']} noStyle rules={[{ required: true }]}>
                    <Input placeholder={t('visits.goodsName')} style={{ width: 110 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'quantity']} noStyle initialValue={1}>
                    <InputNumber min={1} style={{ width: 64 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'unit']} noStyle initialValue={t('visits.defaultUnit')}>
                    <Input style={{ width: 56 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'valueYuan']} noStyle>
                    <InputNumber min={0} placeholder={t('visits.valueYuan')} style={{ width: 100 }} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>
                {t('visits.addGoods')}
              </Button>
            </Form.Item>
          )}
        </Form.List>
        <Form.Item name="situation" label={t('visits.situation')} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={3} placeholder={t('visits.situationHint')} data-testid="visit-form-situation" />
        </Form.Item>
        <Form.List name="needs">
          {(fields, { add, remove }) => (
            <Form.Item label={t('visits.needs')}>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex', marginBottom: 4 }}>
                  <Form.Item name={[f.name, 'content']} noStyle rules={[{ required: true, min: 2 }]}>
                    <Input placeholder={t('visits.needHint')} style={{ width: 420, maxWidth: '65vw' }} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />} data-testid="visit-form-add-need">
                {t('visits.addNeed')}
              </Button>
            </Form.Item>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

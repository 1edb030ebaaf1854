import { useMemo, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Cascader, type ButtonProps, Form, Input, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../lib/api';
import type { OrgUnit } from '../../lib/types';
import { useCurrentUser } from '../auth/useCurrentUser';
import { orgKeys, useBuildings } from '../org/org.api';
import { AttachmentPicker } from '../attachments/AttachmentPicker';
import type { Attachment } from '../attachments/attachments.api';
import { CHANNELS } from '../../../shared/work-orders.constants';
import type { Category, Channel, OrderDetail } from '../../../shared/work-orders.schema';
import {
  createOrder,
  newIdempotencyKey,
  orderKeys,
  searchCompounds,
  useCategories,
  type NewOrderInput,
} from './work-orders.api';

interface FormValues {
  channel: Channel;
  category: string[];
  compoundId: string;
  buildingId?: string;
  title: string;
  description: string;
  reporterName?: string;
  reporterPhone?: string;
  photos?: Attachment[];
}

interface CascaderNode {
  value: string;
  label: string;
  children?: CascaderNode[];
}

function categoryTree(items: Category[], days: (n: number) => string): CascaderNode[] {
  const byParent = new Map<string | null, Category[]>();
  for (const c of items) {
    const k = c.parentId && items.some((p) => p.id === c.parentId) ? c.parentId : null;
    byParent.set(k, [...(byParent.get(k) ?? []), c]);
  }
  const build = (parent: string | null): CascaderNode[] =>
    (byParent.get(parent) ?? []).map((c) => {
      const children = build(c.id);
      return children.length > 0
        ? { value: c.id, label: c.name, children }
        : { value: c.id, label: `${c.name}（${days(c.handleDays)}）` };
    });
  return build(null);
}

export function OrderFormModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (o: OrderDetail) => void;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const me = useCurrentUser();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [compoundQ, setCompoundQ] = useState('');
  const ownCompound = me.orgUnit.kind === 'compound' ? me.orgUnit : null;
  // A fresh key per submit attempt chain: kept while a request is in flight or failed by network, renewed after success.
  const idemKey = useRef<string>(newIdempotencyKey());

  const categories = useCategories();
  const options = useMemo(
    () => categoryTree(categories.data ?? [], (n) => t('orders.form.handleDays', { days: n })),
    [categories.data, t],
  );

  const compounds = useQuery({
    queryKey: orgKeys.search(compoundQ, 'compound'),
    queryFn: () => searchCompounds(compoundQ),
    enabled: open && !ownCompound,
  });
  const compoundOptions = useMemo(() => {
    const list: OrgUnit[] = ownCompound ? [ownCompound] : (compounds.data ?? []);
    return list.map((u) => ({ value: u.id, label: u.name }));
  }, [compounds.data, ownCompound]);

  const compoundId = Form.useWatch('compoundId', form);
  const canReadOrg = me.abilities.includes('org.read');
  const buildings = useBuildings(canReadOrg ? compoundId : undefined);

  const create = useMutation({
    mutationFn: (v: FormValues) => {
      const input: NewOrderInput = {
        channel: v.channel,
        categoryId: v.category[v.category.length - 1] ?? '',
        title: v.title.trim(),
        description: v.description.trim(),
        compoundId: v.compoundId,
        buildingId: v.buildingId || undefined,
        reporterName: v.reporterName?.trim() || undefined,
        reporterPhone: v.reporterPhone?.trim() || undefined,
        attachmentIds: v.photos && v.photos.length > 0 ? v.photos.map((a) => a.id) : undefined,
      };
      return createOrder(input, idemKey.current);
    },
    onSuccess: (order) => {
      idemKey.current = newIdempotencyKey();
      void qc.invalidateQueries({ queryKey: orderKeys.all });
      void message.success(t('orders.form.created', { no: order.no }));
      form.resetFields();
      onCreated(order);
    },
    onError: (e) => {
      // A definite refusal from the server means the next attempt is a new request.
      if (!(e instanceof ApiError && e.status === 0)) idemKey.current = newIdempotencyKey();
      void message.error(errorMessage(e));
    },
  });

  const required = [{ required: true, whitespace: true, message: t('orders.form.required') }];

  return (
    <Modal
      open={open}
      title={t('orders.form.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ loading: create.isPending, 'data-testid': 'order-form-submit' } as ButtonProps}
      width={680}
      destroyOnHidden
      forceRender
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        data-testid="order-form"
        initialValues={{
          channel: me.role === 'grid_worker' ? 'grid_patrol' : 'resident',
          compoundId: ownCompound?.id,
          photos: [],
        }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item
          name="channel"
          label={t('orders.form.channel')}
          rules={[{ required: true, message: t('orders.form.required') }]}
        >
          <Select
            data-testid="order-channel"
            options={CHANNELS.map((c) => ({ value: c, label: t(`orders.channels.${c}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="category"
          label={t('orders.form.category')}
          rules={[{ required: true, message: t('orders.form.required') }]}
        >
          <Cascader
            data-testid="order-category"
            options={options}
            loading={categories.isPending}
            showSearch={{ filter: (input, path) => path.some((o) => String(o.label).includes(input)) }}
            placeholder={t('orders.form.category')}
          />
        </Form.Item>
        <Form.Item
          name="compoundId"
          label={t('orders.form.compound')}
          rules={[{ required: true, message: t('orders.form.required') }]}
        >
          <Select
            data-testid="order-compound"
            showSearch={{ filterOption: false, onSearch: setCompoundQ }}
            disabled={!!ownCompound}
            loading={compounds.isFetching}
            placeholder={t('orders.form.compoundPlaceholder')}
            options={compoundOptions}
            onChange={() => form.setFieldValue('buildingId', undefined)}
          />
        </Form.Item>
        {canReadOrg && (
          <Form.Item name="buildingId" label={t('org.buildings')}>
            <Select
              allowClear
              disabled={!compoundId}
              loading={buildings.isFetching}
              options={(buildings.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('orders.form.orderTitle')} rules={required}>
          <Input maxLength={100} showCount data-testid="order-title" />
        </Form.Item>
        <Form.Item name="description" label={t('orders.form.description')} rules={required}>
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid="order-description" />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="reporterName" label={t('orders.form.reporterName')} style={{ flex: 1 }}>
            <Input maxLength={40} data-testid="order-reporter-name" />
          </Form.Item>
          <Form.Item
            name="reporterPhone"
            label={t('orders.form.reporterPhone')}
            style={{ flex: 1 }}
            rules={[{ pattern: /^(1\d{10}|0\d{2,3}-?\d{7,8})$/, message: t('orders.form.phoneInvalid') }]}
          >
            <Input maxLength={20} data-testid="order-reporter-phone" />
          </Form.Item>
        </div>
        <Form.Item
          name="photos"
          label={t('orders.form.photos')}
          extra={<Typography.Text type="secondary">{t('orders.form.photosHint')}</Typography.Text>}
        >
          <AttachmentPicker purpose="request" max={3} accept="image/*" testId="order-photos" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

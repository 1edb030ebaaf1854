import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Checkbox, Form, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../lib/api';
import { useCurrentUser } from '../auth/useCurrentUser';
import { CompoundPicker } from '../work-orders/CompoundPicker';
import {
  createOrder,
  newIdempotencyKey,
  orderKeys,
  useCategories,
  type NewOrderInput,
} from '../work-orders/work-orders.api';
import { workbenchKey } from '../workbench/workbench.api';
import { isOffline, saveDraft } from './drafts';
import { useDrafts } from './mobile.api';
import { MobilePhotos } from './MobilePhotos';
import { blobToDataUrl, uploadPhotos, type PendingPhoto } from './photos';

interface Values {
  categoryId: string;
  description: string;
  title?: string;
  withLocation?: boolean;
}

function position(): Promise<string | null> {
  return new Promise((resolve) => {
    if (!('geolocation' in navigator)) return resolve(null);
    navigator.geolocation.getCurrentPosition(
      (p) => resolve(`${p.coords.latitude.toFixed(5)},${p.coords.longitude.toFixed(5)}`),
      () => resolve(null),
      { timeout: 8000, maximumAge: 60_000 },
    );
  });
}

/**
 * 我要反映: category, the person's own compound by default, what happened, optionally where they stand.
 * Written without a connection, it is kept as a draft and sent when the phone is back online.
 */
export function MobileNewRequest() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const categories = useCategories();
  const { refresh } = useDrafts();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ownCompound = me.orgUnit.kind === 'compound' ? me.orgUnit : null;
  const [compoundId, setCompoundId] = useState<string | undefined>(ownCompound?.id);
  const [photos, setPhotos] = useState<PendingPhoto[]>([]);

  const onFinish = async (v: Values) => {
    if (!compoundId) {
      setError(t('mobile.compoundRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    const where = v.withLocation ? await position() : null;
    const description = where ? `${v.description}\n${t('mobile.locationLine', { where })}` : v.description;
    const title = (v.title?.trim() || v.description.trim().split('\n')[0] || '').slice(0, 40);
    const input: NewOrderInput = {
      channel: me.role === 'resident' ? 'resident' : 'grid_patrol',
      categoryId: v.categoryId,
      title: title.length >= 2 ? title : `${title}${t('mobile.untitled')}`,
      description,
      compoundId,
    };
    const key = newIdempotencyKey();
    try {
      if (!navigator.onLine) throw new TypeError('offline');
      const attachmentIds = await uploadPhotos(photos, 'request');
      const order = await createOrder({ ...input, attachmentIds }, key);
      await qc.invalidateQueries({ queryKey: workbenchKey });
      await qc.invalidateQueries({ queryKey: orderKeys.all });
      void message.success(t('mobile.submitted', { no: order.no }));
      void navigate(`/m/orders/${encodeURIComponent(order.id)}`);
    } catch (e) {
      if (e instanceof TypeError || isOffline(e)) {
        const kept = await Promise.all(photos.map((p) => blobToDataUrl(p.blob)));
        const whole = saveDraft({ key, savedAt: new Date().toISOString(), input, photos: kept });
        refresh();
        void message.info(t(whole ? 'mobile.savedAsDraft' : 'mobile.savedWithoutPhotos'));
        void navigate('/m/');
      } else setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="m-new-request">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {me.role === 'resident' ? t('mobile.tabs.newRequest') : t('mobile.tabs.newOrder')}
      </Typography.Title>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => void onFinish(v)} requiredMark={false}>
        <Form.Item
          name="categoryId"
          label={t('mobile.category')}
          rules={[{ required: true, message: t('mobile.categoryRequired') }]}
        >
          <Select
            size="large"
            data-testid="m-category"
            loading={categories.isPending}
            options={(categories.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.Item label={t('mobile.compound')} required>
          {ownCompound ? (
            <Input size="large" value={ownCompound.name} disabled data-testid="m-compound" />
          ) : (
            <CompoundPicker
              value={compoundId}
              onChange={(id) => setCompoundId(id)}
              testId="m-compound-picker"
              width={340}
            />
          )}
        </Form.Item>
        <Form.Item
          name="description"
          label={t('mobile.description')}
          rules={[{ required: true, whitespace: true, message: t('mobile.descriptionRequired') }]}
        >
          <Input.TextArea
            rows={5}
            maxLength={2000}
            showCount
            placeholder={t('mobile.descriptionHint')}
            data-testid="m-description"
          />
        </Form.Item>
        <Form.Item name="title" label={t('mobile.titleOptional')}>
          <Input maxLength={80} data-testid="m-title" />
        </Form.Item>
        <Form.Item label={t('mobile.photos')}>
          <MobilePhotos value={photos} onChange={setPhotos} />
        </Form.Item>
        <Form.Item name="withLocation" valuePropName="checked">
          <Checkbox data-testid="m-with-location">{t('mobile.withLocation')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="m-submit">
          {t('mobile.submit')}
        </Button>
      </Form>
    </div>
  );
}

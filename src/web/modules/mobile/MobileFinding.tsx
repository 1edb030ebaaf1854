import { useMemo, useState } from 'react';
import { Alert, Button, Checkbox, Form, Input, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import { useBuildings } from '../org/org.api';
import { newIdempotencyKey, useCategories } from '../work-orders/work-orders.api';
import { useAddFinding, type Finding, type PatrolDetail } from '../patrols/patrols.api';
import { devicePosition } from './location';
import { MobilePhotos } from './MobilePhotos';
import { uploadPhotos, type PendingPhoto } from './photos';

interface Values {
  compoundId: string;
  buildingId?: string;
  categoryId: string;
  description: string;
  outcome: 'resolved' | 'order';
  resolution?: string;
  withLocation?: boolean;
}

/**
 * 记录发现: category, building, what he sees, up to 9 photos (camera, compressed on the phone) and what became
 * of it — put right on the spot, or a work order raised in the same step. One key per form: a retry after a lost
 * answer gets the same finding and order back.
 */
export function MobileFinding({ patrol, onDone }: { patrol: PatrolDetail; onDone: (f: Finding) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const categories = useCategories();
  const compoundId = Form.useWatch('compoundId', form) ?? patrol.compounds[0]?.id;
  const outcome = Form.useWatch('outcome', form) ?? 'order';
  const buildings = useBuildings(compoundId);
  const add = useAddFinding(patrol.id);
  const [photos, setPhotos] = useState<PendingPhoto[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useMemo(() => newIdempotencyKey(), []);

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      // the order's photos go with the order (its readers, the department too, see them); on-the-spot ones with the patrol
      const attachmentIds = await uploadPhotos(photos, v.outcome === 'order' ? 'request' : 'patrol');
      const location = v.withLocation ? await devicePosition() : null;
      const r = await add.mutateAsync({
        key,
        body: {
          compoundId: v.compoundId,
          ...(v.buildingId ? { buildingId: v.buildingId } : {}),
          categoryId: v.categoryId,
          description: v.description,
          outcome: v.outcome,
          ...(v.outcome === 'resolved' ? { resolution: v.resolution ?? '' } : {}),
          attachmentIds,
          ...(location ? { location } : {}),
        },
      });
      onDone(r.finding);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="m-finding-form">
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ compoundId: patrol.compounds[0]?.id, outcome: 'order' }}
        onFinish={(v) => void onFinish(v)}
      >
        {patrol.compounds.length > 1 && (
          <Form.Item name="compoundId" label={t('mobile.compound')} rules={[{ required: true }]}>
            <Select size="large" options={patrol.compounds.map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
        )}
        {patrol.compounds.length <= 1 && (
          <Form.Item name="compoundId" hidden>
            <Input />
          </Form.Item>
        )}
        <Form.Item
          name="categoryId"
          label={t('mobile.category')}
          rules={[{ required: true, message: t('mobile.categoryRequired') }]}
        >
          <Select
            size="large"
            data-testid="m-finding-category"
            loading={categories.isPending}
            options={(categories.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.Item name="buildingId" label={t('patrols.building')}>
          <Select
            size="large"
            allowClear
            data-testid="m-finding-building"
            loading={buildings.isPending}
            options={(buildings.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('patrols.finding')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('patrols.findingRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount data-testid="m-finding-description" />
        </Form.Item>
        <Form.Item label={t('mobile.photos')}>
          <MobilePhotos value={photos} onChange={setPhotos} testId="m-finding-photos" />
        </Form.Item>
        <Form.Item name="outcome" label={t('patrols.outcome')}>
          <Radio.Group data-testid="m-finding-outcome" style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            <Radio value="order" data-testid="m-outcome-order">
              {t('patrols.outcomes.order')}
            </Radio>
            <Radio value="resolved" data-testid="m-outcome-resolved">
              {t('patrols.outcomes.resolved')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        {outcome === 'resolved' && (
          <Form.Item
            name="resolution"
            label={t('patrols.resolution')}
            rules={[{ required: true, whitespace: true, message: t('patrols.resolutionRequired') }]}
          >
            <Input.TextArea rows={2} maxLength={500} data-testid="m-finding-resolution" />
          </Form.Item>
        )}
        <Form.Item name="withLocation" valuePropName="checked">
          <Checkbox>{t('patrols.withLocation')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="m-finding-save">
          {outcome === 'order' ? t('patrols.saveAsOrder') : t('patrols.saveResolved')}
        </Button>
      </Form>
    </div>
  );
}

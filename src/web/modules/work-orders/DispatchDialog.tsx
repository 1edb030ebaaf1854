import { useEffect, useMemo, useState } from 'react';
import { Alert, Checkbox, Input, Modal, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HandlerKind } from '../../../shared/work-orders.schema';
import { okProps } from './OrderDialogs';
import { useCategories, useWorkUnits } from './work-orders.api';
import { useDispatchSuggestion } from '../catalogue/catalogue.api';

const OWN_KINDS: HandlerKind[] = ['community', 'property', 'owners_committee'];

export interface DispatchValue {
  legs: { handlerKind: HandlerKind; workUnitId?: string }[];
  note?: string;
}

/** 派单: several handlers at once — the community itself, property company, owners' committee and any functional departments. */
export function DispatchDialog({
  open,
  categoryName,
  orderId,
  loading,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  categoryName: string;
  orderId: string;
  loading: boolean;
  onCancel: () => void;
  onSubmit: (v: DispatchValue) => void;
}) {
  const { t } = useTranslation();
  const units = useWorkUnits(open);
  const categories = useCategories();
  const [kinds, setKinds] = useState<HandlerKind[]>([]);
  const [departments, setDepartments] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);

  // 派单目录 first: the units of the version in force; else the category's default handler.
  const fromCatalogue = useDispatchSuggestion(orderId, open);
  const catalogue = fromCatalogue.data?.suggestion ?? null;
  const suggestion = useMemo(
    () => categories.data?.find((c) => c.name === categoryName),
    [categories.data, categoryName],
  );
  useEffect(() => {
    if (!open || fromCatalogue.isPending) return;
    setError(null);
    setNote('');
    if (catalogue) {
      setKinds(catalogue.handlers.filter((h) => h.handlerKind !== 'department').map((h) => h.handlerKind));
      setDepartments(
        catalogue.handlers.flatMap((h) => (h.handlerKind === 'department' && h.workUnitId ? [h.workUnitId] : [])),
      );
    } else if (suggestion?.defaultHandler === 'department') {
      setKinds([]);
      setDepartments(suggestion.defaultWorkUnitId ? [suggestion.defaultWorkUnitId] : []);
    } else {
      setKinds(suggestion ? [suggestion.defaultHandler] : []);
      setDepartments([]);
    }
  }, [open, suggestion, catalogue, fromCatalogue.isPending]);

  const submit = () => {
    const legs = [
      ...kinds.map((k) => ({ handlerKind: k })),
      ...departments.map((id) => ({ handlerKind: 'department' as const, workUnitId: id })),
    ];
    if (legs.length === 0) {
      setError(t('orders.dialogs.pickOne'));
      return;
    }
    onSubmit({ legs, note: note.trim() || undefined });
  };

  return (
    <Modal
      open={open}
      title={t('orders.dialogs.dispatchTitle')}
      onCancel={onCancel}
      onOk={submit}
      okText={t('orders.actions.dispatch')}
      okButtonProps={okProps('dispatch-submit', loading)}
      width={620}
      destroyOnHidden
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="dispatch-dialog">
        <Typography.Text type="secondary">{t('orders.dialogs.dispatchHint')}</Typography.Text>
        {catalogue && (
          <Alert
            type="info"
            showIcon
            data-testid="dispatch-suggestion"
            title={t('catalogue.suggested', {
              date: catalogue.effectiveFrom,
              units: catalogue.handlerNames.join('、'),
            })}
          />
        )}
        <div>
          <Typography.Text strong>{t('orders.dialogs.dispatchHandlers')}</Typography.Text>
          <div style={{ marginTop: 8 }}>
            <Checkbox.Group
              data-testid="dispatch-kinds"
              value={kinds}
              onChange={(v) => {
                setKinds(v as HandlerKind[]);
                setError(null);
              }}
              options={OWN_KINDS.map((k) => ({
                value: k,
                label: <span data-testid={`dispatch-kind-${k}`}>{t(`orders.handlers.${k}`)}</span>,
              }))}
            />
          </div>
        </div>
        <div>
          <Typography.Text strong>{t('orders.dialogs.departments')}</Typography.Text>
          <Select
            mode="multiple"
            allowClear
            data-testid="dispatch-departments"
            style={{ width: '100%', marginTop: 8 }}
            placeholder={t('orders.dialogs.departmentsPlaceholder')}
            loading={units.isPending && open}
            value={departments}
            onChange={(v: string[]) => {
              setDepartments(v);
              setError(null);
            }}
            showSearch={{ optionFilterProp: 'label' }}
            options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
        </div>
        <Input.TextArea
          rows={2}
          maxLength={500}
          placeholder={t('orders.dialogs.note')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          data-testid="dispatch-note"
        />
        {error && <Alert type="error" showIcon title={error} />}
      </Space>
    </Modal>
  );
}

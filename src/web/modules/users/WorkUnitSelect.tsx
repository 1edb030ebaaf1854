import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan } from '../auth/useCurrentUser';
import { useWorkUnits } from './users.api';

/** Department / in-service unit the account belongs to (users.work_unit_id). */
export function WorkUnitSelect({
  value,
  onChange,
  testId,
  valueName,
}: {
  value?: string | null;
  onChange?: (id: string | null) => void;
  testId?: string;
  valueName?: string | null;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const units = useWorkUnits(can('orders.read'));
  const options = (units.data ?? []).map((u) => ({ value: u.id, label: u.name }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: valueName ?? value });
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      data-testid={testId}
      style={{ width: '100%' }}
      value={value ?? undefined}
      placeholder={t('users.pickWorkUnit')}
      loading={units.isFetching}
      options={options}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
    />
  );
}

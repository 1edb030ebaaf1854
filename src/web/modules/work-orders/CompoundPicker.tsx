import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { orgKeys } from '../org/org.api';
import { searchCompounds } from './work-orders.api';

/** Searchable compound select (GET /api/org-units?kind=compound&q=); keeps the chosen compound's name for display. */
export function CompoundPicker({
  value,
  valueName,
  onChange,
  testId,
  width = 280,
}: {
  value: string | undefined;
  valueName?: string;
  onChange: (id: string | undefined, name: string | undefined) => void;
  testId?: string;
  width?: number;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useQuery({ queryKey: orgKeys.search(q, 'compound'), queryFn: () => searchCompounds(q) });
  const options = useMemo(() => {
    const list = (found.data ?? []).map((u) => ({ value: u.id, label: u.name }));
    if (value && !list.some((o) => o.value === value)) list.unshift({ value, label: valueName ?? value });
    return list;
  }, [found.data, value, valueName]);
  return (
    <Select
      allowClear
      data-testid={testId}
      style={{ width, maxWidth: '100%' }}
      value={value}
      placeholder={t('meetings.pickCompound')}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={found.isFetching}
      options={options}
      onChange={(v: string | undefined, opt) => {
        const label = opt && !Array.isArray(opt) ? String(opt.label) : undefined;
        onChange(v, label);
      }}
    />
  );
}

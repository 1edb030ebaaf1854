import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgKind } from '../../lib/types';
import { searchBindableUnits } from './users.api';

/**
 * Searchable org-unit select (GET /api/org-units?q=, the caller's subtree) limited to the kinds a role
 * is bound to; keeps the chosen unit's name for display.
 */
export function UnitPicker({
  value,
  valueName,
  kinds,
  onChange,
  testId,
}: {
  value?: string;
  valueName?: string;
  kinds: readonly OrgKind[];
  onChange?: (id: string | undefined) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['users', 'units', kinds.join(','), q],
    queryFn: () => searchBindableUnits(q, kinds),
    enabled: kinds.length > 0,
  });
  const options = useMemo(() => {
    const list = (found.data ?? []).map((u) => ({
      value: u.id,
      label: t('users.unitWithKind', { name: u.name, kind: t(`orgKind.${u.kind}`) }),
    }));
    if (value && !list.some((o) => o.value === value)) list.unshift({ value, label: valueName ?? value });
    return list;
  }, [found.data, kinds, value, valueName, t]);
  return (
    <Select
      allowClear
      data-testid={testId}
      style={{ width: '100%' }}
      value={value}
      disabled={kinds.length === 0}
      placeholder={
        kinds.length === 0
          ? t('users.pickRoleFirst')
          : t('users.pickUnit', { kinds: kinds.map((k) => t(`orgKind.${k}`)).join(' / ') })
      }
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={found.isFetching}
      options={options}
      notFoundContent={t('users.noUnitFound')}
      onChange={(v: string | undefined) => onChange?.(v)}
    />
  );
}

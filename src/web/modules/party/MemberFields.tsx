import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import { BranchPicker } from '../party-life/BranchPicker';
import { usePeopleSearch } from '../people/people.api';

/** A resident of the caller's area, searched by name, pinyin or ID number (the registry's own search, masked). */
export function PersonSelect({
  value,
  onChange,
  testId,
}: {
  value?: string;
  onChange?: (id: string) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const people = usePeopleSearch({ q, tag: undefined }, q.trim().length > 0);
  const found = people.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Select
      showSearch
      value={value}
      onChange={onChange}
      filterOption={false}
      onSearch={setQ}
      placeholder={t('partyMembers.personHint')}
      loading={people.isFetching}
      notFoundContent={null}
      options={found.map((p) => ({
        value: p.id,
        label: [p.name, `${p.age}`, p.idMasked, p.compoundName].filter(Boolean).join(' · '),
      }))}
      data-testid={testId}
    />
  );
}

/** The branch (in the caller's part of the party tree) as a form field. */
export function BranchField({ onChange }: { value?: string; onChange?: (id: string | undefined) => void }) {
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  }, [onChange]);
  const pick = useCallback((id: string | undefined) => latest.current?.(id), []);
  return <BranchPicker onChange={pick} />;
}

/** The server's refusal, in the dialog (not only a toast): what to fix is in the message. */
export function ServerError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} data-testid="server-error" />
  );
}

import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Descriptions, Result, Skeleton, Space, Table, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { UnitName } from '../org/UnitName';
import { ApiError, errorMessage } from '../../lib/api';
import { dash } from '../../lib/format';
import type { PersonSummary } from '../../lib/types';
import { revealIdentity, usePerson } from './people.api';
import { PersonTags } from './PersonTags';

const RELATIONS = ['head', 'spouse', 'child', 'parent', 'grandchild', 'sibling', 'other'] as const;
type Relation = (typeof RELATIONS)[number];
function isRelation(v: string): v is Relation {
  return (RELATIONS as readonly string[]).includes(v);
}

interface Props {
  id: string;
  onOpenPerson: (id: string) => void;
}

/** Everything about one resident; a 403 from the server is shown as it comes, in a Result. */
export function PersonDetailPanel({ id, onOpenPerson }: Props) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const person = usePerson(id);
  const [fullId, setFullId] = useState<string | null>(null);
  const reveal = useMutation({
    mutationFn: () => revealIdentity(id),
    onSuccess: (r) => setFullId(r.idNumber),
    onError: (e) => void message.error(errorMessage(e)),
  });

  if (person.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (person.isError) {
    const e = person.error;
    if (e instanceof ApiError && e.status === 403) {
      return (
        <Result status="403" title={t('people.forbiddenTitle')} subTitle={e.message} data-testid="forbidden-result" />
      );
    }
    if (e instanceof ApiError && e.status === 404) {
      return <Result status="404" title="404" subTitle={e.message} data-testid="person-not-found" />;
    }
    return (
      <Result
        status="error"
        title={errorMessage(e)}
        extra={<Button onClick={() => void person.refetch()}>{t('app.retry')}</Button>}
      />
    );
  }

  const { person: p, household, can } = person.data;
  const gender = p.gender === 'M' ? t('people.male') : t('people.female');
  const relation = p.relation ? (isRelation(p.relation) ? t(`people.relations.${p.relation}`) : p.relation) : '—';
  const address = [p.compoundName, p.buildingName, p.unit ? `${p.unit}` : null, p.room].filter(Boolean).join(' · ');

  return (
    <div data-testid="person-detail">
      <Descriptions
        column={1}
        size="small"
        bordered
        styles={{ label: { width: 120 } }}
        items={[
          { key: 'name', label: t('people.name'), children: <strong data-testid="person-name">{p.name}</strong> },
          { key: 'gender', label: t('people.gender'), children: gender },
          { key: 'age', label: t('people.age'), children: p.age },
          { key: 'birth', label: t('people.birthDate'), children: dash(p.birthDate) },
          {
            key: 'id',
            label: t('people.idMasked'),
            children: (
              <Space orientation="vertical" size={4}>
                <Typography.Text code data-testid="person-id-masked">
                  {p.idMasked}
                </Typography.Text>
                {fullId && (
                  <Typography.Text copyable strong data-testid="person-id-full">
                    {fullId}
                  </Typography.Text>
                )}
                {can.revealIdentity && !fullId && (
                  <Button
                    size="small"
                    icon={<EyeOutlined />}
                    loading={reveal.isPending}
                    onClick={() => reveal.mutate()}
                    data-testid="reveal-identity"
                  >
                    {t('people.revealIdentity')}
                  </Button>
                )}
              </Space>
            ),
          },
          { key: 'phone', label: t('people.phone'), children: dash(p.phoneMasked) },
          { key: 'tags', label: t('people.tags'), children: p.tags.length ? <PersonTags tags={p.tags} /> : '—' },
          { key: 'relation', label: t('people.relation'), children: relation },
          { key: 'address', label: t('people.address'), children: address || '—' },
          { key: 'orgPath', label: t('people.orgPath'), children: <UnitName idOrPath={p.orgPath} /> },
          { key: 'work', label: t('people.workUnit'), children: dash(p.workUnitName) },
        ]}
      />
      {can.revealIdentity && <Alert type="info" showIcon title={t('people.revealNote')} style={{ marginTop: 8 }} />}
      <Typography.Title level={5} style={{ marginTop: 20 }}>
        {t('people.household')}
      </Typography.Title>
      <Table<PersonSummary>
        size="small"
        rowKey="id"
        data-testid="household-table"
        pagination={false}
        dataSource={household}
        onRow={(r) => ({
          onClick: () => r.id !== p.id && onOpenPerson(r.id),
          style: { cursor: r.id === p.id ? 'default' : 'pointer' },
        })}
        rowClassName={(r) => (r.id === p.id ? 'ant-table-row-selected' : '')}
        columns={[
          { title: t('people.name'), dataIndex: 'name' },
          {
            title: t('people.gender'),
            dataIndex: 'gender',
            render: (g: string) => (g === 'M' ? t('people.male') : t('people.female')),
          },
          { title: t('people.age'), dataIndex: 'age' },
          { title: t('people.idMasked'), dataIndex: 'idMasked' },
          { title: t('people.tags'), dataIndex: 'tags', render: (tags: string[]) => <PersonTags tags={tags} /> },
        ]}
      />
    </div>
  );
}

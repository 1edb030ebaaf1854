import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Drawer, Empty, Input, Select, Space, Typography, type TableColumnsType } from 'antd';
import { ResponsiveTable } from '../../app/ResponsiveTable';
import { SearchOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { errorMessage } from '../../lib/api';
import { PERSON_TAGS, type PersonSummary } from '../../lib/types';
import { usePeopleSearch } from './people.api';
import { PersonDetailPanel } from './PersonDetailPanel';
import { PersonTags, useTagLabel } from './PersonTags';
import { LedgerPanel } from './LedgerPanel';
import { useCurrentUser } from '../auth/useCurrentUser';

/** People search; /people/:id opens the detail drawer directly (search state stays in the query string). */
export default function PeoplePage() {
  const { t } = useTranslation();
  const tagLabel = useTagLabel();
  const navigate = useNavigate();
  const { id } = useParams();
  const [params] = useSearchParams();
  const q = params.get('q') ?? '';
  const tag = params.get('tag') ?? undefined;
  const searched = params.has('q') || !!tag;
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);

  const search = usePeopleSearch({ q, tag }, searched);
  const me = useCurrentUser();
  const [ledgerOpen, setLedgerOpen] = useState(false);
  const rows = useMemo(() => search.data?.pages.flatMap((p) => p.items) ?? [], [search.data]);
  const qs = params.toString();

  const submit = (value: string, nextTag = tag) => {
    const next = new URLSearchParams();
    next.set('q', value.trim());
    if (nextTag) next.set('tag', nextTag);
    void navigate(`/people?${next.toString()}`);
  };
  const openPerson = (pid: string) => void navigate(`/people/${encodeURIComponent(pid)}${qs ? `?${qs}` : ''}`);
  const closeDrawer = () => void navigate(`/people${qs ? `?${qs}` : ''}`);

  const columns: TableColumnsType<PersonSummary> = [
    { title: t('people.name'), dataIndex: 'name', render: (v: string) => <Typography.Link>{v}</Typography.Link> },
    {
      title: t('people.gender'),
      dataIndex: 'gender',
      width: 70,
      render: (g: string) => (g === 'M' ? t('people.male') : t('people.female')),
    },
    { title: t('people.age'), dataIndex: 'age', width: 70 },
    {
      title: t('people.idMasked'),
      dataIndex: 'idMasked',
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    { title: t('people.tags'), dataIndex: 'tags', render: (tags: string[]) => <PersonTags tags={tags} /> },
    { title: t('people.compound'), dataIndex: 'compoundName', render: (v: string | null) => v ?? '—' },
    { title: t('people.building'), dataIndex: 'buildingName', render: (v: string | null) => v ?? '—' },
    { title: t('people.unit'), dataIndex: 'unit', width: 70, render: (v: string | null) => v ?? '—' },
    { title: t('people.room'), dataIndex: 'room', width: 80, render: (v: string | null) => v ?? '—' },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('people.title')}
      </Typography.Title>
      <Card size="small">
        <Space wrap style={{ width: '100%' }}>
          <Input
            allowClear
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onPressEnter={() => submit(draft)}
            placeholder={t('people.searchPlaceholder')}
            prefix={<SearchOutlined />}
            style={{ width: 'min(420px, calc(100vw - 64px))' }}
            data-testid="people-search-input"
            maxLength={40}
          />
          <Select
            allowClear
            placeholder={t('people.tagPlaceholder')}
            value={tag}
            onChange={(v: string | undefined) => submit(draft, v)}
            style={{ width: 200 }}
            data-testid="people-tag-select"
            options={PERSON_TAGS.map((v) => ({ value: v, label: tagLabel(v) }))}
          />
          <Button
            type="primary"
            icon={<SearchOutlined />}
            onClick={() => submit(draft)}
            data-testid="people-search-submit"
          >
            {t('common.search')}
          </Button>
          {me.abilities.includes('people.write') && (
            <Button icon={<UploadOutlined />} onClick={() => setLedgerOpen(true)} data-testid="ledger-open">
              {t('ledger.open')}
            </Button>
          )}
        </Space>
      </Card>
      <Drawer open={ledgerOpen} onClose={() => setLedgerOpen(false)} title={t('ledger.title')} size={640}>
        <LedgerPanel />
      </Drawer>
      {search.isError && (
        <Alert type="error" showIcon title={errorMessage(search.error)} data-testid="people-search-error" />
      )}
      <Card size="small">
        <ResponsiveTable<PersonSummary>
          data-testid="people-table"
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={rows}
          loading={search.isFetching && !search.isFetchingNextPage}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{
            emptyText: searched ? (
              <Empty description={t('common.noData')} />
            ) : (
              <Empty description={t('people.emptyHint')} />
            ),
          }}
          onRow={(r) => ({ onClick: () => openPerson(r.id), style: { cursor: 'pointer' } })}
        />
        {search.hasNextPage && (
          <div style={{ textAlign: 'center', marginTop: 12 }}>
            <Button
              loading={search.isFetchingNextPage}
              onClick={() => void search.fetchNextPage()}
              data-testid="people-load-more"
            >
              {t('common.loadMore')}
            </Button>
          </div>
        )}
      </Card>
      <Drawer open={!!id} onClose={closeDrawer} title={t('people.detail')} size={640} destroyOnHidden>
        {id && <PersonDetailPanel key={id} id={id} onOpenPerson={openPerson} />}
      </Drawer>
    </Space>
  );
}

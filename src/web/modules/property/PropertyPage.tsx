import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Drawer,
  Input,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import { dash } from '../../lib/format';
import { useCan, useCurrentUser } from '../auth/useCurrentUser';
import { orgKeys, searchUnits } from '../org/org.api';
import { CompanyFormModal } from './CompanyFormModal';
import { CompoundContractPanel, ContractTag } from './CompoundContractPanel';
import { PublicationsPanel } from './PublicationsPanel';
import { RenovationsPanel, RenovationsView } from './RenovationsPanel';
import { useCompanies, useCompany, useUnmanaged, type Company, type Contract, type Unmanaged } from './property.api';

/** 物业: the register of property companies, each compound's company and its history, and 管理悬空. */
export default function PropertyPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const isCompany = me.role === 'property_company';
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {isCompany ? t('propertyCo.myTitle') : t('propertyCo.title')}
      </Typography.Title>
      {isCompany ? (
        <MyCompany />
      ) : (
        <Tabs
          items={[
            { key: 'companies', label: t('propertyCo.companies'), children: <Companies /> },
            { key: 'compound', label: t('propertyCo.compoundTab'), children: <CompoundLookup /> },
            { key: 'unmanaged', label: t('propertyCo.unmanaged'), children: <UnmanagedView /> },
            { key: 'renovations', label: t('renovation.title'), children: <RenovationsView /> },
          ]}
        />
      )}
    </Space>
  );
}

function ContractsTable({ rows }: { rows: Contract[] }) {
  const { t } = useTranslation();
  return (
    <Table<Contract>
      rowKey="id"
      size="small"
      scroll={{ x: 640 }}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      dataSource={rows}
      columns={[
        { title: t('propertyCo.compound'), dataIndex: 'compoundName' },
        { title: t('propertyCo.community'), dataIndex: 'communityName' },
        { title: t('propertyCo.period'), render: (_v, c) => `${c.startsOn} ~ ${c.endedOn ?? dash(c.endsOn)}` },
        { title: t('propertyCo.fee'), dataIndex: 'feeStandard' },
        { title: t('propertyCo.status'), render: (_v, c) => <ContractTag c={c} /> },
      ]}
    />
  );
}

/** A property company's own page: its register entry and the compounds it serves (its legs are under 工单). */
function MyCompany() {
  const { t } = useTranslation();
  const list = useCompanies();
  const mine = list.data?.items[0];
  const detail = useCompany(mine?.id);
  if (list.error) return <Alert type="error" message={errorMessage(list.error)} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card loading={!mine} data-testid="my-company">
        {mine && (
          <Row gutter={[16, 16]}>
            <Col xs={24} md={12}>
              <Statistic title={mine.name} value={mine.activeCompounds} suffix={t('propertyCo.compoundsUnit')} />
            </Col>
            <Col xs={24} md={12}>
              <Typography.Text type="secondary">{t('propertyCo.creditCode')}</Typography.Text>
              <div>{mine.creditCode}</div>
              <Typography.Text type="secondary">{t('propertyCo.qualification')}</Typography.Text>
              <div>{t(`propertyCo.qualifications.${mine.qualification}`)}</div>
            </Col>
          </Row>
        )}
      </Card>
      <Alert type="info" showIcon message={t('propertyCo.myHint')} />
      <Card title={t('propertyCo.myCompounds')} size="small">
        <ContractsTable rows={detail.data?.contracts ?? []} />
      </Card>
      <MyPublications contracts={(detail.data?.contracts ?? []).filter((c) => c.status === 'active')} />
    </Space>
  );
}

/** The company's notices, one compound at a time (it enters them; the branch publishes). */
function MyPublications({ contracts }: { contracts: Contract[] }) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<string>();
  const compoundId = picked ?? contracts[0]?.compoundId;
  if (!compoundId) return null;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Select
        showSearch
        optionFilterProp="label"
        value={compoundId}
        onChange={setPicked}
        placeholder={t('propertyCo.pickCompound')}
        style={{ width: '100%', maxWidth: 420 }}
        data-testid="my-compound-pick"
        options={contracts.map((c) => ({ value: c.compoundId, label: c.compoundName }))}
      />
      <PublicationsPanel compoundId={compoundId} />
    </Space>
  );
}

function Companies() {
  const { t } = useTranslation();
  const can = useCan();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const [selected, setSelected] = useState<string>();
  const list = useCompanies(q);
  const detail = useCompany(selected);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Input.Search allowClear placeholder={t('propertyCo.search')} onSearch={setQ} style={{ width: 260 }} />
        {can('property.manage') && (
          <Button type="primary" data-testid="company-register" onClick={() => setOpen(true)}>
            {t('propertyCo.register')}
          </Button>
        )}
      </Space>
      {list.error && <Alert type="error" message={errorMessage(list.error)} />}
      <Table<Company>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        scroll={{ x: 720 }}
        dataSource={list.data?.items ?? []}
        onRow={(c) => ({ onClick: () => setSelected(c.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('propertyCo.name'), dataIndex: 'name' },
          { title: t('propertyCo.creditCode'), dataIndex: 'creditCode' },
          {
            title: t('propertyCo.qualification'),
            dataIndex: 'qualification',
            render: (v: Company['qualification']) => t(`propertyCo.qualifications.${v}`),
          },
          { title: t('propertyCo.activeCompounds'), dataIndex: 'activeCompounds' },
          { title: t('propertyCo.contactName'), dataIndex: 'contactName', render: (v: string | null) => dash(v) },
          { title: t('propertyCo.contactPhone'), dataIndex: 'contactPhone', render: (v: string | null) => dash(v) },
        ]}
      />
      <CompanyFormModal open={open} onClose={() => setOpen(false)} />
      <Drawer
        open={!!selected}
        onClose={() => setSelected(undefined)}
        width={Math.min(820, window.innerWidth)}
        title={detail.data?.company.name}
      >
        <ContractsTable rows={detail.data?.contracts ?? []} />
      </Drawer>
    </Space>
  );
}

function CompoundLookup() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [compoundId, setCompoundId] = useState<string>();
  const found = useQuery({ queryKey: orgKeys.search(q, 'compound'), queryFn: () => searchUnits(q, 'compound') });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Select
        showSearch
        filterOption={false}
        onSearch={setQ}
        value={compoundId}
        onChange={setCompoundId}
        placeholder={t('propertyCo.pickCompound')}
        style={{ width: '100%', maxWidth: 420 }}
        data-testid="compound-pick"
        options={(found.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
      />
      {compoundId && <CompoundContractPanel compoundId={compoundId} />}
      {compoundId && <RenovationsPanel compoundId={compoundId} />}
      {compoundId && <PublicationsPanel compoundId={compoundId} />}
    </Space>
  );
}

function UnmanagedView() {
  const { t } = useTranslation();
  const q = useUnmanaged();
  if (q.error) return <Alert type="error" message={errorMessage(q.error)} />;
  const d = q.data;
  type Item = Unmanaged['items'][number];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card size="small" loading={!d}>
            <Statistic title={t('propertyCo.unmanagedCount')} value={d?.total ?? 0} valueStyle={{ color: '#cf1322' }} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small" loading={!d}>
            <Statistic
              title={t('propertyCo.managedShare')}
              value={d && d.compounds ? (((d.compounds - d.total) / d.compounds) * 100).toFixed(1) : '-'}
              suffix="%"
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('propertyCo.byStreet')}>
        <Table
          rowKey="streetId"
          size="small"
          pagination={false}
          dataSource={d?.byStreet ?? []}
          columns={[
            { title: t('propertyCo.street'), dataIndex: 'streetName' },
            { title: t('propertyCo.unmanagedCount'), dataIndex: 'count' },
            { title: t('propertyCo.oldOfThem'), dataIndex: 'old' },
          ]}
        />
      </Card>
      <Table<Item>
        rowKey="compoundId"
        size="small"
        scroll={{ x: 640 }}
        dataSource={d?.items ?? []}
        columns={[
          { title: t('propertyCo.compound'), dataIndex: 'name' },
          { title: t('propertyCo.community'), dataIndex: 'communityName' },
          { title: t('propertyCo.street'), dataIndex: 'streetName' },
          {
            title: t('propertyCo.old'),
            dataIndex: 'isOld',
            render: (v: boolean | null) => (v ? <Tag>{t('propertyCo.old')}</Tag> : ''),
          },
          {
            title: t('propertyCo.lastCompany'),
            render: (_v, r) => (r.lastCompanyName ? `${r.lastCompanyName}（${r.lastEndedOn ?? ''}）` : '—'),
          },
        ]}
      />
    </Space>
  );
}

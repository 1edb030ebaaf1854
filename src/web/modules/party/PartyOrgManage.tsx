import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, Card, Checkbox, Form, Input, List, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { errorMessage } from '../../lib/api';
import type { PartyOrg } from '../../lib/types';
import { PARTY_GRADES } from '../../../shared/party.constants';
import { searchUnits, useBuildings } from '../org/org.api';
import {
  useBuildingHouseholds,
  useCentrals,
  useCreateGroup,
  useDesignateCentral,
  useEndPost,
  useMembers,
  useOrgAdmin,
  useOrgChange,
  usePartyKids,
} from './party-org.api';

/** 党务 management of one organisation: posts, attach / re-attach, split, merge, upgrade, groups, central households, history. */
export function PartyOrgManage({ org }: { org: PartyOrg }) {
  const { t } = useTranslation();
  const admin = useOrgAdmin(org.id);
  const isBranch = org.kind === 'compound_branch';
  const isCommunity = org.kind === 'community_committee';
  const items = [
    { key: 'posts', label: t('partyOrg.tabs.posts'), children: <PostsTab orgId={org.id} /> },
    ...(isBranch
      ? [
          { key: 'change', label: t('partyOrg.tabs.change'), children: <ChangeTab org={org} /> },
          { key: 'groups', label: t('partyOrg.tabs.groups'), children: <GroupTab org={org} /> },
        ]
      : []),
    ...(isBranch || org.kind === 'building_group'
      ? [{ key: 'central', label: t('partyOrg.tabs.central'), children: <CentralTab org={org} /> }]
      : []),
    ...(isCommunity ? [{ key: 'upgrade', label: t('partyOrg.tabs.upgrade'), children: <UpgradeTab org={org} /> }] : []),
    {
      key: 'history',
      label: t('partyOrg.tabs.history'),
      children: (
        <List
          size="small"
          data-testid="party-history"
          dataSource={admin.data?.history ?? []}
          renderItem={(e) => (
            <List.Item>
              <Space wrap>
                <Typography.Text type="secondary">{e.happenedOn}</Typography.Text>
                <Tag>{t(`partyOrg.events.${e.kind}`)}</Tag>
              </Space>
            </List.Item>
          )}
        />
      ),
    },
  ];
  return (
    <Card size="small" title={t('partyOrg.manage')} data-testid="party-manage" style={{ marginTop: 16 }}>
      {admin.data?.org.instructorName && (
        <Typography.Paragraph>
          {t('partyOrg.instructor')}: {admin.data.org.instructorName}
        </Typography.Paragraph>
      )}
      <Tabs size="small" items={items} />
    </Card>
  );
}

function useReport() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return {
    ok: () => void message.success(t('partyOrg.saved')),
    fail: (e: unknown) => void message.error(errorMessage(e)),
  };
}

function PostsTab({ orgId }: { orgId: string }) {
  const { t } = useTranslation();
  const admin = useOrgAdmin(orgId);
  const end = useEndPost();
  const r = useReport();
  return (
    <Table
      size="small"
      rowKey="id"
      scroll={{ x: 'max-content' }}
      pagination={false}
      dataSource={(admin.data?.posts ?? []).filter((p) => p.status === 'active')}
      columns={[
        { key: 'name', dataIndex: 'name', title: t('partyOrg.name') },
        {
          key: 'role',
          dataIndex: 'role',
          title: t('partyOrg.role'),
          render: (v: string) => t(`partyOrg.roles.${v}` as 'partyOrg.roles.secretary'),
        },
        {
          key: 'source',
          dataIndex: 'source',
          title: t('partyAdmin.source'),
          render: (v: string) => t(`partyAdmin.sources.${v}` as 'partyAdmin.sources.elected'),
        },
        { key: 'unit', dataIndex: 'sourceUnit', title: t('partyAdmin.sourceUnit') },
        { key: 'term', dataIndex: 'termStart', title: t('partyAdmin.termStart') },
        {
          key: 'act',
          title: '',
          render: (_: unknown, p: { id: string; version: number }) => (
            <Button size="small" danger onClick={() => end.mutate(p, { onSuccess: r.ok, onError: r.fail })}>
              {t('partyOrg.endPost')}
            </Button>
          ),
        },
      ]}
    />
  );
}

function CompoundSearch({ value, onChange }: { value?: string; onChange?: (v: string) => void }) {
  const [opts, setOpts] = useState<{ value: string; label: string }[]>([]);
  return (
    <Select
      showSearch
      value={value}
      onChange={onChange}
      filterOption={false}
      data-testid="party-compound-search"
      onSearch={(q) => {
        if (q.trim().length < 1) return;
        void searchUnits(q, 'compound').then((rows) => setOpts(rows.map((u) => ({ value: u.id, label: u.name }))));
      }}
      options={opts}
      style={{ minWidth: 200 }}
    />
  );
}

function ChangeTab({ org }: { org: PartyOrg }) {
  const { t } = useTranslation();
  const change = useOrgChange(org.id);
  const kids = usePartyKids(org.parentId);
  const r = useReport();
  const [merging, setMerging] = useState<string>();
  const siblings = (kids.data ?? []).filter((k) => k.id !== org.id && k.kind === 'compound_branch');
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text strong>{t('partyOrg.attach')}</Typography.Text>
      <Form
        layout="inline"
        data-testid="party-attach-form"
        onFinish={(v: { compoundId: string; move?: boolean }) =>
          change.mutate(
            { op: 'compounds', body: { compoundId: v.compoundId, move: !!v.move } },
            { onSuccess: r.ok, onError: r.fail },
          )
        }
      >
        <Form.Item name="compoundId" rules={[{ required: true }]}>
          <CompoundSearch />
        </Form.Item>
        <Form.Item name="move" valuePropName="checked">
          <Checkbox>{t('partyOrg.move')}</Checkbox>
        </Form.Item>
        <Button htmlType="submit" loading={change.isPending}>
          {t('partyOrg.attachSubmit')}
        </Button>
      </Form>
      {org.compounds.length > 1 && (
        <>
          <Typography.Text strong>{t('partyOrg.split')}</Typography.Text>
          <Form
            layout="inline"
            data-testid="party-split-form"
            onFinish={(v: { compoundIds: string[]; name?: string }) =>
              change.mutate(
                { op: 'split', body: { compoundIds: v.compoundIds, name: v.name || undefined } },
                { onSuccess: r.ok, onError: r.fail },
              )
            }
          >
            <Form.Item name="compoundIds" rules={[{ required: true }]}>
              <Checkbox.Group options={org.compounds.map((c) => ({ value: c.id, label: c.name }))} />
            </Form.Item>
            <Form.Item name="name">
              <Input placeholder={t('partyAdmin.branchNameHint')} />
            </Form.Item>
            <Button htmlType="submit" loading={change.isPending} data-testid="party-split-submit">
              {t('partyOrg.splitSubmit')}
            </Button>
          </Form>
        </>
      )}
      <Typography.Text strong>{t('partyOrg.merge')}</Typography.Text>
      <Space wrap>
        <Select
          value={merging}
          onChange={setMerging}
          style={{ minWidth: 220 }}
          data-testid="party-merge-into"
          options={siblings.map((s) => ({ value: s.id, label: s.name }))}
        />
        <Button
          danger
          disabled={!merging}
          loading={change.isPending}
          onClick={() =>
            merging && change.mutate({ op: 'merge', body: { intoId: merging } }, { onSuccess: r.ok, onError: r.fail })
          }
        >
          {t('partyOrg.mergeSubmit')}
        </Button>
      </Space>
    </Space>
  );
}

function UpgradeTab({ org }: { org: PartyOrg }) {
  const { t } = useTranslation();
  const change = useOrgChange(org.id);
  const admin = useOrgAdmin(org.id);
  const r = useReport();
  const [grade, setGrade] = useState<(typeof PARTY_GRADES)[number]>();
  return (
    <Space wrap>
      <Typography.Text>
        {t('partyOrg.grade')}: {admin.data?.org.grade ? t(`partyOrg.grades.${admin.data.org.grade}`) : '—'}
      </Typography.Text>
      <Select
        value={grade}
        onChange={setGrade}
        style={{ minWidth: 140 }}
        data-testid="party-upgrade-grade"
        options={PARTY_GRADES.map((g) => ({ value: g, label: t(`partyOrg.grades.${g}`) }))}
      />
      <Button
        disabled={!grade}
        loading={change.isPending}
        onClick={() => grade && change.mutate({ op: 'upgrade', body: { grade } }, { onSuccess: r.ok, onError: r.fail })}
      >
        {t('partyOrg.upgradeSubmit')}
      </Button>
    </Space>
  );
}

function GroupTab({ org }: { org: PartyOrg }) {
  const { t } = useTranslation();
  const [compound, setCompound] = useState(org.compounds[0]?.id);
  const buildings = useBuildings(compound);
  const create = useCreateGroup(org.id);
  const r = useReport();
  return (
    <Form
      layout="inline"
      data-testid="party-group-form"
      onFinish={(v: { buildingId: string; name?: string }) =>
        create.mutate({ buildingId: v.buildingId, name: v.name || undefined }, { onSuccess: r.ok, onError: r.fail })
      }
    >
      <Form.Item>
        <Select
          value={compound}
          onChange={setCompound}
          style={{ minWidth: 160 }}
          options={org.compounds.map((c) => ({ value: c.id, label: c.name }))}
        />
      </Form.Item>
      <Form.Item name="buildingId" rules={[{ required: true }]}>
        <Select
          style={{ minWidth: 120 }}
          placeholder={t('partyOrg.building')}
          options={(buildings.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
        />
      </Form.Item>
      <Form.Item name="name">
        <Input placeholder={t('partyAdmin.branchNameHint')} />
      </Form.Item>
      <Button htmlType="submit" loading={create.isPending}>
        {t('partyOrg.groupSubmit')}
      </Button>
    </Form>
  );
}

function CentralTab({ org }: { org: PartyOrg }) {
  const { t } = useTranslation();
  const centrals = useCentrals(org.id);
  const members = useMembers({ partyOrgId: org.kind === 'building_group' ? (org.parentId ?? org.id) : org.id });
  const [compound, setCompound] = useState(org.compounds[0]?.id ?? org.orgUnitId);
  const [building, setBuilding] = useState<string>();
  const buildings = useBuildings(compound);
  const households = useBuildingHouseholds(building);
  const designate = useDesignateCentral(org.id);
  const r = useReport();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <List
        size="small"
        data-testid="party-centrals"
        dataSource={centrals.data ?? []}
        locale={{ emptyText: t('partyOrg.noCentrals') }}
        renderItem={(c) => (
          <List.Item>
            <Space orientation="vertical" size={0}>
              <Typography.Text strong>
                {c.memberName} · {c.address}
              </Typography.Text>
              <Typography.Text type="secondary">
                {t('partyOrg.serves', { n: c.served.length })}: {c.served.map((s) => s.address).join('、') || '—'}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      <Form
        layout="vertical"
        style={{ maxWidth: 520 }}
        onFinish={(v: { memberId: string; served?: string[] }) =>
          designate.mutate(
            { memberId: v.memberId, servedHouseholdIds: v.served ?? [] },
            { onSuccess: r.ok, onError: r.fail },
          )
        }
      >
        <Form.Item name="memberId" label={t('partyAdmin.member')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={(members.data?.items ?? [])
              .filter((m) => m.stage === 'full' || m.stage === 'probationary')
              .map((m) => ({ value: m.id, label: m.name }))}
          />
        </Form.Item>
        {org.compounds.length > 0 && (
          <Select
            value={compound}
            onChange={setCompound}
            style={{ minWidth: 160, marginBottom: 8 }}
            options={org.compounds.map((c) => ({ value: c.id, label: c.name }))}
          />
        )}
        <Select
          value={building}
          onChange={setBuilding}
          placeholder={t('partyOrg.building')}
          style={{ minWidth: 120, marginBottom: 8, marginInlineStart: 8 }}
          options={(buildings.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
        />
        <Form.Item name="served" label={t('partyOrg.servedHouseholds')}>
          <Select
            mode="multiple"
            options={(households.data ?? []).map((h) => ({ value: h.id, label: `${h.unit}-${h.room}` }))}
          />
        </Form.Item>
        <Button htmlType="submit" loading={designate.isPending}>
          {t('partyOrg.centralSubmit')}
        </Button>
      </Form>
    </Space>
  );
}

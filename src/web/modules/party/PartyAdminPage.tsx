import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { App, Button, Card, Checkbox, DatePicker, Form, Input, Radio, Select, Space, Statistic, Table } from 'antd';
import dayjs from 'dayjs';
import { useMe } from '../auth/auth.api';
import { useOrgChildren } from '../org/org.api';
import type { DashboardRow } from '../../../shared/party.schema';
import {
  dashboardXlsxUrl,
  useAssignPost,
  useCreateBranch,
  useFullMembers,
  usePartyDashboard,
  useVacancies,
} from './party-admin.api';
import { StationBranchCard } from './StationBranchCard';

/** 党建管理: the district's figures from the records, building a compound branch, vacancies and secretaries. */
export default function PartyAdminPage() {
  const { t } = useTranslation();
  const me = useMe();
  const dash = usePartyDashboard();
  const d = dash.data;
  const cols = useMemo(
    () =>
      (
        [
          ['name', 'unit'],
          ['branches', 'branches'],
          ['standalone', 'standalone'],
          ['attached', 'attached'],
          ['joint', 'joint'],
          ['secretaries', 'secretaries'],
          ['secretaryCoverage', 'coverage'],
          ['vacancies', 'vacancies'],
          ['secondedCity', 'secondedCity'],
          ['secondedDistrict', 'secondedDistrict'],
          ['upgradedOrgs', 'upgraded'],
          ['crossServingCompounds', 'crossServing'],
          ['activists', 'activists'],
          ['full', 'full'],
          ['demonstrationSites', 'sites'],
          ['programmeEntries', 'programmeEntries'],
        ] as const
      ).map(([key, label]) => ({
        key,
        dataIndex: key,
        title: t(`partyAdmin.col.${label}`),
        // the unit name must not wrap one character per line when the English headers widen the table
        ...(key === 'name' ? { width: 180, fixed: 'left' as const, onCell: () => ({ style: { minWidth: 180 } }) } : {}),
      })),
    [t],
  );
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={t('partyAdmin.title')}
        extra={
          <Button href={dashboardXlsxUrl()} data-testid="party-dashboard-export">
            {t('partyAdmin.export')}
          </Button>
        }
      >
        {d && (
          <Space wrap size="large" data-testid="party-dashboard-total">
            <Statistic title={t('partyAdmin.col.branches')} value={d.total.branches} />
            <Statistic title={t('partyAdmin.col.joint')} value={d.total.joint} />
            <span data-testid="party-total-joint" hidden>
              {d.total.joint}
            </span>
            <Statistic title={t('partyAdmin.col.secretaries')} value={d.total.secretaries} />
            <span data-testid="party-total-secretaries" hidden>
              {d.total.secretaries}
            </span>
            <Statistic title={t('partyAdmin.col.coverage')} value={d.total.secretaryCoverage} suffix="%" />
            <Statistic title={t('partyAdmin.col.vacancies')} value={d.total.vacancies} />
            <Statistic title={t('partyAdmin.col.seconded')} value={d.total.secondedCity + d.total.secondedDistrict} />
            <span data-testid="party-total-seconded" hidden>
              {d.total.secondedCity + d.total.secondedDistrict}
            </span>
            <Statistic title={t('partyAdmin.experience')} value={d.experienceShare} suffix="%" />
            <Statistic title={t('partyAdmin.seniorOrYoung')} value={d.seniorOrYoungShare} suffix="%" />
            <Statistic title={t('partyAdmin.col.upgraded')} value={d.total.upgradedOrgs} />
            <Statistic title={t('partyAdmin.col.sites')} value={d.total.demonstrationSites} />
            <span data-testid="party-total-sites" hidden>
              {d.total.demonstrationSites}
            </span>
            <Statistic title={t('partyAdmin.col.programmeEntries')} value={d.total.programmeEntries} />
            <span data-testid="party-total-programme-entries" hidden>
              {d.total.programmeEntries}
            </span>
          </Space>
        )}
        <Table<DashboardRow>
          style={{ marginTop: 16 }}
          size="small"
          rowKey="unitId"
          loading={dash.isLoading}
          dataSource={d?.rows ?? []}
          columns={cols}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="party-dashboard-table"
        />
      </Card>
      {me.data && <BuildBranchCard communityId={me.data.orgUnit.id} />}
      <VacanciesCard />
      <StationBranchCard />
    </Space>
  );
}

function BuildBranchCard({ communityId }: { communityId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const children = useOrgChildren(communityId);
  const create = useCreateBranch();
  const [form] = Form.useForm<{ formation: 'standalone' | 'joint'; compoundIds: string[]; name?: string }>();
  const compounds = (children.data ?? []).filter((u) => u.kind === 'compound');
  if (!compounds.length) return null;
  return (
    <Card title={t('partyAdmin.build')}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ formation: 'joint', compoundIds: [] }}
        onFinish={(v) =>
          create.mutate(v, {
            onSuccess: (org) => {
              void message.success(t('partyAdmin.built', { name: org.name }));
              form.resetFields();
            },
            onError: (e) => void message.error((e as Error).message),
          })
        }
      >
        <Form.Item name="formation" label={t('partyAdmin.formation')}>
          <Radio.Group data-testid="party-build-formation">
            <Radio value="standalone">{t('party.formations.standalone')}</Radio>
            <Radio value="joint">{t('party.formations.joint')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="compoundIds" label={t('partyAdmin.compounds')} rules={[{ required: true }]}>
          <Checkbox.Group
            data-testid="party-build-compounds"
            options={compounds.map((c) => ({ label: c.name, value: c.id }))}
          />
        </Form.Item>
        <Form.Item name="name" label={t('partyAdmin.branchName')}>
          <Input placeholder={t('partyAdmin.branchNameHint')} data-testid="party-build-name" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="party-build-submit">
          {t('partyAdmin.buildSubmit')}
        </Button>
      </Form>
    </Card>
  );
}

interface PostForm {
  personId: string;
  source: 'elected' | 'seconded_city' | 'seconded_district';
  fullTime: boolean;
  sourceUnit?: string;
  termStart: dayjs.Dayjs;
  hasPartyCivilExperience: boolean;
}

function VacanciesCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const vacancies = useVacancies();
  const members = useFullMembers();
  const assign = useAssignPost();
  const [orgId, setOrgId] = useState<string | null>(null);
  const [form] = Form.useForm<PostForm>();
  return (
    <Card title={t('partyAdmin.vacancies')}>
      <Table
        size="small"
        rowKey="partyOrgId"
        loading={vacancies.isLoading}
        dataSource={vacancies.data ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        data-testid="party-vacancies"
        columns={[
          { key: 'name', dataIndex: 'name', title: t('partyAdmin.branchName') },
          { key: 'community', dataIndex: 'communityName', title: t('partyAdmin.community') },
          { key: 'compounds', dataIndex: 'compounds', title: t('partyAdmin.compounds') },
          {
            key: 'act',
            title: '',
            render: (_: unknown, r: { partyOrgId: string }) => (
              <Button size="small" onClick={() => setOrgId(r.partyOrgId)} data-testid={`party-assign-${r.partyOrgId}`}>
                {t('partyAdmin.assign')}
              </Button>
            ),
          },
        ]}
      />
      {orgId && (
        <Form
          form={form}
          layout="vertical"
          style={{ marginTop: 16, maxWidth: 560 }}
          initialValues={{
            source: 'seconded_district',
            fullTime: true,
            termStart: dayjs(),
            hasPartyCivilExperience: false,
          }}
          data-testid="party-assign-form"
          onFinish={(v) =>
            assign.mutate(
              {
                orgId,
                personId: v.personId,
                role: 'secretary',
                source: v.source,
                fullTime: v.fullTime,
                sourceUnit: v.sourceUnit || undefined,
                termStart: v.termStart.format('YYYY-MM-DD'),
                hasPartyCivilExperience: v.hasPartyCivilExperience,
                isSeniorResearcher: false,
                committeeSeat: null,
              },
              {
                onSuccess: () => {
                  void message.success(t('partyAdmin.assigned'));
                  setOrgId(null);
                  form.resetFields();
                },
                onError: (e) => void message.error((e as Error).message),
              },
            )
          }
        >
          <Form.Item name="personId" label={t('partyAdmin.member')} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              data-testid="party-assign-member"
              options={(members.data ?? []).map((m) => ({
                value: m.personId,
                label: `${m.name}（${m.partyOrgName}）`,
              }))}
            />
          </Form.Item>
          <Form.Item name="source" label={t('partyAdmin.source')}>
            <Radio.Group data-testid="party-assign-source">
              <Radio value="elected">{t('partyAdmin.sources.elected')}</Radio>
              <Radio value="seconded_city">{t('partyAdmin.sources.seconded_city')}</Radio>
              <Radio value="seconded_district">{t('partyAdmin.sources.seconded_district')}</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="sourceUnit" label={t('partyAdmin.sourceUnit')}>
            <Input data-testid="party-assign-unit" />
          </Form.Item>
          <Space wrap>
            <Form.Item name="fullTime" valuePropName="checked">
              <Checkbox>{t('partyAdmin.fullTime')}</Checkbox>
            </Form.Item>
            <Form.Item name="hasPartyCivilExperience" valuePropName="checked">
              <Checkbox>{t('partyAdmin.experienceField')}</Checkbox>
            </Form.Item>
            <Form.Item name="termStart" label={t('partyAdmin.termStart')}>
              <DatePicker />
            </Form.Item>
          </Space>
          <Button type="primary" htmlType="submit" loading={assign.isPending} data-testid="party-assign-submit">
            {t('partyAdmin.assignSubmit')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

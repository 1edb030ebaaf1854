import { useState } from 'react';
import { Select, Space, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { recentMonths } from '../../lib/months';
import { useCurrentUser } from '../auth/useCurrentUser';
import { ActivitiesTab } from './ActivitiesTab';
import { LedgerTab } from './LedgerTab';
import { MembersTab } from './MembersTab';
import { OverviewTab } from './OverviewTab';
import { PendingTab } from './PendingTab';
import { TeamsTab } from './TeamsTab';

/** 志愿服务与双报到: overview with the hours trend, activities and their QR codes, hours to confirm, the points ledger and love-supermarket counter, members' assessment. */
export default function VolunteersPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const months = recentMonths();
  const [month, setMonth] = useState(months[1]!);
  const tab = params.get('tab') ?? 'overview';
  const canManage = me.abilities.includes('volunteers.manage');
  const canRedeem = me.abilities.includes('points.redeem');
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="volunteers-page">
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('volunteers.title')}
        </Typography.Title>
        <Select
          value={month}
          onChange={setMonth}
          style={{ width: 140 }}
          options={months.map((m) => ({ value: m, label: m }))}
          data-testid="volunteers-month"
        />
      </Space>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        items={[
          { key: 'overview', label: t('volunteers.tabs.overview'), children: <OverviewTab month={month} /> },
          { key: 'teams', label: t('volunteers.tabs.teams'), children: <TeamsTab /> },
          {
            key: 'activities',
            label: t('volunteers.tabs.activities'),
            children: <ActivitiesTab canManage={canManage} />,
          },
          { key: 'pending', label: t('volunteers.tabs.pending'), children: <PendingTab canManage={canManage} /> },
          { key: 'ledger', label: t('volunteers.tabs.ledger'), children: <LedgerTab canRedeem={canRedeem} /> },
          { key: 'members', label: t('volunteers.tabs.members'), children: <MembersTab month={month} /> },
        ]}
      />
    </Space>
  );
}

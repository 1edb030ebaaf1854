import { useCallback, useState } from 'react';
import { Card, Select, Space, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan } from '../auth/useCurrentUser';
import { ActivitiesTab } from './ActivitiesTab';
import { AssessmentTab } from './AssessmentTab';
import { BranchPicker } from './BranchPicker';
import { ChecksTab } from './ChecksTab';
import { SettingsTab } from './SettingsTab';
import { YearTab } from './YearTab';

const thisYear = new Date().getFullYear();

/** 组织生活: a branch's activities and attendance, 三会一课 of the year, its working systems, 考核评议. */
export default function PartyLifePage() {
  const { t } = useTranslation();
  const can = useCan();
  const [branchId, setBranchId] = useState<string>();
  const [year, setYear] = useState(thisYear);
  const pick = useCallback((id: string | undefined) => setBranchId(id), []);
  return (
    <Card title={t('partyLife.title')} data-testid="party-life">
      <Space wrap style={{ marginBottom: 12 }}>
        <BranchPicker onChange={pick} />
        <Select
          value={year}
          onChange={setYear}
          style={{ width: 100 }}
          data-testid="life-year"
          options={[0, 1, 2].map((n) => ({ value: thisYear - n, label: String(thisYear - n) }))}
        />
      </Space>
      {!branchId && <Typography.Paragraph type="secondary">{t('partyLife.pickBranch')}</Typography.Paragraph>}
      <Tabs
        key={branchId ?? 'none'}
        items={[
          ...(branchId
            ? [
                {
                  key: 'activities',
                  label: t('partyLife.activities'),
                  children: <ActivitiesTab branchId={branchId} year={year} canManage={can('party.life.manage')} />,
                },
                {
                  key: 'year',
                  label: t('partyLife.compliance'),
                  children: <YearTab branchId={branchId} year={year} />,
                },
                {
                  key: 'checks',
                  label: t('partyLife.checks'),
                  children: <ChecksTab branchId={branchId} year={year} />,
                },
              ]
            : []),
          {
            key: 'assessment',
            label: t('partyLife.assessment'),
            children: <AssessmentTab branchId={branchId} year={year} canReview={can('party.life.review')} />,
          },
          ...(can('party.life.configure')
            ? [{ key: 'settings', label: t('partyLife.settings'), children: <SettingsTab /> }]
            : []),
        ]}
      />
    </Card>
  );
}

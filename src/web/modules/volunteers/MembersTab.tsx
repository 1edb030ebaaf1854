import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { ResponsiveTable } from '../../app/ResponsiveTable';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import { type MemberRow, membersXlsxUrl, useAssessmentConfig, useMembers } from './volunteers.api';

const GRADE_COLOR = { excellent: 'green', good: 'blue', pass: 'gold', fail: 'red' } as const;

function AssessmentRules() {
  const { t } = useTranslation();
  const r = useAssessmentConfig();
  const c = r.data;
  return (
    <Card size="small" title={t('volunteers.rulesTitle', { year: c?.year ?? '' })}>
      {r.isError && <Alert type="error" showIcon title={errorMessage(r.error)} />}
      <Table
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={c?.items ?? []}
        columns={[
          { title: t('volunteers.ruleItem'), dataIndex: 'label' },
          { title: t('volunteers.rulePoints'), dataIndex: 'pointsPerUnit', align: 'right' },
          { title: t('volunteers.ruleMax'), dataIndex: 'max', align: 'right' },
        ]}
      />
      {c && <Typography.Text type="secondary">{t('volunteers.ruleGrades', c.grades)}</Typography.Text>}
    </Card>
  );
}

/** The month's assessment of in-service party members and riders, with the year's rules. */
export function MembersTab({ month }: { month: string }) {
  const { t } = useTranslation();
  const q = useMembers(month);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <AssessmentRules />
      <a href={membersXlsxUrl(month)} download data-testid="members-export">
        <Button icon={<DownloadOutlined />}>{t('volunteers.exportMembers')}</Button>
      </a>
      {q.isError && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      <ResponsiveTable<MemberRow>
        data-testid="members-table"
        rowKey="personId"
        size="small"
        loading={q.isFetching}
        dataSource={q.data ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { title: t('volunteers.person'), dataIndex: 'name', width: 100 },
          {
            title: t('volunteers.kindLabel'),
            dataIndex: 'kind',
            width: 110,
            render: (k: MemberRow['kind']) => t(`volunteers.reportKinds.${k}`),
          },
          { title: t('volunteers.compound'), dataIndex: 'compoundName' },
          { title: t('volunteers.workUnit'), dataIndex: 'workUnitName', render: (v: string | null) => v ?? '—' },
          { title: t('volunteers.hours'), dataIndex: 'hours', align: 'right', sorter: (a, b) => a.hours - b.hours },
          { title: t('volunteers.tasksDone'), dataIndex: 'tasksDone', align: 'right' },
          { title: t('volunteers.workOrders'), dataIndex: 'workOrders', align: 'right' },
          { title: t('volunteers.score'), dataIndex: 'score', align: 'right', sorter: (a, b) => a.score - b.score },
          {
            title: t('volunteers.grade'),
            dataIndex: 'grade',
            width: 90,
            render: (g: MemberRow['grade']) => <Tag color={GRADE_COLOR[g]}>{t(`volunteers.grades.${g}`)}</Tag>,
          },
        ]}
      />
    </Space>
  );
}

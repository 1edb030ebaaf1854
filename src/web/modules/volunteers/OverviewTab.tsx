import { useState } from 'react';
import { Alert, Card, Col, Row, Select, Space, Statistic, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import { HoursTrendChart } from './HoursTrendChart';
import { type SummaryBy, useSummary } from './volunteers.api';

/** The month's totals, the hours trend and the hours by compound or work unit. */
export function OverviewTab({ month }: { month: string }) {
  const { t } = useTranslation();
  const [by, setBy] = useState<SummaryBy>('compound');
  const q = useSummary(month, by);
  const s = q.data;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {q.isError && <Alert type="error" showIcon title={errorMessage(q.error)} />}
      <Row gutter={[12, 12]} data-testid="volunteer-kpis">
        {s &&
          (
            [
              ['partyMembers', s.totals.partyMembers],
              ['riders', s.totals.riders],
              ['workUnits', s.totals.workUnits],
              ['teams', s.totals.teams],
              ['activitiesThisYear', s.totals.activitiesThisYear],
              ['avgHoursPerPartyMember', s.totals.avgHoursPerPartyMember],
            ] as const
          ).map(([k, v]) => (
            <Col key={k} xs={12} md={8} xl={4}>
              <Card size="small" data-testid={`kpi-${k}`}>
                <Statistic title={t(`volunteers.kpi.${k}`)} value={v} />
              </Card>
            </Col>
          ))}
      </Row>
      <Card size="small" title={t('volunteers.trendTitle')}>
        <HoursTrendChart trend={s?.trend ?? []} />
      </Card>
      <Card
        size="small"
        title={t('volunteers.groupsTitle')}
        extra={
          <Select
            value={by}
            onChange={setBy}
            style={{ width: 160 }}
            options={[
              { value: 'compound', label: t('volunteers.byCompound') },
              { value: 'work_unit', label: t('volunteers.byWorkUnit') },
            ]}
          />
        }
      >
        <Table
          rowKey="id"
          size="small"
          loading={q.isFetching}
          dataSource={s?.groups ?? []}
          pagination={{ pageSize: 10, showSizeChanger: false }}
          columns={[
            { title: t('volunteers.group'), dataIndex: 'name' },
            { title: t('volunteers.members'), dataIndex: 'members', align: 'right' },
            { title: t('volunteers.hours'), dataIndex: 'hours', align: 'right' },
            { title: t('volunteers.groupAvg'), dataIndex: 'avgHours', align: 'right' },
          ]}
        />
      </Card>
    </Space>
  );
}

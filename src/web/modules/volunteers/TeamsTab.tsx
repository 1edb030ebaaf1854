import { useState } from 'react';
import { Alert, Input, Space, Typography } from 'antd';
import { ResponsiveTable } from '../../app/ResponsiveTable';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import { type Team, useTeams } from './volunteers.api';

/** The volunteer teams in scope, searchable by name. */
export function TeamsTab() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const r = useTeams(q);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space>
        <Input.Search
          allowClear
          placeholder={t('volunteers.teamSearch')}
          onSearch={(v) => setQ(v.trim())}
          style={{ width: 280 }}
        />
        <Typography.Text type="secondary" data-testid="teams-total">
          {t('volunteers.teamsTotal', { count: r.data?.total ?? 0 })}
        </Typography.Text>
      </Space>
      {r.isError && <Alert type="error" showIcon title={errorMessage(r.error)} />}
      <ResponsiveTable<Team>
        rowKey="id"
        size="small"
        loading={r.isFetching}
        dataSource={r.data?.items ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { title: t('volunteers.teamName'), dataIndex: 'name' },
          {
            title: t('volunteers.kindLabel'),
            dataIndex: 'kind',
            width: 120,
            render: (k: string) => t(`volunteers.teamKinds.${k as 'general'}`),
          },
          { title: t('volunteers.place'), dataIndex: 'orgUnitName' },
          { title: t('volunteers.teamMembers'), dataIndex: 'memberCount', width: 100, align: 'right' },
        ]}
      />
    </Space>
  );
}

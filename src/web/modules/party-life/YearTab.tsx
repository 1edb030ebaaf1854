import { Table, Tag, Typography, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ActivityKind } from '../../../shared/party-life.constants';
import type { ComplianceRow } from '../../../shared/party-life.schema';
import { useBranchYear } from './party-life.api';

const COLOR = { held: 'green', missing: 'red', open: 'gold', upcoming: 'default' } as const;

/** 三会一课 of the year: each required kind, its periods (missing ones red), and attendance per member. */
export function YearTab({ branchId, year }: { branchId: string; year: number }) {
  const { t } = useTranslation();
  const y = useBranchYear(branchId, year);
  const d = y.data;
  if (!d) return null;
  const rate = (r: number | null) => (r === null ? '—' : `${r}%`);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="branch-year">
      <Typography.Text strong data-testid="year-rate">
        {t('partyLife.yearFigures', { ...d.attendance, rate: rate(d.attendance.rate) })}
      </Typography.Text>
      <Table<ComplianceRow>
        size="small"
        rowKey="kind"
        pagination={false}
        dataSource={d.compliance}
        scroll={{ x: 'max-content' }}
        data-testid="compliance"
        columns={[
          {
            key: 'kind',
            dataIndex: 'kind',
            title: t('partyLife.kind'),
            render: (k: ActivityKind) => t(`partyLife.kinds.${k}`),
          },
          {
            key: 'freq',
            dataIndex: 'frequency',
            title: t('partyLife.frequency'),
            render: (f: 'monthly' | 'quarterly') => t(`partyLife.freq.${f}`),
          },
          {
            key: 'held',
            title: t('partyLife.covered'),
            render: (_, r) => (
              <span data-testid={`covered-${r.kind}`}>
                {r.covered}/{r.required}
                {r.missing > 0 && (
                  <Tag color="red" style={{ marginLeft: 6 }}>
                    {t('partyLife.missingN', { n: r.missing })}
                  </Tag>
                )}
              </span>
            ),
          },
          {
            key: 'periods',
            title: t('partyLife.periods'),
            render: (_, r) => (
              <Space size={2} wrap style={{ maxWidth: 360 }}>
                {r.periods.map((p) => (
                  <Tag
                    key={p.period}
                    color={COLOR[p.state]}
                    style={{ marginInlineEnd: 0 }}
                    title={t(`partyLife.state.${p.state}`)}
                  >
                    {r.frequency === 'monthly' ? t('partyLife.month', { n: p.period }) : `Q${p.period}`}
                  </Tag>
                ))}
              </Space>
            ),
          },
        ]}
      />
      <Typography.Title level={5}>{t('partyLife.memberAttendance')}</Typography.Title>
      <Table
        size="small"
        rowKey="memberId"
        dataSource={d.members}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'name', dataIndex: 'name', title: t('partyLife.member') },
          { key: 'phone', dataIndex: 'phoneMasked', title: t('people.phone') },
          {
            key: 'att',
            title: t('partyLife.rate'),
            render: (_, m) => `${m.attendance.present}/${m.attendance.expected} · ${rate(m.attendance.rate)}`,
          },
          { key: 'leave', title: t('partyLife.att.leave'), render: (_, m) => m.attendance.leave },
          { key: 'absent', title: t('partyLife.att.absent'), render: (_, m) => m.attendance.absent },
        ]}
      />
    </Space>
  );
}

import { useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Collapse,
  Descriptions,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../lib/api';
import { pct } from '../../lib/format';
import { rankingXlsxUrl, useRanking } from './assessment.api';
import { DrillDrawer, type DrillTarget } from './DrillDrawer';
import { RANK_KINDS, RATE_KEYS, type RankKind, type RankedUnit, type RateKey } from './types';

/** The last twelve months in Asia/Shanghai, newest first. */
function recentMonths(): string[] {
  const now = new Date(Date.now() + 8 * 3600_000);
  return Array.from({ length: 12 }, (_, i) => {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    return d.toISOString().slice(0, 7);
  });
}

/** A six-month trend as a tiny inline line (no chart library for a cell). */
function Sparkline({ trend }: { trend: RankedUnit['trend'] }) {
  const pts = trend.map((t, i) => ({ x: i * 14 + 2, y: t.score === null ? null : 22 - (t.score / 100) * 20 }));
  const d = pts
    .filter((p) => p.y !== null)
    .map((p, i) => `${i ? 'L' : 'M'}${p.x},${p.y!.toFixed(1)}`)
    .join(' ');
  return (
    <svg width={76} height={24} aria-label={trend.map((t) => `${t.month}: ${t.score ?? '—'}`).join('; ')}>
      <path d={d} fill="none" stroke="#c0392b" strokeWidth={1.5} />
    </svg>
  );
}

/** 月度考核排名: the six rates and the score per unit, trend, red/black lists, and every number drills down to its orders. */
export default function RankingPage() {
  const { t } = useTranslation();
  const months = useMemo(recentMonths, []);
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? months[0]!;
  const kind = (params.get('kind') as RankKind | null) ?? 'street';
  const ranking = useRanking(month, kind);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const set = (k: string, v: string) => setParams((p) => ({ ...Object.fromEntries(p), [k]: v }));

  const rateCell = (u: RankedUnit, k: RateKey) => {
    const r = u.rates[k];
    if (r.denominator === 0) return '—';
    return (
      <Typography.Link
        data-testid={`rate-${u.id}-${k}`}
        onClick={() => setDrill({ month, unitKind: u.kind, unitId: u.id, unitName: u.name, rate: k })}
        title={`${r.numerator} / ${r.denominator}`}
      >
        {pct(r.value)}
      </Typography.Link>
    );
  };

  const columns: TableColumnsType<RankedUnit> = [
    { title: t('assessment.rank'), dataIndex: 'rank', width: 64, render: (v: number | null) => v ?? '—' },
    { title: t('assessment.unit'), dataIndex: 'name', width: 180 },
    {
      title: t('assessment.score'),
      dataIndex: 'score',
      width: 90,
      align: 'right',
      render: (v: number | null) => (v === null ? t('assessment.noScore') : v.toFixed(2)),
    },
    {
      title: t('assessment.previousRank'),
      width: 80,
      render: (_: unknown, u) => {
        if (u.rank === null || u.previousRank === null) return '—';
        const diff = u.previousRank - u.rank;
        if (diff === 0) return '—';
        return diff > 0 ? (
          <Tag color="green" icon={<ArrowUpOutlined />}>
            {diff}
          </Tag>
        ) : (
          <Tag color="red" icon={<ArrowDownOutlined />}>
            {-diff}
          </Tag>
        );
      },
    },
    {
      title: t('assessment.list'),
      dataIndex: 'list',
      width: 72,
      render: (v: RankedUnit['list']) =>
        v === 'red' ? (
          <Tag color="red">{t('assessment.red')}</Tag>
        ) : v === 'black' ? (
          <Tag>{t('assessment.black')}</Tag>
        ) : null,
    },
    ...RATE_KEYS.map((k) => ({
      title: t(`assessment.rates.${k}`),
      key: k,
      width: 96,
      align: 'right' as const,
      render: (_: unknown, u: RankedUnit) => rateCell(u, k),
    })),
    // ── whistles ── 吹哨报到 of departments, beside the rates (not in the score)
    ...(kind === 'department'
      ? [
          {
            title: t('whistles.col.received'),
            key: 'whistles',
            width: 90,
            align: 'right' as const,
            render: (_: unknown, u: RankedUnit) => u.whistle?.received ?? '—',
          },
          {
            title: t('whistles.col.checkInRate'),
            key: 'checkInRate',
            width: 90,
            align: 'right' as const,
            render: (_: unknown, u: RankedUnit) =>
              u.whistle && u.whistle.checkInRate !== null ? (
                <span
                  data-testid={`whistle-rate-${u.id}`}
                  title={`${u.whistle.onTime} / ${u.whistle.onTime + u.whistle.late + u.whistle.absent}`}
                >
                  {pct(u.whistle.checkInRate)}
                </span>
              ) : (
                '—'
              ),
          },
          {
            title: t('whistles.col.satisfaction'),
            key: 'whistleSatisfaction',
            width: 100,
            align: 'right' as const,
            render: (_: unknown, u: RankedUnit) =>
              u.whistle && u.whistle.satisfaction !== null ? pct(u.whistle.satisfaction) : '—',
          },
        ]
      : []),
    { title: t('assessment.trend'), key: 'trend', width: 90, render: (_: unknown, u) => <Sparkline trend={u.trend} /> },
  ];

  const data = ranking.data;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="assessment-ranking-page">
      <Space wrap align="center" style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space orientation="vertical" size={0}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('assessment.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('assessment.subtitle')}</Typography.Text>
        </Space>
        <Space wrap>
          <Select
            aria-label={t('assessment.month')}
            value={month}
            style={{ width: 120 }}
            options={months.map((m) => ({ value: m, label: m }))}
            onChange={(v) => set('month', v)}
          />
          <Segmented<RankKind>
            // on a phone the four kinds of unit scroll sideways instead of widening the page
            style={{ maxWidth: 'calc(100vw - 24px)', overflowX: 'auto' }}
            value={kind}
            options={RANK_KINDS.map((k) => ({ value: k, label: t(`assessment.kinds.${k}`) }))}
            onChange={(v) => set('kind', v)}
          />
          <Button icon={<DownloadOutlined />} href={rankingXlsxUrl(month, kind)}>
            {t('assessment.export')}
          </Button>
        </Space>
      </Space>
      {ranking.error && <Alert type="error" title={errorMessage(ranking.error)} />}
      {data && (
        <Card size="small" title={`${t('assessment.district')} · ${data.month}`}>
          <Descriptions size="small" column={{ xs: 2, sm: 3, lg: 7 }}>
            <Descriptions.Item label={t('assessment.score')}>
              {data.district.score?.toFixed(2) ?? '—'}
            </Descriptions.Item>
            {RATE_KEYS.map((k) => (
              <Descriptions.Item key={k} label={t(`assessment.rates.${k}`)}>
                {rateCell(data.district, k)}
              </Descriptions.Item>
            ))}
          </Descriptions>
        </Card>
      )}
      <Table<RankedUnit>
        rowKey="id"
        size="small"
        loading={ranking.isLoading}
        columns={columns}
        dataSource={data?.units ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: kind === 'department' ? 1380 : 1100 }}
      />
      <Collapse
        items={[
          {
            key: 'defs',
            label: t('assessment.definitions'),
            children: (
              <Descriptions size="small" column={1} bordered>
                {RATE_KEYS.map((k) => (
                  <Descriptions.Item
                    key={k}
                    label={`${t(`assessment.rates.${k}`)}${data ? ` · ${t('assessment.weights')} ${data.weights[k]}` : ''}`}
                  >
                    {t(`assessment.defs.${k}`)}
                  </Descriptions.Item>
                ))}
                <Descriptions.Item label={t('assessment.score')}>{t('assessment.defs.score')}</Descriptions.Item>
                <Descriptions.Item label={t('assessment.appeals.title')}>
                  {t('assessment.defs.appeal')}
                </Descriptions.Item>
                <Descriptions.Item label={t('whistles.title')}>{t('whistles.colHint')}</Descriptions.Item>
              </Descriptions>
            ),
          },
        ]}
      />
      <DrillDrawer target={drill} onClose={() => setDrill(null)} />
    </Space>
  );
}

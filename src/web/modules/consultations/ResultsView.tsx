import { lazy, Suspense, useMemo } from 'react';
import { Card, Descriptions, List, Space, Spin, Tag, Typography } from 'antd';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useTranslation } from 'react-i18next';
import { useEChart } from '../../lib/useEChart';
import { useMapConfig } from '../map/map.api';
import type { DecisionResult, Results } from './consultations.api';
import type { LatLng } from './PointMap';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);
const PointMap = lazy(() => import('./PointMap'));
type QuestionResult = Results['questions'][number];

/** One question's tally as horizontal bars: online and paper answers stacked (a ranking: its Borda points). */
function OptionBars({ q }: { q: QuestionResult }) {
  const { t } = useTranslation();
  const ranking = q.kind === 'ranking';
  const el = useEChart(
    useMemo(() => {
      const labels = q.options.map((o) => (o.length > 14 ? `${o.slice(0, 13)}…` : o));
      const paper = q.paperCounts;
      const series = ranking
        ? [
            {
              name: t('consult.points'),
              type: 'bar',
              data: q.counts,
              itemStyle: { color: '#c0392b' },
              label: { show: true, position: 'right' },
            },
          ]
        : [
            {
              name: t('consult.online'),
              type: 'bar',
              stack: 'n',
              data: q.counts.map((c, i) => c - (paper[i] ?? 0)),
              itemStyle: { color: '#c0392b' },
            },
            {
              name: t('consult.paper'),
              type: 'bar',
              stack: 'n',
              data: paper,
              itemStyle: { color: '#f0a58f' },
              label: {
                show: true,
                position: 'right',
                formatter: (p: { dataIndex: number }) => String(q.counts[p.dataIndex] ?? 0),
              },
            },
          ];
      return {
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
        legend: { top: 0, show: !ranking },
        grid: { left: 8, right: 40, top: ranking ? 8 : 28, bottom: 8, containLabel: true },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', inverse: true, data: labels },
        series,
      };
    }, [q, ranking, t]),
  );
  return (
    <div
      ref={el}
      style={{ width: '100%', height: 40 + q.options.length * 34 }}
      data-testid={`result-chart-${q.questionId}`}
    />
  );
}

function PointsMap({ points, center }: { points: LatLng[]; center: LatLng }) {
  const config = useMapConfig();
  return (
    <Suspense fallback={<Spin />}>
      <PointMap center={center} points={points} tiles={config.data?.tiles ?? null} height={260} testId="result-map" />
    </Suspense>
  );
}

const mean = (ps: LatLng[]): LatLng => ({
  lat: ps.reduce((s, p) => s + p.lat, 0) / ps.length,
  lng: ps.reduce((s, p) => s + p.lng, 0) / ps.length,
});
const pct = (n: number, of: number) => (of > 0 ? `${((100 * n) / of).toFixed(1)}%` : '—');

/** 业主共同决定事项: turnout and consent by area and by owners, each against its threshold. */
export function DecisionPanel({ d }: { d: DecisionResult }) {
  const { t } = useTranslation();
  const met = (ok: boolean) => <Tag color={ok ? 'green' : 'red'}>{ok ? t('consult.met') : t('consult.notMet')}</Tag>;
  const consentRule = d.special ? t('consult.consentSpecial') : t('consult.consentOrdinary');
  return (
    <Card
      size="small"
      title={t('consult.decisionTitle')}
      data-testid="decision-panel"
      extra={
        <Tag color={d.passed ? 'green' : 'red'} data-testid="decision-passed">
          {d.passed ? t('consult.passed') : t('consult.failed')}
        </Tag>
      }
    >
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('consult.totals')}>
          {t('consult.ownersArea', { owners: d.totalOwners, area: d.totalArea.toFixed(2) })}
        </Descriptions.Item>
        <Descriptions.Item label={t('consult.participation')}>
          <Space wrap size={4}>
            <span>
              {t('consult.ownersShare', { n: d.participatingOwners, share: pct(d.participatingOwners, d.totalOwners) })}
            </span>
            <span>
              {t('consult.areaShare', {
                n: d.participatingArea.toFixed(2),
                share: pct(d.participatingArea, d.totalArea),
              })}
            </span>
            <Typography.Text type="secondary">{t('consult.participationRule')}</Typography.Text>
            <span data-testid="decision-participation">{met(d.participationMet)}</span>
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('consult.consent')}>
          <Space wrap size={4}>
            <span>
              {t('consult.ownersShare', { n: d.agreeOwners, share: pct(d.agreeOwners, d.participatingOwners) })}
            </span>
            <span>
              {t('consult.areaShare', { n: d.agreeArea.toFixed(2), share: pct(d.agreeArea, d.participatingArea) })}
            </span>
            <Typography.Text type="secondary">{consentRule}</Typography.Text>
            <span data-testid="decision-consent">{met(d.consentMet)}</span>
          </Space>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** The tally of every question: bars, free-text answers, the points on a map; an owners' decision's double majority. */
export function ResultsView({ r, center }: { r: Results; center: LatLng | null }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="results">
      <Typography.Text data-testid="results-summary">
        {t('consult.summary', { ballots: r.ballots, paper: r.paperBallots, eligible: r.eligible })}
      </Typography.Text>
      {r.decision && <DecisionPanel d={r.decision} />}
      {r.questions.map((q, n) => (
        <Card
          key={q.questionId}
          size="small"
          title={
            <span style={{ whiteSpace: 'normal' }}>
              {n + 1}. {q.prompt}
            </span>
          }
          extra={<Typography.Text type="secondary">{t('consult.answered', { n: q.answered })}</Typography.Text>}
          data-testid={`result-${q.questionId}`}
          data-counts={q.counts.join(',')}
        >
          {(q.kind === 'single' || q.kind === 'multiple' || q.kind === 'ranking') && (
            <>
              {q.kind === 'ranking' && (
                <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
                  {t('consult.bordaHint')}
                </Typography.Paragraph>
              )}
              <OptionBars q={q} />
            </>
          )}
          {q.kind === 'text' && (
            <List
              size="small"
              dataSource={q.texts}
              locale={{ emptyText: t('consult.noTexts') }}
              renderItem={(x) => <List.Item style={{ wordBreak: 'break-word' }}>{x}</List.Item>}
            />
          )}
          {q.kind === 'point' &&
            (q.points.length ? (
              <PointsMap points={q.points} center={center ?? mean(q.points)} />
            ) : (
              <Typography.Text type="secondary">{t('consult.noPoints')}</Typography.Text>
            ))}
        </Card>
      ))}
      {r.respondents.length > 0 && (
        <Card size="small" title={t('consult.respondents', { n: r.respondents.length })}>
          <Space wrap size={4}>
            {r.respondents.map((x, i) => (
              <Tag key={i} color={x.source === 'paper' ? 'orange' : undefined}>
                {x.name}
                {x.source === 'paper' ? ` · ${t('consult.paper')}` : ''}
              </Tag>
            ))}
          </Space>
        </Card>
      )}
    </Space>
  );
}

import { useState } from 'react';
import { Alert, App, Button, Card, Drawer, InputNumber, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import { useCan, useCurrentUser } from '../auth/useCurrentUser';
import {
  DEFAULT_EVALUATION_ITEMS,
  DEFAULT_PARTY_WEIGHTS,
  useEvaluation,
  useEvaluations,
  useOpenEvaluation,
  usePublishEvaluation,
  useRanking,
  useSaveScheme,
  useSaveScores,
  useSchemes,
  type Evaluation,
  type Scheme,
} from './property.api';

/** Scores travel in hundredths of a point. */
const pts = (v: number | null | undefined) => (v == null ? '—' : (v / 100).toFixed(2));
const YEARS = [2027, 2026, 2025, 2024];

/** 物业服务质量评价: the street's ranking, the compounds' evaluations, the year's items and weights. */
export default function EvaluationsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [year, setYear] = useState(2025);
  const tabs = [
    { key: 'ranking', label: t('evaluation.ranking'), children: <RankingTab year={year} /> },
    { key: 'list', label: t('evaluation.list'), children: <ListTab year={year} /> },
    { key: 'settings', label: t('evaluation.settings'), children: <SettingsTab /> },
  ];
  return (
    <Card
      title={t('evaluation.title')}
      extra={
        <Select
          aria-label={t('evaluation.year')}
          value={year}
          onChange={setYear}
          options={YEARS.map((y) => ({ value: y, label: `${y}` }))}
          style={{ width: 96 }}
        />
      }
    >
      <Tabs items={can('property.read') ? tabs : []} />
    </Card>
  );
}

function RankingTab({ year }: { year: number }) {
  const { t } = useTranslation();
  const r = useRanking(year);
  if (!r.data) return null;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {r.data.bottom.length > 0 && (
        <Alert
          type="warning"
          showIcon
          message={t('evaluation.bottom', { n: r.data.bottomCount, line: r.data.scoreLine ?? '—' })}
          description={r.data.bottom.map((b) => `${b.companyName}（${b.compoundName}，${pts(b.total)}）`).join('；')}
        />
      )}
      <Typography.Text type="secondary">{t('evaluation.unpublished', { n: r.data.unpublished })}</Typography.Text>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: true }}
        dataSource={r.data.items}
        columns={[
          { title: t('evaluation.rank'), dataIndex: 'rank', width: 56 },
          { title: t('evaluation.company'), dataIndex: 'companyName' },
          { title: t('evaluation.compound'), render: (_, i) => `${i.compoundName}（${i.communityName}）` },
          {
            title: t('evaluation.total'),
            render: (_, i) => (
              <Typography.Text type={i.isBottom ? 'danger' : undefined} strong style={{ whiteSpace: 'nowrap' }}>
                {pts(i.total)}
              </Typography.Text>
            ),
          },
        ]}
      />
    </Space>
  );
}

function ListTab({ year }: { year: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const me = useCurrentUser();
  const list = useEvaluations(year);
  const open = useOpenEvaluation();
  const [id, setId] = useState<string>();
  const mine = me.orgUnit.kind === 'compound' && can('property.evaluate');
  const openMine = () =>
    open.mutate(
      { compoundId: me.orgUnit.id, year, closesAt: new Date(Date.now() + 14 * 86_400_000).toISOString() },
      { onSuccess: (e) => setId(e.id), onError: (e) => void message.error(errorMessage(e)) },
    );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {mine && (
        <Button type="primary" onClick={openMine} loading={open.isPending}>
          {t('evaluation.open', { year })}
        </Button>
      )}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: true }}
        dataSource={list.data?.items ?? []}
        onRow={(r) => ({ onClick: () => setId(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('evaluation.compound'), dataIndex: 'compoundName' },
          { title: t('evaluation.company'), dataIndex: 'companyName' },
          {
            title: t('evaluation.status'),
            render: (_, i) => (
              <Tag color={i.status === 'published' ? 'green' : 'gold'}>{t(`evaluation.statuses.${i.status}`)}</Tag>
            ),
          },
          { title: t('evaluation.total'), render: (_, i) => pts(i.total) },
        ]}
      />
      <Drawer open={!!id} onClose={() => setId(undefined)} width={Math.min(560, window.innerWidth)} destroyOnHidden>
        {id && <EvaluationDetail id={id} />}
      </Drawer>
    </Space>
  );
}

function EvaluationDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const q = useEvaluation(id);
  const save = useSaveScores();
  const publish = usePublishEvaluation();
  const [scores, setScores] = useState<Record<string, number[]>>({});
  const e = q.data;
  if (!e) return null;
  const party = e.canScoreBranch ? 'branch' : e.canScoreCommittee ? 'committee' : null;
  const entered = party ? (scores[party] ?? (party === 'branch' ? e.branchScores : e.committeeScores) ?? []) : [];
  const onError = (err: unknown) => void message.error(errorMessage(err));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={5}>
        {e.year} · {e.compoundName} · {e.companyName}
      </Typography.Title>
      <Typography.Text type="secondary">
        {t('evaluation.weights', { r: e.residentsWeight, b: e.branchWeight, c: e.committeeWeight })} ·{' '}
        {t('evaluation.answers', { n: e.ballots, of: e.eligible })} · {t(`evaluation.survey.${e.consultationStatus}`)}
      </Typography.Text>
      <Table
        rowKey="name"
        size="small"
        pagination={false}
        dataSource={e.items.map((it, i) => ({ ...it, i }))}
        columns={[
          { title: t('evaluation.item'), render: (_, r) => `${r.name}（${r.weight}%）` },
          { title: t('evaluation.residents'), render: (_, r) => pts(e.residentItems[r.i]) },
          { title: t('evaluation.branch'), render: (_, r) => e.branchScores?.[r.i] ?? '—' },
          { title: t('evaluation.committee'), render: (_, r) => e.committeeScores?.[r.i] ?? '—' },
          ...(party
            ? [
                {
                  title: t(`evaluation.mine.${party}`),
                  render: (_: unknown, r: { i: number }) => (
                    <InputNumber
                      aria-label={`${t(`evaluation.mine.${party}`)} ${e.items[r.i]!.name}`}
                      size="small"
                      min={0}
                      max={100}
                      value={entered[r.i]}
                      onChange={(v) => {
                        const next = e.items.map((_, n) => entered[n] ?? 0);
                        next[r.i] = Number(v ?? 0);
                        setScores({ ...scores, [party]: next });
                      }}
                      style={{ width: 72 }}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
      <Typography.Text>
        {t('evaluation.residents')} {pts(e.residentsScore)} · {t('evaluation.branch')} {pts(e.branchScore)} ·{' '}
        {t('evaluation.committee')} {pts(e.committeeScore)} ·{' '}
        <b>
          {t('evaluation.total')} {pts(e.total)}
        </b>
      </Typography.Text>
      <Space wrap>
        {party && (
          <Button
            loading={save.isPending}
            onClick={() =>
              save.mutate(
                { id: e.id, party, scores: e.items.map((_, n) => entered[n] ?? 0), version: e.version },
                { onSuccess: () => void message.success(t('evaluation.saved')), onError },
              )
            }
          >
            {t('evaluation.saveScores')}
          </Button>
        )}
        {e.canPublish && (
          <Button
            type="primary"
            loading={publish.isPending}
            onClick={() => publish.mutate({ id: e.id, version: e.version }, { onError })}
          >
            {t('evaluation.publish')}
          </Button>
        )}
      </Space>
    </Space>
  );
}

function SettingsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const schemes = useSchemes();
  const save = useSaveScheme();
  const [year, setYear] = useState(2027);
  const units = schemes.data?.configurableUnits ?? [];
  const create = () =>
    save.mutate(
      {
        body: {
          orgUnitId: units[0]!.id,
          year,
          items: DEFAULT_EVALUATION_ITEMS.map((i) => ({ ...i })),
          ...DEFAULT_PARTY_WEIGHTS,
          bottomCount: 3,
          scoreLine: 70,
        },
      },
      { onError: (e) => void message.error(errorMessage(e)) },
    );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {units.length > 0 && (
        <Space wrap>
          <Select value={year} onChange={setYear} options={YEARS.map((y) => ({ value: y, label: `${y}` }))} />
          <Button onClick={create} loading={save.isPending}>
            {t('evaluation.newScheme', { unit: units[0]!.name })}
          </Button>
        </Space>
      )}
      {(schemes.data?.items ?? []).map((s) => (
        <SchemeCard key={s.id} scheme={s} />
      ))}
    </Space>
  );
}

function SchemeCard({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const save = useSaveScheme();
  const [weights, setWeights] = useState(scheme.items.map((i) => i.weight));
  const sum = weights.reduce((a, b) => a + b, 0);
  return (
    <Card
      size="small"
      title={`${scheme.year} · ${scheme.orgUnitName}`}
      extra={scheme.evaluations > 0 && <Tag>{t('evaluation.frozen')}</Tag>}
    >
      <Space wrap>
        {scheme.items.map((it, i) => (
          <Space key={it.name} size={4}>
            {it.name}
            <InputNumber
              aria-label={it.name}
              size="small"
              min={1}
              max={100}
              disabled={!scheme.canEdit}
              value={weights[i]}
              onChange={(v) => setWeights(weights.map((w, n) => (n === i ? Number(v ?? 0) : w)))}
              style={{ width: 64 }}
            />
          </Space>
        ))}
      </Space>
      <div>
        <Typography.Text type={sum === 100 ? 'secondary' : 'danger'}>{t('evaluation.sum', { sum })}</Typography.Text>
        {' · '}
        {t('evaluation.weights', { r: scheme.residentsWeight, b: scheme.branchWeight, c: scheme.committeeWeight })}
      </div>
      {scheme.canEdit && (
        <Button
          size="small"
          loading={save.isPending}
          onClick={() =>
            save.mutate(
              {
                id: scheme.id,
                version: scheme.version,
                body: {
                  ...scheme,
                  items: scheme.items.map((it, i) => ({ name: it.name, weight: weights[i]! })),
                },
              },
              { onError: (e) => void message.error(errorMessage(e)) },
            )
          }
        >
          {t('evaluation.saveScheme')}
        </Button>
      )}
    </Card>
  );
}

export type { Evaluation };

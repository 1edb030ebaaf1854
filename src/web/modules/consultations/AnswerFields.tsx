import { lazy, Suspense } from 'react';
import { Button, Checkbox, Input, InputNumber, Radio, Space, Spin, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useMapConfig } from '../map/map.api';
import type { Answer, Question } from './consultations.api';
import type { LatLng } from './PointMap';

// Leaflet is loaded only when a question asks for a point.
const PointMap = lazy(() => import('./PointMap'));

/** What a person has filled in so far, by question id. */
export type Draft = Record<number, Answer>;

/** A draft with every ranking question in its shown order (the order is the answer). */
export function initialDraft(questions: Question[]): Draft {
  const d: Draft = {};
  for (const q of questions)
    if (q.kind === 'ranking') d[q.id] = { questionId: q.id, choices: q.options.map((_, i) => i) };
  return d;
}

export function toAnswers(questions: Question[], d: Draft): Answer[] {
  return questions.map((q) => d[q.id]).filter((a): a is Answer => !!a);
}

function PointField(p: { center: LatLng | null; value: LatLng | null; onChange: (v: LatLng) => void; id: number }) {
  const { t } = useTranslation();
  const config = useMapConfig();
  if (!p.center)
    return (
      <Space wrap>
        <InputNumber
          placeholder={t('consult.lat')}
          min={-90}
          max={90}
          step={0.0001}
          value={p.value?.lat}
          onChange={(v) => v !== null && p.onChange({ lat: v, lng: p.value?.lng ?? 0 })}
        />
        <InputNumber
          placeholder={t('consult.lng')}
          min={-180}
          max={180}
          step={0.0001}
          value={p.value?.lng}
          onChange={(v) => v !== null && p.onChange({ lat: p.value?.lat ?? 0, lng: v })}
        />
      </Space>
    );
  return (
    <Space orientation="vertical" size={4} style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('consult.tapMap')}</Typography.Text>
      <Suspense fallback={<Spin />}>
        <PointMap
          center={p.center}
          tiles={config.data?.tiles ?? null}
          value={p.value}
          onChange={p.onChange}
          height={240}
          testId={`answer-map-${p.id}`}
        />
      </Suspense>
    </Space>
  );
}

/** The inputs of a consultation's questions: choices, a ranking by arrows, free text, a point on the map. */
export function AnswerFields({
  questions,
  draft,
  onChange,
  center,
}: {
  questions: Question[];
  draft: Draft;
  onChange: (d: Draft) => void;
  center: LatLng | null;
}) {
  const { t } = useTranslation();
  const set = (a: Answer) => onChange({ ...draft, [a.questionId]: a });
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {questions.map((q, n) => {
        const a = draft[q.id];
        return (
          <div key={q.id} data-testid={`question-${q.id}`}>
            <Typography.Paragraph strong style={{ marginBottom: 6 }}>
              {n + 1}. {q.prompt} <Tag>{t(`consult.questionKinds.${q.kind}`)}</Tag>
              {!q.required && <Typography.Text type="secondary">{t('consult.optional')}</Typography.Text>}
            </Typography.Paragraph>
            {q.kind === 'single' && (
              <Radio.Group
                value={a?.choices?.[0]}
                onChange={(e) => set({ questionId: q.id, choices: [e.target.value as number] })}
                style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
                options={q.options.map((o, i) => ({ value: i, label: o }))}
              />
            )}
            {q.kind === 'multiple' && (
              <Checkbox.Group
                value={a?.choices ?? []}
                onChange={(v) => set({ questionId: q.id, choices: [...(v as number[])].sort((x, y) => x - y) })}
                style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
                options={q.options.map((o, i) => ({ value: i, label: o }))}
              />
            )}
            {q.kind === 'ranking' && (
              <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                <Typography.Text type="secondary">{t('consult.rankHint')}</Typography.Text>
                {(a?.choices ?? []).map((opt, rank, all) => {
                  const move = (to: number) => {
                    const c = [...all];
                    [c[rank], c[to]] = [c[to]!, c[rank]!];
                    set({ questionId: q.id, choices: c });
                  };
                  return (
                    <Space key={opt} style={{ width: '100%', justifyContent: 'space-between' }}>
                      <Typography.Text>
                        <Tag color="red">{rank + 1}</Tag>
                        {q.options[opt]}
                      </Typography.Text>
                      <Space size={4}>
                        <Button
                          size="small"
                          icon={<ArrowUpOutlined />}
                          disabled={rank === 0}
                          onClick={() => move(rank - 1)}
                          aria-label={t('consult.up')}
                          data-testid={`rank-up-${q.id}-${opt}`}
                        />
                        <Button
                          size="small"
                          icon={<ArrowDownOutlined />}
                          disabled={rank === all.length - 1}
                          onClick={() => move(rank + 1)}
                          aria-label={t('consult.down')}
                        />
                      </Space>
                    </Space>
                  );
                })}
              </Space>
            )}
            {q.kind === 'text' && (
              <Input.TextArea
                rows={3}
                maxLength={1000}
                value={a?.text ?? ''}
                onChange={(e) => set({ questionId: q.id, text: e.target.value })}
                data-testid={`answer-text-${q.id}`}
              />
            )}
            {q.kind === 'point' && (
              <PointField
                id={q.id}
                center={center}
                value={a?.point ?? null}
                onChange={(point) => set({ questionId: q.id, point })}
              />
            )}
          </div>
        );
      })}
    </Space>
  );
}

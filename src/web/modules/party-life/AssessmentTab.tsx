import { useState } from 'react';
import { App, Button, Card, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import { ASSESSMENT_SUBJECTS, type AssessmentSubject } from '../../../shared/party-life.constants';
import type { PartyAssessment } from '../../../shared/party-life.schema';
import { useAssessmentItems, useAssessments, useEnterAssessment } from './party-life.api';

const GRADE_COLOR = { excellent: 'green', good: 'blue', fair: 'gold', poor: 'red' } as const;

function ScoreForm({ branchId, year, subject }: { branchId: string; year: number; subject: AssessmentSubject }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const items = useAssessmentItems().data?.assessmentItems[subject] ?? [];
  const enter = useEnterAssessment(branchId);
  const [scores, setScores] = useState<Record<string, number | null>>({});
  return (
    <Card size="small" title={t(`partyLife.subjects.${subject}`)}>
      <Space direction="vertical">
        {items.map((i) => (
          <Space key={i.key} wrap>
            <span style={{ display: 'inline-block', minWidth: 150 }}>
              {i.name}（≤ {i.maxScore}）
            </span>
            <InputNumber
              min={0}
              max={i.maxScore}
              value={scores[i.key] ?? null}
              onChange={(v) => setScores({ ...scores, [i.key]: v })}
              data-testid={`score-${subject}-${i.key}`}
            />
          </Space>
        ))}
        <Button
          type="primary"
          loading={enter.isPending}
          onClick={() =>
            enter.mutate(
              {
                year,
                subject,
                scores: Object.fromEntries(Object.entries(scores).filter(([, v]) => v !== null)) as Record<
                  string,
                  number
                >,
              },
              {
                onSuccess: (r) =>
                  void message.success(
                    t('partyLife.graded', {
                      total: r.assessment.total,
                      grade: t(`partyLife.grades.${r.assessment.grade}`),
                    }),
                  ),
                onError: (e) => void message.error(errorMessage(e)),
              },
            )
          }
        >
          {t('partyLife.save')}
        </Button>
      </Space>
    </Card>
  );
}

/** 考核评议 of the year: results in scope (of the picked branch when one is picked), scoring for the committees. */
export function AssessmentTab({ branchId, year, canReview }: { branchId?: string; year: number; canReview: boolean }) {
  const { t } = useTranslation();
  const list = useAssessments(year, branchId);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {list.data && (
        <Space wrap>
          {Object.entries(list.data.grades).map(([g, n]) => (
            <Tag key={g} color={GRADE_COLOR[g as keyof typeof GRADE_COLOR]}>
              {t(`partyLife.grades.${g as keyof typeof GRADE_COLOR}`)} {n}
            </Tag>
          ))}
        </Space>
      )}
      <Table<PartyAssessment>
        size="small"
        rowKey={(r) => `${r.partyOrgId}-${r.subject}`}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        data-testid="assessments"
        columns={[
          { key: 'org', dataIndex: 'partyOrgName', title: t('partyLife.branch') },
          {
            key: 'subject',
            title: t('partyLife.subject'),
            render: (_, r) =>
              `${t(`partyLife.subjects.${r.subject}`)}${r.secretaryName ? `（${r.secretaryName}）` : ''}`,
          },
          { key: 'total', title: t('partyLife.total'), render: (_, r) => `${r.total}/${r.maxTotal}` },
          {
            key: 'grade',
            dataIndex: 'grade',
            title: t('partyLife.grade'),
            render: (g: PartyAssessment['grade']) => <Tag color={GRADE_COLOR[g]}>{t(`partyLife.grades.${g}`)}</Tag>,
          },
          {
            key: 'scores',
            title: t('partyLife.items'),
            render: (_, r) => (
              <Typography.Text type="secondary">
                {r.scores.map((s) => `${s.name} ${s.score}`).join('；')}
              </Typography.Text>
            ),
          },
        ]}
      />
      {canReview && branchId && (
        <Space wrap align="start">
          {ASSESSMENT_SUBJECTS.map((s) => (
            <ScoreForm key={s} branchId={branchId} year={year} subject={s} />
          ))}
        </Space>
      )}
    </Space>
  );
}

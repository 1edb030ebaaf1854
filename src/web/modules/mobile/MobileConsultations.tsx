import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Empty, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, errorMessage } from '../../lib/api';
import { formatDateTime } from '../work-orders/OrderBits';
import { AnswerFields, initialDraft, toAnswers, type Draft } from '../consultations/AnswerFields';
import { ResultsView } from '../consultations/ResultsView';
import { StatusTag } from '../consultations/StatusTag';
import {
  useAnswer,
  useConsultation,
  useConsultations,
  useResults,
  type ConsultationDetail,
} from '../consultations/consultations.api';

/** 征求意见 on the phone: what asks the resident's household now, and the results published after closing. */
export function MobileConsultations() {
  const { t } = useTranslation();
  const q = useConsultations();
  if (q.isPending) return <Spin />;
  if (q.isError) return <Alert type="error" showIcon message={errorMessage(q.error)} />;
  const open = q.data.items.filter((c) => c.status === 'open');
  const published = q.data.items.filter((c) => c.status === 'published');
  const card = (c: (typeof open)[number]) => (
    <Link key={c.id} to={`/m/consultations/${c.id}`} data-testid={`m-consult-${c.title}`}>
      <Card size="small" hoverable>
        <Typography.Text strong style={{ display: 'block' }}>
          {c.title}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <StatusTag status={c.status} />
          {c.scopeName} · {t('consult.closesAtValue', { at: formatDateTime(c.closesAt) })}
        </Typography.Text>
      </Card>
    </Link>
  );
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="m-consultations">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('consult.mOpen')}
      </Typography.Title>
      {open.length === 0 && <Empty description={t('consult.mNoneOpen')} />}
      {open.map(card)}
      <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
        {t('consult.mPublished')}
      </Typography.Title>
      {published.length === 0 && <Empty description={t('consult.mNonePublished')} />}
      {published.map(card)}
    </div>
  );
}

function AnswerForm({ d, onStart, onDone }: { d: ConsultationDetail; onStart: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [draft, setDraft] = useState<Draft>(() => initialDraft(d.questions));
  const answer = useAnswer(d.consultation.id);
  // refused as a second answer (409): the server's message is all there is left to show
  if (answer.error instanceof ApiError && answer.error.status === 409)
    return <Alert type="error" showIcon message={answer.error.message} data-testid="m-answer-error" />;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }} data-testid="m-answer-form">
      <Typography.Text type="secondary">
        {t(`consult.per.${d.consultation.answerPer}`)} ·{' '}
        {d.consultation.isAnonymous ? t('consult.anonymousHint') : t('consult.namedHint')}
      </Typography.Text>
      <AnswerFields
        questions={d.questions}
        draft={draft}
        onChange={(x) => {
          onStart();
          setDraft(x);
        }}
        center={d.center}
      />
      {answer.error && (
        <Alert type="error" showIcon message={errorMessage(answer.error)} data-testid="m-answer-error" />
      )}
      <Button
        type="primary"
        block
        size="large"
        loading={answer.isPending}
        data-testid="m-answer-submit"
        // the answered detail replaces this form once the household has answered: the promise outlives it
        onClick={() =>
          void answer
            .mutateAsync({ answers: toAnswers(d.questions, draft) })
            .then(() => {
              onDone();
              void message.success(t('consult.mThanks'));
            })
            .catch(() => undefined)
        }
      >
        {t('consult.mSubmit')}
      </Button>
    </div>
  );
}

/** One consultation: answer it once, or see that the household has; the published result. */
export function MobileConsultation() {
  const { t } = useTranslation();
  const { id } = useParams();
  const q = useConsultation(id);
  const c = q.data?.consultation;
  const results = useResults(id, c?.status === 'published');
  // a form being filled in stays while the detail refreshes: a family member answering meanwhile shows as the server's refusal
  const [started, setStarted] = useState(false);
  if (q.isPending) return <Spin />;
  if (q.isError) return <Alert type="error" showIcon message={errorMessage(q.error)} />;
  const d = q.data;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }} data-testid="m-consultation">
      <Link to="/m/consultations">‹ {t('app.back')}</Link>
      <Card size="small">
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {d.consultation.title}
        </Typography.Title>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <StatusTag status={d.consultation.status} />
          {d.consultation.scopeName} · {t(`consult.organisers.${d.consultation.organiserKind}`)}{' '}
          {d.consultation.createdByName} · {t('consult.closesAtValue', { at: formatDateTime(d.consultation.closesAt) })}
        </Typography.Text>
        {d.consultation.description && (
          <Typography.Paragraph style={{ margin: '8px 0 0' }}>{d.consultation.description}</Typography.Paragraph>
        )}
      </Card>
      {d.hasAnswered && (
        <Alert
          type="success"
          showIcon
          data-testid="m-answered"
          message={
            d.consultation.answerPer === 'household' ? t('consult.mAnsweredHousehold') : t('consult.mAnsweredPerson')
          }
        />
      )}
      {(d.canAnswer || started) && (
        <AnswerForm d={d} onStart={() => setStarted(true)} onDone={() => setStarted(false)} />
      )}
      {!d.canAnswer && !d.hasAnswered && !started && d.consultation.status === 'open' && (
        <Alert type="info" showIcon message={t('consult.mNotEligible')} />
      )}
      {d.consultation.status === 'closed' && <Alert type="info" showIcon message={t('consult.mAwaiting')} />}
      {d.consultation.status === 'published' && (
        <Card size="small" title={t('consult.mResult')}>
          {results.isPending && <Spin />}
          {results.error && <Alert type="error" showIcon message={errorMessage(results.error)} />}
          {results.data && <ResultsView r={results.data} center={d.center} />}
        </Card>
      )}
    </div>
  );
}

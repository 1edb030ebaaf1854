import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Input, Modal, Radio, Select, Space, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import { OWNER_MATTERS, QUESTION_KINDS } from '../../../shared/consultations.constants';
import { useCurrentUser } from '../auth/useCurrentUser';
import { useBuildings } from '../org/org.api';
import { useCreateConsultation, useScopeSearch, type ConsultationInput } from './consultations.api';

type Kind = NonNullable<ConsultationInput['kind']>;
type QuestionKind = (typeof QUESTION_KINDS)[number];
interface QuestionDraft {
  kind: QuestionKind;
  prompt: string;
  options: string;
  required: boolean;
}
const WITH_OPTIONS: QuestionKind[] = ['single', 'multiple', 'ranking'];
const inAWeek = () => {
  const d = new Date(Date.now() + 7 * 86_400_000);
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return `${d.toISOString().slice(0, 10)}T18:00`;
};

/** Opening a survey, vote or owners' decision: its scope, who answers, anonymity, closing time and questions. */
export function CreateConsultationDialog({ onClose }: { onClose: (id?: string) => void }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const create = useCreateConsultation();
  const own = ['community', 'village', 'compound'].includes(me.orgUnit.kind) ? me.orgUnit : null;
  const [q, setQ] = useState('');
  const scopes = useScopeSearch(q);
  const [scope, setScope] = useState<{ id: string; name: string; kind: string } | null>(own);
  const buildings = useBuildings(scope?.kind === 'compound' ? scope.id : undefined);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [kind, setKind] = useState<Kind>('survey');
  const [organiserKind, setOrganiserKind] = useState<NonNullable<ConsultationInput['organiserKind']>>(
    me.role === 'branch_secretary' ? 'branch' : 'community',
  );
  const [buildingId, setBuildingId] = useState<string | null>(null);
  const [answerPer, setAnswerPer] = useState<'household' | 'person'>('household');
  const [isAnonymous, setAnonymous] = useState(false);
  const [closesAt, setClosesAt] = useState(inAWeek);
  const [matter, setMatter] = useState<(typeof OWNER_MATTERS)[number] | null>(null);
  const [questions, setQuestions] = useState<QuestionDraft[]>([
    { kind: 'single', prompt: '', options: '', required: true },
  ]);
  const decision = kind === 'owners_decision';
  const setQuestion = (i: number, patch: Partial<QuestionDraft>) =>
    setQuestions((qs) => qs.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const submit = () =>
    create.mutate(
      {
        title,
        description,
        kind,
        organiserKind: decision ? 'owners_committee' : organiserKind,
        orgUnitId: scope?.id ?? '',
        buildingId,
        answerPer: decision ? 'household' : answerPer,
        isAnonymous: decision ? false : isAnonymous,
        closesAt: closesAt ? new Date(closesAt).toISOString() : '',
        matter: decision ? matter : null,
        questions: decision
          ? []
          : questions.map((x) => ({
              kind: x.kind,
              prompt: x.prompt,
              required: x.required,
              options: WITH_OPTIONS.includes(x.kind)
                ? x.options
                    .split('\n')
                    .map((o) => o.trim())
                    .filter(Boolean)
                : [],
            })),
      },
      { onSuccess: (d) => onClose(d.consultation.id) },
    );
  const scopeOptions = [...(own ? [own] : []), ...(scopes.data ?? []).filter((u) => u.id !== own?.id)];
  const label = (text: string) => (
    <Typography.Text strong style={{ display: 'block', marginBottom: 4 }}>
      {text}
    </Typography.Text>
  );
  return (
    <Modal
      open
      width={720}
      title={t('consult.new')}
      onCancel={() => onClose()}
      onOk={submit}
      okText={t('consult.open')}
      okButtonProps={{ loading: create.isPending, ...{ 'data-testid': 'consult-create' } }}
      destroyOnHidden
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="consult-form">
        <div>
          {label(t('consult.kind'))}
          <Radio.Group
            value={kind}
            onChange={(e) => setKind(e.target.value as Kind)}
            optionType="button"
            options={(['survey', 'vote', 'owners_decision'] as const).map((k) => ({
              value: k,
              label: t(`consult.kinds.${k}`),
            }))}
            data-testid="consult-kind"
          />
        </div>
        <Input
          placeholder={t('consult.titlePlaceholder')}
          maxLength={120}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          data-testid="consult-title"
        />
        <Input.TextArea
          rows={2}
          maxLength={2000}
          placeholder={t('consult.description')}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
        <Space wrap align="start" style={{ width: '100%' }}>
          <div>
            {label(t('consult.scope'))}
            <Select
              style={{ width: 220 }}
              showSearch={{ filterOption: false, onSearch: setQ }}
              value={scope?.id}
              onChange={(id: string) => {
                setScope(scopeOptions.find((u) => u.id === id) ?? null);
                setBuildingId(null);
              }}
              options={scopeOptions.map((u) => ({ value: u.id, label: `${u.name}（${t(`orgKind.${u.kind}`)}）` }))}
              placeholder={t('consult.scopePlaceholder')}
              data-testid="consult-scope"
            />
          </div>
          {scope?.kind === 'compound' && (
            <div>
              {label(t('consult.building'))}
              <Select
                style={{ width: 160 }}
                allowClear
                value={buildingId ?? undefined}
                onChange={(v?: string) => setBuildingId(v ?? null)}
                placeholder={t('consult.wholeCompound')}
                options={(buildings.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
              />
            </div>
          )}
          <div>
            {label(t('consult.closesAt'))}
            <Input
              type="datetime-local"
              value={closesAt}
              onChange={(e) => setClosesAt(e.target.value)}
              data-testid="consult-closes"
            />
          </div>
        </Space>
        {decision ? (
          <>
            <div>
              {label(t('consult.matter'))}
              <Select
                style={{ width: '100%' }}
                value={matter ?? undefined}
                onChange={setMatter}
                options={OWNER_MATTERS.map((m) => ({ value: m, label: t(`consult.matters.${m}`) }))}
                data-testid="consult-matter"
              />
            </div>
            <Alert type="info" showIcon title={t('consult.decisionHint')} />
          </>
        ) : (
          <>
            <Space wrap size={16}>
              <div>
                {label(t('consult.organiser'))}
                <Select
                  style={{ width: 160 }}
                  value={organiserKind}
                  onChange={setOrganiserKind}
                  options={(['community', 'branch', 'owners_committee'] as const).map((k) => ({
                    value: k,
                    label: t(`consult.organisers.${k}`),
                  }))}
                />
              </div>
              <div>
                {label(t('consult.answerPer'))}
                <Radio.Group
                  value={answerPer}
                  onChange={(e) => setAnswerPer(e.target.value as 'household' | 'person')}
                  options={(['household', 'person'] as const).map((k) => ({ value: k, label: t(`consult.per.${k}`) }))}
                />
              </div>
              <div>
                {label(t('consult.anonymous'))}
                <Switch checked={isAnonymous} onChange={setAnonymous} />
              </div>
            </Space>
            {questions.map((x, i) => (
              <Card
                key={i}
                size="small"
                title={t('consult.questionN', { n: i + 1 })}
                data-testid={`consult-q-${i}`}
                extra={
                  questions.length > 1 && (
                    <Button
                      size="small"
                      type="text"
                      icon={<DeleteOutlined />}
                      aria-label={t('common.delete')}
                      onClick={() => setQuestions((qs) => qs.filter((_, j) => j !== i))}
                    />
                  )
                }
              >
                <Space orientation="vertical" size={8} style={{ width: '100%' }}>
                  <Space wrap>
                    <Select
                      style={{ width: 150 }}
                      value={x.kind}
                      onChange={(k: QuestionKind) => setQuestion(i, { kind: k })}
                      options={QUESTION_KINDS.map((k) => ({ value: k, label: t(`consult.questionKinds.${k}`) }))}
                      data-testid={`consult-q-kind-${i}`}
                    />
                    <Checkbox checked={x.required} onChange={(e) => setQuestion(i, { required: e.target.checked })}>
                      {t('consult.required')}
                    </Checkbox>
                  </Space>
                  <Input
                    maxLength={200}
                    placeholder={t('consult.prompt')}
                    value={x.prompt}
                    onChange={(e) => setQuestion(i, { prompt: e.target.value })}
                    data-testid={`consult-q-prompt-${i}`}
                  />
                  {WITH_OPTIONS.includes(x.kind) && (
                    <Input.TextArea
                      rows={3}
                      placeholder={t('consult.optionsPlaceholder')}
                      value={x.options}
                      onChange={(e) => setQuestion(i, { options: e.target.value })}
                      data-testid={`consult-q-options-${i}`}
                    />
                  )}
                </Space>
              </Card>
            ))}
            <Button
              icon={<PlusOutlined />}
              onClick={() => setQuestions((qs) => [...qs, { kind: 'single', prompt: '', options: '', required: true }])}
              data-testid="consult-add-q"
            >
              {t('consult.addQuestion')}
            </Button>
          </>
        )}
        {create.error && <Alert type="error" showIcon title={errorMessage(create.error)} data-testid="consult-error" />}
      </Space>
    </Modal>
  );
}

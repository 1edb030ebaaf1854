import { useEffect, useState } from 'react';
import { Alert, App, Button, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage, isVersionConflict } from '../../lib/api';
import type { Settings } from '../../../shared/party-life.schema';
import { ACTIVITY_KINDS, ASSESSMENT_SUBJECTS, FREQUENCIES } from '../../../shared/party-life.constants';
import type { AssessmentSubject } from '../../../shared/party-life.constants';
import { useLifeSettings, useSaveLifeSettings } from './party-life.api';

type Draft = Omit<Settings, 'version'>;
const copy = (s: Settings): Draft => structuredClone({ ...s, version: undefined }) as Draft;
/** A new item's key: the server keeps evidence and scores under it, so it is made once and never shown. */
const newKey = (prefix: string) =>
  `${prefix}_${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 2).toString(36)}`;
const nameOk = (n: string) => n.trim().length >= 2 && n.trim().length <= 40;
const row = { display: 'flex', gap: 8, alignItems: 'center', marginBottom: 8 } as const;
const grid = { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 8 } as const;

/** 组织生活设置 (district-wide): 三会一课 frequencies, the working systems of the yearly checklist, assessment items. */
export function SettingsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const q = useLifeSettings();
  const save = useSaveLifeSettings();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [conflict, setConflict] = useState(false);
  useEffect(() => {
    if (q.data && !draft) setDraft(copy(q.data));
  }, [q.data, draft]);
  if (!q.data || !draft) return null;
  const saved = q.data;
  const savedKeys = new Set(saved.systems.map((s) => s.key));
  const dirty = JSON.stringify(draft) !== JSON.stringify(copy(saved));
  const valid =
    draft.systems.every((s) => nameOk(s.name)) &&
    draft.systems.some((s) => !s.disabled) &&
    ASSESSMENT_SUBJECTS.every((k) => draft.assessmentItems[k].every((i) => nameOk(i.name) && i.maxScore >= 1));
  const set = (f: (d: Draft) => void) => {
    const next = structuredClone(draft);
    f(next);
    setDraft(next);
  };
  const reload = async () => {
    const fresh = await q.refetch();
    if (fresh.data) setDraft(copy(fresh.data));
    setConflict(false);
  };
  const submit = () =>
    save.mutate(
      { ...draft, version: saved.version },
      {
        onSuccess: (s) => {
          setDraft(copy(s));
          void message.success(t('partyLife.saved'));
        },
        onError: (e) => {
          if (isVersionConflict(e) || (e instanceof ApiError && e.code === 'SETTINGS_CHANGED')) setConflict(true);
          else void message.error(errorMessage(e));
        },
      },
    );
  return (
    <div data-testid="life-settings">
      <Typography.Paragraph type="secondary">{t('partyLife.settingsHint')}</Typography.Paragraph>
      {conflict && (
        <Alert
          type="warning"
          showIcon
          title={t('partyLife.conflict')}
          action={
            <Button size="small" onClick={() => void reload()} data-testid="settings-reload">
              {t('partyLife.reload')}
            </Button>
          }
          style={{ marginBottom: 12 }}
          data-testid="settings-conflict"
        />
      )}
      <Typography.Title level={5}>{t('partyLife.frequencies')}</Typography.Title>
      <div style={grid}>
        {ACTIVITY_KINDS.map((k) => (
          <div key={k} style={{ ...row, justifyContent: 'space-between', marginBottom: 0 }}>
            <span>{t(`partyLife.kinds.${k}`)}</span>
            <Select
              size="small"
              style={{ width: 110 }}
              value={draft.frequencies[k]}
              onChange={(v) => set((d) => void (d.frequencies[k] = v))}
              options={FREQUENCIES.map((f) => ({ value: f, label: t(`partyLife.freq.${f}`) }))}
              data-testid={`settings-freq-${k}`}
            />
          </div>
        ))}
      </div>
      <Typography.Title level={5} style={{ marginTop: 20 }}>
        {t('partyLife.systems')}
      </Typography.Title>
      {draft.systems.map((s, i) => (
        <div key={s.key} style={row}>
          <Input
            value={s.name}
            maxLength={40}
            status={nameOk(s.name) ? undefined : 'error'}
            placeholder={t('partyLife.systemName')}
            onChange={(e) => set((d) => void (d.systems[i]!.name = e.target.value))}
            style={{ flex: 1, minWidth: 0 }}
            data-testid={`settings-system-${i}`}
          />
          <Switch
            checked={!s.disabled}
            checkedChildren={t('partyLife.enabled')}
            unCheckedChildren={t('partyLife.disabled')}
            onChange={(on) => set((d) => void (d.systems[i]!.disabled = !on))}
            data-testid={`settings-system-on-${i}`}
          />
          {!savedKeys.has(s.key) && (
            <Button size="small" type="text" danger onClick={() => set((d) => void d.systems.splice(i, 1))}>
              {t('partyLife.remove')}
            </Button>
          )}
        </div>
      ))}
      <Button
        size="small"
        disabled={draft.systems.length >= 20}
        onClick={() => set((d) => void d.systems.push({ key: newKey('sys'), name: '' }))}
        data-testid="settings-add-system"
      >
        {t('partyLife.addSystem')}
      </Button>
      <Typography.Title level={5} style={{ marginTop: 20 }}>
        {t('partyLife.assessmentItems')}
      </Typography.Title>
      {ASSESSMENT_SUBJECTS.map((k) => (
        <ItemsEditor key={k} subject={k} draft={draft} set={set} />
      ))}
      <Space style={{ marginTop: 16 }} wrap>
        <Button
          type="primary"
          disabled={!dirty || !valid || conflict}
          loading={save.isPending}
          onClick={submit}
          data-testid="settings-save"
        >
          {t('partyLife.save')}
        </Button>
        {dirty && <Typography.Text type="warning">{t('partyLife.unsaved')}</Typography.Text>}
      </Space>
    </div>
  );
}

function ItemsEditor({
  subject,
  draft,
  set,
}: {
  subject: AssessmentSubject;
  draft: Draft;
  set: (f: (d: Draft) => void) => void;
}) {
  const { t } = useTranslation();
  const items = draft.assessmentItems[subject];
  const sum = items.reduce((s, i) => s + (i.maxScore || 0), 0);
  return (
    <div style={{ marginBottom: 12 }} data-testid={`settings-items-${subject}`}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t(`partyLife.subjects.${subject}`)}</Typography.Text>
        <Typography.Text type={sum === 100 ? 'secondary' : 'warning'}>
          {t(sum === 100 ? 'partyLife.sum' : 'partyLife.sumNot100', { sum })}
        </Typography.Text>
      </Space>
      {items.map((it, i) => (
        <div key={it.key} style={row}>
          <Input
            value={it.name}
            maxLength={40}
            status={nameOk(it.name) ? undefined : 'error'}
            placeholder={t('partyLife.itemName')}
            onChange={(e) => set((d) => void (d.assessmentItems[subject][i]!.name = e.target.value))}
            style={{ flex: 1, minWidth: 0 }}
          />
          <InputNumber
            min={1}
            max={100}
            precision={0}
            value={it.maxScore}
            onChange={(v) => set((d) => void (d.assessmentItems[subject][i]!.maxScore = v ?? 1))}
            style={{ width: 72 }}
            aria-label={t('partyLife.maxScore')}
          />
          <Button
            size="small"
            type="text"
            danger
            disabled={items.length <= 1}
            onClick={() => set((d) => void d.assessmentItems[subject].splice(i, 1))}
          >
            {t('partyLife.remove')}
          </Button>
        </div>
      ))}
      <Button
        size="small"
        disabled={items.length >= 20}
        onClick={() =>
          set((d) => void d.assessmentItems[subject].push({ key: newKey('item'), name: '', maxScore: 10 }))
        }
      >
        {t('partyLife.addItem')}
      </Button>
    </div>
  );
}

import { useEffect, useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Flex,
  InputNumber,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../lib/api';
import { useCurrentUser } from '../auth/useCurrentUser';
import { useAssessmentSettings, useSaveAssessmentSettings } from './assessment.api';
import { LOWER_IS_BETTER, RATE_KEYS, type RateKey, type Settings } from './types';

const REVIEWER_ROLES = ['district_admin', 'street_staff'] as const;

/** The sum of the weights, to two places (weights may be decimals). */
export const weightSum = (w: Record<RateKey, number>) =>
  Math.round(RATE_KEYS.reduce((s, k) => s + (w[k] ?? 0), 0) * 100) / 100;

/** 考核设置: the composite score's weights (each beside its rate's definition), the lists, appeals and callbacks. */
export default function SettingsPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const mayEdit = useCurrentUser().abilities.includes('assessment.configure');
  const settings = useAssessmentSettings();
  const save = useSaveAssessmentSettings();
  const [draft, setDraft] = useState<Settings | null>(null);
  const [conflict, setConflict] = useState<number | null>(null);
  useEffect(() => {
    if (settings.data && draft === null) setDraft(settings.data);
  }, [settings.data, draft]);

  if (settings.isPending) return <Skeleton active />;
  if (settings.error) return <Alert type="error" title={errorMessage(settings.error)} />;
  if (!draft) return null;

  const sum = weightSum(draft.weights);
  const sumOk = sum === 100;
  const set = (patch: Partial<Settings>) => setDraft({ ...draft, ...patch });
  const setWeight = (k: RateKey, v: number | null) => set({ weights: { ...draft.weights, [k]: v ?? 0 } });
  const number = (key: 'redListSize' | 'blackListSize' | 'appealDays' | 'callbackTries', min: number, max: number) => (
    <Flex wrap gap={8} align="center" justify="space-between" style={{ width: '100%', maxWidth: 520 }}>
      <label htmlFor={`setting-${key}`}>{t(`assessmentSettings.${key}`)}</label>
      <InputNumber
        id={`setting-${key}`}
        data-testid={`setting-${key}`}
        min={min}
        max={max}
        precision={0}
        disabled={!mayEdit}
        value={draft[key]}
        onChange={(v) => set({ [key]: v ?? min })}
        style={{ width: 96 }}
      />
    </Flex>
  );

  const onSave = () =>
    save.mutate(draft, {
      onSuccess: (saved) => {
        setDraft(saved);
        setConflict(null);
        void message.success(t('assessmentSettings.saved', { version: saved.version }));
      },
      onError: async (e) => {
        if (e instanceof ApiError && e.code === 'SETTINGS_CONFLICT') {
          // someone saved in between: load their values, say so, let the district check and save again
          const fresh = await settings.refetch();
          if (fresh.data) {
            setDraft(fresh.data);
            setConflict(fresh.data.version);
          }
        } else void message.error(errorMessage(e));
      },
    });

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 960 }} data-testid="assessment-settings">
      <Space orientation="vertical" size={0}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('assessmentSettings.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('assessmentSettings.subtitle')}</Typography.Text>
        <Typography.Text type="secondary" data-testid="settings-version">
          {settings.data?.version
            ? t('assessmentSettings.version', { version: settings.data.version })
            : t('assessmentSettings.neverSaved')}
        </Typography.Text>
      </Space>
      {!mayEdit && <Alert type="info" title={t('assessmentSettings.readOnly')} />}
      {conflict !== null && (
        <Alert
          type="warning"
          showIcon
          data-testid="settings-conflict"
          title={t('assessmentSettings.conflict', { version: conflict })}
        />
      )}
      <Card
        size="small"
        title={t('assessmentSettings.weights')}
        extra={
          <Tag color={sumOk ? 'green' : 'red'} data-testid="weights-sum">
            {t('assessmentSettings.sum', { sum })}
          </Tag>
        }
      >
        <Typography.Paragraph type="secondary">{t('assessmentSettings.weightsHint')}</Typography.Paragraph>
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          {RATE_KEYS.map((k) => (
            <Flex key={k} gap={12} wrap align="flex-start" data-testid={`weight-row-${k}`}>
              <Flex gap={8} align="center" style={{ width: 200, flex: 'none' }}>
                <label htmlFor={`weight-${k}`} style={{ fontWeight: 600, flex: 1 }}>
                  {t(`assessment.rates.${k}`)}
                  {LOWER_IS_BETTER.includes(k) ? ' ↓' : ''}
                </label>
                <InputNumber
                  id={`weight-${k}`}
                  data-testid={`weight-${k}`}
                  min={0}
                  max={100}
                  disabled={!mayEdit}
                  value={draft.weights[k]}
                  onChange={(v) => setWeight(k, v)}
                  style={{ width: 80 }}
                />
              </Flex>
              <Typography.Text type="secondary" style={{ flex: '1 1 280px', minWidth: 0 }}>
                {t(`assessment.defs.${k}`)}
              </Typography.Text>
            </Flex>
          ))}
        </Space>
        {!sumOk && (
          <Alert
            style={{ marginTop: 12 }}
            type="error"
            showIcon
            data-testid="weights-error"
            title={t(sum > 100 ? 'assessmentSettings.sumOver' : 'assessmentSettings.sumUnder', {
              sum,
              diff: Math.abs(Math.round((100 - sum) * 100) / 100),
            })}
          />
        )}
      </Card>
      <Card size="small" title={t('assessmentSettings.lists')}>
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          {number('redListSize', 0, 20)}
          {number('blackListSize', 0, 20)}
        </Space>
      </Card>
      <Card size="small" title={t('assessmentSettings.rules')}>
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          {number('appealDays', 1, 30)}
          <Flex wrap gap={8} align="center" justify="space-between" style={{ width: '100%', maxWidth: 520 }}>
            <span>{t('assessmentSettings.appealReviewers')}</span>
            <Checkbox.Group
              disabled={!mayEdit}
              data-testid="setting-reviewers"
              value={draft.appealReviewers}
              options={REVIEWER_ROLES.map((r) => ({ value: r, label: t(`roles.${r}`, { defaultValue: r }) }))}
              onChange={(v) => v.length > 0 && set({ appealReviewers: v as Settings['appealReviewers'] })}
            />
          </Flex>
          {number('callbackTries', 1, 10)}
        </Space>
      </Card>
      {mayEdit && (
        <Space wrap>
          <Button
            type="primary"
            data-testid="settings-save"
            disabled={!sumOk}
            loading={save.isPending}
            onClick={onSave}
          >
            {t('assessmentSettings.save')}
          </Button>
          <Button
            onClick={() => {
              if (settings.data) setDraft(settings.data);
              setConflict(null);
            }}
          >
            {t('assessmentSettings.reset')}
          </Button>
        </Space>
      )}
    </Space>
  );
}

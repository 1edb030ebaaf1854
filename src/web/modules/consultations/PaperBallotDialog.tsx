import { useState } from 'react';
import { Alert, App as AntApp, Input, Modal, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import { useBuildings, useOrgChildren, useOrgUnit } from '../org/org.api';
import { AnswerFields, initialDraft, toAnswers, type Draft } from './AnswerFields';
import { useHouseholds, usePaperBallot, type ConsultationDetail } from './consultations.api';

/** A paper ballot collected door to door (纸质票): its household, its answers; counted and marked as paper. */
export function PaperBallotDialog({ detail, onClose }: { detail: ConsultationDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const c = detail.consultation;
  const scope = useOrgUnit(c.orgUnitId);
  const isCompound = scope.data?.unit.kind === 'compound';
  const compounds = useOrgChildren(c.orgUnitId, !!scope.data && !isCompound);
  const [compoundId, setCompoundId] = useState<string | undefined>();
  const compound = isCompound ? c.orgUnitId : compoundId;
  const buildings = useBuildings(c.buildingId ? undefined : compound);
  const [buildingId, setBuildingId] = useState<string | undefined>(c.buildingId ?? undefined);
  const households = useHouseholds(buildingId);
  const [householdId, setHouseholdId] = useState<string | undefined>();
  const [draft, setDraft] = useState<Draft>(() => initialDraft(detail.questions));
  const [note, setNote] = useState('');
  const save = usePaperBallot(c.id);
  const needsHousehold = c.answerPer === 'household' || c.kind === 'owners_decision';
  const submit = () =>
    save.mutate(
      { householdId: householdId ?? null, answers: toAnswers(detail.questions, draft), note },
      {
        onSuccess: () => {
          void message.success(t('consult.paperSaved'));
          onClose();
        },
      },
    );
  return (
    <Modal
      open
      width={640}
      title={t('consult.enterPaper')}
      onCancel={onClose}
      onOk={submit}
      okText={t('common.save')}
      okButtonProps={{ loading: save.isPending, ...{ 'data-testid': 'paper-save' } }}
      destroyOnHidden
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="paper-dialog">
        <Alert type="warning" showIcon title={t('consult.paperHint')} />
        <Typography.Text strong>
          {t('consult.household')}
          {!needsHousehold && <Typography.Text type="secondary"> {t('consult.optional')}</Typography.Text>}
        </Typography.Text>
        <Space wrap style={{ width: '100%' }}>
          {!isCompound && (
            <Select
              style={{ width: 180 }}
              placeholder={t('consult.compound')}
              value={compoundId}
              onChange={(v: string) => {
                setCompoundId(v);
                setBuildingId(undefined);
                setHouseholdId(undefined);
              }}
              options={(compounds.data ?? [])
                .filter((u) => u.kind === 'compound')
                .map((u) => ({ value: u.id, label: u.name }))}
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="paper-compound"
            />
          )}
          {!c.buildingId && (
            <Select
              style={{ width: 160 }}
              placeholder={t('consult.building')}
              value={buildingId}
              onChange={(v: string) => {
                setBuildingId(v);
                setHouseholdId(undefined);
              }}
              options={(buildings.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="paper-building"
            />
          )}
          <Select
            style={{ width: 180 }}
            placeholder={t('consult.room')}
            value={householdId}
            onChange={setHouseholdId}
            allowClear
            options={(households.data ?? []).map((h) => ({ value: h.id, label: `${h.unit} ${h.room}` }))}
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="paper-household"
          />
        </Space>
        <AnswerFields questions={detail.questions} draft={draft} onChange={setDraft} center={detail.center} />
        <Input
          maxLength={200}
          placeholder={t('consult.paperNote')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        {save.error && <Alert type="error" showIcon title={errorMessage(save.error)} data-testid="paper-error" />}
      </Space>
    </Modal>
  );
}

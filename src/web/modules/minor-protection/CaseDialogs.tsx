import { Alert, Checkbox, Form, Input, InputNumber, Modal, Radio, Select, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseAction } from './minor-protection.api';
import { useReferralReceivers } from './minor-protection.api';
import { SERVICE_KINDS_VISIT_FIRST as SERVICE_KINDS } from '../../../shared/minor-protection.constants';
import type { Consent, LivingConditions, ReceiverKind, ServiceKind } from './types';

const okProps = (testId: string, loading: boolean): ButtonProps => ({ loading, 'data-testid': testId }) as ButtonProps;

/** Today in Asia/Shanghai, as the server counts visit dates. */
export function shanghaiToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

interface ServiceForm {
  kind: ServiceKind;
  servedOn: string;
  outcome: string;
  childSeen: boolean;
  livingConditions: LivingConditions;
  safetyConcern: boolean;
  notes?: string;
}

/** 记录服务 / 入户探访: date, worker (the caller), outcome; a home visit also asks what the visit found. */
export function ServiceDialog({
  open,
  visit,
  loading,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  visit: boolean;
  loading: boolean;
  onCancel: () => void;
  onSubmit: (a: CaseAction) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ServiceForm>();
  const kind = Form.useWatch('kind', form) ?? (visit ? 'home_visit' : undefined);
  return (
    <Modal
      open={open}
      title={visit ? t('minor.visit.title') : t('minor.visit.recordService')}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okButtonProps={okProps(visit ? 'visit-submit' : 'service-submit', loading)}
      destroyOnHidden
      forceRender
    >
      <div data-testid={visit ? 'visit-dialog' : 'service-dialog'}>
        {/* both dialogs are rendered at once (forceRender): the form name keeps their field ids apart */}
        <Form
          name={visit ? 'visit' : 'service'}
          form={form}
          layout="vertical"
          initialValues={{
            kind: visit ? 'home_visit' : 'tutoring',
            servedOn: shanghaiToday(),
            childSeen: true,
            livingConditions: 'fair',
            safetyConcern: false,
          }}
          onFinish={(v) =>
            onSubmit({
              kind: 'service',
              body: {
                kind: v.kind,
                servedOn: v.servedOn,
                outcome: v.outcome.trim(),
                ...(v.kind === 'home_visit'
                  ? {
                      visit: {
                        childSeen: v.childSeen,
                        livingConditions: v.livingConditions,
                        safetyConcern: v.safetyConcern,
                        notes: v.notes?.trim() ?? '',
                      },
                    }
                  : {}),
              },
            })
          }
        >
          <Form.Item name="kind" label={t('minor.services.kind')} hidden={visit}>
            <Select
              options={SERVICE_KINDS.map((k) => ({ value: k, label: t(`minor.services.kinds.${k}`) }))}
              data-testid="service-kind"
            />
          </Form.Item>
          <Form.Item
            name="servedOn"
            label={t('minor.services.servedOn')}
            rules={[{ required: true, message: t('minor.visit.dateRequired') }]}
          >
            <Input type="date" max={shanghaiToday()} data-testid="service-date" />
          </Form.Item>
          {kind === 'home_visit' && (
            <>
              <Form.Item name="childSeen" valuePropName="checked">
                <Checkbox data-testid="visit-child-seen">{t('minor.visit.childSeen')}</Checkbox>
              </Form.Item>
              <Form.Item name="livingConditions" label={t('minor.visit.living')}>
                <Radio.Group
                  options={(['good', 'fair', 'poor'] as const).map((c) => ({
                    value: c,
                    label: t(`minor.visit.livingConditions.${c}`),
                  }))}
                />
              </Form.Item>
              <Form.Item name="safetyConcern" valuePropName="checked">
                <Checkbox data-testid="visit-safety">{t('minor.visit.safety')}</Checkbox>
              </Form.Item>
              <Form.Item name="notes" label={t('minor.visit.notes')}>
                <Input.TextArea rows={2} maxLength={2000} data-testid="visit-notes" />
              </Form.Item>
            </>
          )}
          <Form.Item
            name="outcome"
            label={kind === 'home_visit' ? t('minor.visit.outcome') : t('minor.services.outcome')}
            rules={[{ required: true, whitespace: true, message: t('minor.visit.outcomeRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} showCount data-testid="service-outcome" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}

export function ConsentDialog({
  open,
  loading,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  loading: boolean;
  onCancel: () => void;
  onSubmit: (a: CaseAction) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ guardian: string; givenOn: string; scope: string }>();
  return (
    <Modal
      open={open}
      title={t('minor.consents.add')}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okButtonProps={okProps('consent-submit', loading)}
      destroyOnHidden
      forceRender
    >
      <Form
        name="consent"
        form={form}
        layout="vertical"
        initialValues={{ givenOn: shanghaiToday() }}
        onFinish={(v) =>
          onSubmit({
            kind: 'consent',
            body: { guardian: v.guardian.trim(), givenOn: v.givenOn, scope: v.scope.trim() },
          })
        }
      >
        <Form.Item name="guardian" label={t('minor.consents.guardian')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={30} data-testid="consent-guardian" />
        </Form.Item>
        <Form.Item name="givenOn" label={t('minor.consents.givenOn')} rules={[{ required: true }]}>
          <Input type="date" max={shanghaiToday()} />
        </Form.Item>
        <Form.Item name="scope" label={t('minor.consents.scope')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="consent-scope" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface ReferralForm {
  receiverKind: ReceiverKind;
  workUnitId?: string;
  receiverUserId?: string;
  receiverName?: string;
  request: string;
  ackDays: number;
  consentId?: string;
  overrideReason?: string;
}

/** 转介: to a volunteer, a department or an organisation; needs a recorded guardian consent or a reason. */
export function ReferralDialog({
  open,
  consents,
  loading,
  onCancel,
  onSubmit,
}: {
  open: boolean;
  consents: Consent[];
  loading: boolean;
  onCancel: () => void;
  onSubmit: (a: CaseAction) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ReferralForm>();
  const kind = Form.useWatch('receiverKind', form) ?? 'volunteer';
  const consentId = Form.useWatch('consentId', form);
  const receivers = useReferralReceivers(open);
  const valid = consents.filter((c) => !c.withdrawn);
  return (
    <Modal
      open={open}
      title={t('minor.referrals.add')}
      onCancel={onCancel}
      onOk={() => form.submit()}
      okButtonProps={okProps('referral-submit', loading)}
      destroyOnHidden
      forceRender
      width={560}
    >
      <Form
        name="referral"
        form={form}
        layout="vertical"
        initialValues={{ receiverKind: 'volunteer', ackDays: 3, consentId: valid.at(-1)?.id }}
        onFinish={(v) =>
          onSubmit({
            kind: 'referral',
            body: {
              receiverKind: v.receiverKind,
              request: v.request.trim(),
              ackDays: v.ackDays,
              ...(v.receiverKind === 'department'
                ? { workUnitId: v.workUnitId }
                : v.receiverKind === 'organisation'
                  ? { receiverUserId: v.receiverUserId }
                  : { receiverName: v.receiverName?.trim() }),
              ...(v.consentId ? { consentId: v.consentId } : { overrideReason: v.overrideReason?.trim() }),
            },
          })
        }
      >
        <Form.Item name="receiverKind" label={t('minor.referrals.receiverKind')}>
          <Radio.Group
            options={(['volunteer', 'department', 'organisation'] as const).map((k) => ({
              value: k,
              label: t(`minor.referrals.kinds.${k}`),
            }))}
          />
        </Form.Item>
        {kind === 'department' && (
          <Form.Item name="workUnitId" label={t('minor.referrals.receiver')} rules={[{ required: true }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={receivers.isPending}
              options={(receivers.data?.departments ?? []).map((d) => ({ value: d.id, label: d.name }))}
            />
          </Form.Item>
        )}
        {kind === 'organisation' && (
          <Form.Item name="receiverUserId" label={t('minor.referrals.receiver')} rules={[{ required: true }]}>
            <Select
              loading={receivers.isPending}
              options={(receivers.data?.organisations ?? []).map((d) => ({ value: d.id, label: d.name }))}
            />
          </Form.Item>
        )}
        {kind === 'volunteer' && (
          <Form.Item
            name="receiverName"
            label={t('minor.referrals.volunteerName')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input maxLength={60} />
          </Form.Item>
        )}
        <Form.Item name="request" label={t('minor.referrals.request')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="ackDays" label={t('minor.referrals.ackDueAt')}>
          <InputNumber min={1} max={20} addonAfter="d" />
        </Form.Item>
        <Form.Item name="consentId" label={t('minor.referrals.consent')}>
          <Select
            allowClear
            options={valid.map((c) => ({ value: c.id, label: `${c.guardian} · ${c.givenOn} · ${c.scope}` }))}
            placeholder={t('minor.consents.none')}
          />
        </Form.Item>
        {!consentId && (
          <>
            <Alert type="warning" showIcon title={t('minor.referrals.overrideHint')} style={{ marginBottom: 12 }} />
            <Form.Item
              name="overrideReason"
              label={t('minor.referrals.override')}
              rules={[{ required: true, whitespace: true, min: 5 }]}
            >
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

import { useState } from 'react';
import { Alert, App as AntApp, Button, Empty, Form, Input, Spin, Typography } from 'antd';
import { LikeOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import type { ProposalInput } from '../../../shared/proposals.schema';
import { ProposalCard } from './ProposalCard';
import { useProposals, useRaiseProposal, useSupportProposal } from './proposals.api';

/**
 * 居民提议 on the resident's phone: the compound's proposals with the households behind them, 附议 once per
 * household, and a new proposal of one's own. With enough households it goes to the next joint meeting.
 */
export function MobileProposals() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const q = useProposals();
  const raise = useRaiseProposal();
  const support = useSupportProposal();
  const [writing, setWriting] = useState(false);
  const [form] = Form.useForm<ProposalInput>();
  if (q.isPending) return <Spin />;
  if (q.isError) return <Alert type="error" showIcon title={errorMessage(q.error)} />;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }} data-testid="m-proposals">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('proposals.title')}
      </Typography.Title>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('proposals.rule')}
      </Typography.Text>
      {writing ? (
        <Form<ProposalInput>
          form={form}
          layout="vertical"
          data-testid="m-proposal-form"
          onFinish={(v) =>
            raise.mutate(v, {
              onSuccess: () => {
                void message.success(t('proposals.raised'));
                form.resetFields();
                setWriting(false);
              },
            })
          }
        >
          <Form.Item name="title" label={t('proposals.titleField')} rules={[{ required: true, min: 4 }]}>
            <Input maxLength={80} data-testid="m-proposal-title" />
          </Form.Item>
          <Form.Item name="description" label={t('proposals.description')} rules={[{ required: true, min: 10 }]}>
            <Input.TextArea rows={4} maxLength={1000} showCount data-testid="m-proposal-description" />
          </Form.Item>
          {raise.error && <Alert type="error" showIcon title={errorMessage(raise.error)} style={{ marginBottom: 8 }} />}
          <div style={{ display: 'flex', gap: 8 }}>
            <Button type="primary" htmlType="submit" block loading={raise.isPending} data-testid="m-proposal-submit">
              {t('proposals.submit')}
            </Button>
            <Button block onClick={() => setWriting(false)}>
              {t('common.cancel')}
            </Button>
          </div>
        </Form>
      ) : (
        <Button icon={<PlusOutlined />} block onClick={() => setWriting(true)} data-testid="m-proposal-new">
          {t('proposals.new')}
        </Button>
      )}
      {support.error && (
        <Alert type="error" showIcon title={errorMessage(support.error)} data-testid="m-support-error" />
      )}
      {q.data.length === 0 && <Empty description={t('proposals.none')} />}
      {q.data.map((p) => (
        <ProposalCard
          key={p.id}
          p={p}
          extra={
            p.status === 'open' &&
            (p.supportedByMe ? (
              <Typography.Text type="success" data-testid="proposal-supported">
                {t(p.mine ? 'proposals.mine' : 'proposals.supported')}
              </Typography.Text>
            ) : (
              <Button
                type="primary"
                ghost
                icon={<LikeOutlined />}
                loading={support.isPending && support.variables === p.id}
                onClick={() => support.mutate(p.id)}
                data-testid="proposal-support"
              >
                {t('proposals.support')}
              </Button>
            ))
          }
        />
      ))}
    </div>
  );
}

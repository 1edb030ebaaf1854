import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import { useCounterLookup, useRedeem, useSupermarketItems } from './volunteers.api';

/** The counter: the resident shows a presence code (or its QR) or their points card; no debit by a bare person id. */
export function RedeemCard() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [stationId, setStationId] = useState<string | undefined>();
  const [proof, setProof] = useState('');
  const [form] = Form.useForm<{ itemId: string; quantity: number }>();
  const items = useSupermarketItems();
  const stations = [...new Map((items.data ?? []).map((i) => [i.stationId, i.stationName])).entries()];
  // a lookup is a POST (the code is a secret, and a wrong one counts against this login): never refetched by itself
  const account = useCounterLookup();
  const redeem = useRedeem();
  const submit = (v: { itemId: string; quantity: number }) =>
    redeem.mutate(
      { proof, ...v },
      {
        onSuccess: (r) => {
          void message.success(t('volunteers.redeemed', { spent: r.spent, balance: r.balance }));
          if (account.data?.via === 'code') {
            void message.info(t('volunteers.presenceUsed'));
            setProof('');
            account.reset();
          }
        },
        onError: (e) => void message.error(errorMessage(e)),
      },
    );
  return (
    <Card size="small" title={t('volunteers.redeemTitle')} data-testid="redeem-card">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Select
            style={{ width: 280 }}
            placeholder={t('volunteers.counterStation')}
            value={stationId}
            onChange={(v: string) => {
              setStationId(v);
              setProof('');
              account.reset();
              form.resetFields(['itemId']);
            }}
            options={stations.map(([value, label]) => ({ value, label }))}
            data-testid="redeem-station"
          />
          <Input.Search
            placeholder={t('volunteers.personIdPlaceholder')}
            enterButton={t('volunteers.lookup')}
            style={{ width: 440 }}
            data-testid="redeem-person"
            autoComplete="off"
            onSearch={(v) => {
              if (!stationId) return void message.warning(t('volunteers.counterStationRequired'));
              setProof(v.trim());
              if (v.trim()) account.mutate({ stationId, proof: v.trim() });
            }}
          />
        </Space>
        {account.isError && <Alert type="error" showIcon title={errorMessage(account.error)} />}
        {account.data && proof && (
          <Typography.Text data-testid="redeem-balance">
            {t('volunteers.balanceOf', { name: account.data.personName, balance: account.data.balance })} ·{' '}
            {t(`volunteers.via.${account.data.via}`)}
          </Typography.Text>
        )}
        <Form
          form={form}
          layout="inline"
          initialValues={{ quantity: 1 }}
          onFinish={submit}
          disabled={!account.data || !proof}
        >
          <Form.Item name="itemId" rules={[{ required: true, message: t('volunteers.itemRequired') }]}>
            <Select
              style={{ width: 320 }}
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('volunteers.item')}
              data-testid="redeem-item"
              options={(items.data ?? [])
                .filter((i) => i.stationId === stationId)
                .map((i) => ({
                  value: i.id,
                  label: `${i.name}（${i.pointsCost} ${t('volunteers.pointsUnit')}，${t('volunteers.stock')} ${i.stock}）`,
                }))}
            />
          </Form.Item>
          <Form.Item name="quantity">
            <InputNumber min={1} max={50} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={redeem.isPending} data-testid="redeem-submit">
            {t('volunteers.redeem')}
          </Button>
        </Form>
      </Space>
    </Card>
  );
}

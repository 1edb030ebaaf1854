import { useTranslation } from 'react-i18next';
import { App, Button, Card, Form, Input, Select } from 'antd';
import { errorMessage } from '../../lib/api';
import { useStations } from '../stations/stations.api';
import { useStationBranch } from './party-org.api';

/** 新业态阵地党支部: a branch at a rider station, with the 党建指导员 the street sends. */
export function StationBranchCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const stations = useStations('rider');
  const create = useStationBranch();
  const [form] = Form.useForm<{ stationId: string; instructorName: string; name?: string }>();
  return (
    <Card title={t('partyOrg.stationBranch')}>
      <Form
        form={form}
        layout="vertical"
        style={{ maxWidth: 520 }}
        data-testid="party-station-form"
        onFinish={(v) =>
          create.mutate(
            { stationId: v.stationId, instructorName: v.instructorName, name: v.name || undefined },
            {
              onSuccess: (org) => {
                void message.success(t('partyAdmin.built', { name: org.name }));
                form.resetFields();
              },
              onError: (e) => void message.error(errorMessage(e)),
            },
          )
        }
      >
        <Form.Item name="stationId" label={t('partyOrg.station')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={(stations.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
        <Form.Item name="instructorName" label={t('partyOrg.instructor')} rules={[{ required: true, min: 2 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="name" label={t('partyAdmin.branchName')}>
          <Input placeholder={t('partyAdmin.branchNameHint')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {t('partyAdmin.buildSubmit')}
        </Button>
      </Form>
    </Card>
  );
}

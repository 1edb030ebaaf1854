import { useState } from 'react';
import { App as AntApp, Alert, Card, Checkbox, Col, Empty, Input, List, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import { useMinorStations, useUpdateStationItem } from './minor-protection.api';
import type { MinorStation } from './types';

function StationCard({ s }: { s: MinorStation }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [notes, setNotes] = useState<Record<string, string>>({});
  const save = useUpdateStationItem(s, {
    onSuccess: () => void message.success(t('minor.stations.saved')),
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Card
      size="small"
      title={s.name}
      extra={
        <Tag color={s.metCount === s.checklist.length ? 'green' : 'orange'}>
          {t('minor.stations.fiveHas')} {s.metCount}/{s.checklist.length}
        </Tag>
      }
      data-testid={`station-${s.id}`}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('minor.stations.operator')}：{s.operator ?? '—'} · {t('minor.stations.openedOn')}：{s.openedOn ?? '—'} ·{' '}
        {t('minor.stations.openCases')}：{s.openCases}
      </Typography.Paragraph>
      <List
        size="small"
        dataSource={s.checklist}
        renderItem={(c) => (
          <List.Item>
            <Space wrap>
              <Checkbox
                checked={c.met}
                disabled={!s.canEdit || save.isPending}
                onChange={(e) => save.mutate({ key: c.key, met: e.target.checked, note: notes[c.key] ?? c.note })}
              >
                {c.label}
              </Checkbox>
              {s.canEdit ? (
                <Input
                  size="small"
                  placeholder={t('minor.stations.note')}
                  defaultValue={c.note ?? ''}
                  style={{ width: 220 }}
                  maxLength={300}
                  onChange={(e) => setNotes((n) => ({ ...n, [c.key]: e.target.value }))}
                  onBlur={(e) => {
                    if ((e.target.value || null) !== c.note)
                      save.mutate({ key: c.key, met: c.met, note: e.target.value || null });
                  }}
                />
              ) : (
                c.note && <Typography.Text type="secondary">{c.note}</Typography.Text>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** The street stations and their "五有" checklist (editable by those who approve in the street). */
export function StationsTab() {
  const stations = useMinorStations();
  if (stations.isError) return <Alert type="error" title={errorMessage(stations.error)} />;
  if (!stations.isPending && (stations.data?.length ?? 0) === 0) return <Empty />;
  return (
    <Row gutter={[12, 12]}>
      {(stations.data ?? []).map((s) => (
        <Col key={s.id} xs={24} lg={12}>
          <StationCard s={s} />
        </Col>
      ))}
    </Row>
  );
}

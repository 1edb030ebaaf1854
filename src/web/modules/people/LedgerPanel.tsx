import { useEffect, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Col,
  Progress,
  Radio,
  Row,
  Space,
  Statistic,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import type { LedgerImport } from '../../lib/types';
import { ImportResultView } from '../org/ImportPanel';
import {
  LEDGER_EXPORT_URL,
  LEDGER_TEMPLATE_URL,
  startLedgerImport,
  useLedgerImport,
  type LedgerImportMode,
} from './people.api';

const STATUS_COLOR: Record<LedgerImport['status'], string> = {
  queued: 'default',
  validating: 'processing',
  writing: 'processing',
  done: 'success',
  failed: 'error',
};

function ImportProgress({ run: raw }: { run: LedgerImport }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  // the row problems and the failure come in both languages: show the UI's
  const run = en
    ? { ...raw, failure: raw.failureEn ?? raw.failure, errors: raw.errors.map((e) => ({ ...e, message: e.en })) }
    : raw;
  const ended = run.status === 'done' || run.status === 'failed';
  const partial = run.mode === 'household' && run.errorCount > 0;
  const percent =
    run.status === 'writing' && run.totalRows > 0
      ? Math.floor((100 * run.writtenRows) / run.totalRows)
      : ended
        ? 100
        : undefined;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="ledger-import-progress">
      <Space wrap>
        <Tag color={STATUS_COLOR[run.status]} data-testid="ledger-import-status" data-status={run.status}>
          {t(`ledger.status.${run.status}`)}
        </Tag>
        <Typography.Text type="secondary">{run.fileName}</Typography.Text>
        {run.status === 'validating' && (
          <Typography.Text>{t('ledger.checked', { n: run.checkedRows })}</Typography.Text>
        )}
        {run.status === 'writing' && (
          <Typography.Text>{t('ledger.written', { n: run.writtenRows, total: run.totalRows })}</Typography.Text>
        )}
      </Space>
      {percent !== undefined && (
        <Progress percent={percent} status={run.status === 'failed' ? 'exception' : ended ? 'success' : 'active'} />
      )}
      {run.status === 'failed' && <Alert type="error" showIcon title={run.failure} />}
      {run.status === 'done' && (
        <>
          <ImportResultView
            result={run}
            summary={
              partial ? t('ledger.partial', { written: run.writtenRows, skipped: run.householdsSkipped }) : undefined
            }
          />
          <Row gutter={12}>
            <Col span={12}>
              <Statistic title={t('ledger.householdsCreated')} value={run.householdsCreated} />
            </Col>
            <Col span={12}>
              <Statistic title={t('ledger.householdsSkipped')} value={run.householdsSkipped} />
            </Col>
          </Row>
        </>
      )}
    </Space>
  );
}

/** 实有人口台账: download the template, import a file in the background with live progress, export the area's ledger. */
export function LedgerPanel() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [mode, setMode] = useState<LedgerImportMode>('file');
  const [runId, setRunId] = useState<string | null>(null);
  const run = useLedgerImport(runId);
  const start = useMutation({
    mutationFn: (file: File) => startLedgerImport(file, mode),
    onSuccess: (r) => {
      qc.setQueryData(['people', 'ledger-import', r.id], r);
      setRunId(r.id);
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const status = run.data?.status;
  useEffect(() => {
    if (status === 'done') void qc.invalidateQueries({ queryKey: ['people', 'search'] });
  }, [status, qc]);

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="ledger-panel">
      <Alert type="info" showIcon title={t('ledger.hint')} />
      <Space wrap>
        <a href={LEDGER_TEMPLATE_URL} download data-testid="ledger-template">
          <DownloadOutlined /> {t('ledger.template')}
        </a>
        <a href={LEDGER_EXPORT_URL} download data-testid="ledger-export">
          <DownloadOutlined /> {t('ledger.export')}
        </a>
      </Space>
      <div>
        <Typography.Text strong>{t('ledger.mode')}</Typography.Text>
        <Radio.Group
          style={{ display: 'flex', flexDirection: 'column', gap: 4, marginTop: 4 }}
          value={mode}
          onChange={(e) => setMode(e.target.value as LedgerImportMode)}
          data-testid="ledger-mode"
          options={[
            { value: 'file', label: t('ledger.modeFile') },
            { value: 'household', label: t('ledger.modeHousehold') },
          ]}
        />
      </div>
      <Upload
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        maxCount={1}
        showUploadList={false}
        beforeUpload={(file) => {
          start.mutate(file);
          return false;
        }}
      >
        <Button type="primary" icon={<UploadOutlined />} loading={start.isPending} data-testid="ledger-upload">
          {t('ledger.upload')}
        </Button>
      </Upload>
      {run.data && <ImportProgress run={run.data} />}
    </Space>
  );
}

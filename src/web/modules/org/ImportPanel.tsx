import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Col, Row, Space, Statistic, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import type { ImportError, ImportResult } from '../../lib/types';
import { orgKeys, runImport, templateUrl, type ImportKind } from './org.api';

/** `summary` replaces the all-or-nothing headline (an import that writes part of a file says what it wrote). */
export function ImportResultView({ result, summary }: { result: ImportResult; summary?: string }) {
  const { t } = useTranslation();
  const failed = result.errors.length > 0;
  return (
    <div data-testid="import-result" style={{ marginTop: 12 }}>
      <Alert
        type={failed ? (summary ? 'warning' : 'error') : 'success'}
        showIcon
        title={summary ?? (failed ? t('org.importFailed', { count: result.errors.length }) : t('org.importOk'))}
        style={{ marginBottom: 12 }}
      />
      <Row gutter={12}>
        <Col span={6}>
          <Statistic title={t('org.created')} value={result.created} />
        </Col>
        <Col span={6}>
          <Statistic title={t('org.updated')} value={result.updated} />
        </Col>
        <Col span={6}>
          <Statistic title={t('org.unchanged')} value={result.unchanged} />
        </Col>
        <Col span={6}>
          <Statistic
            title={t('org.errors')}
            value={result.errors.length}
            styles={{ content: failed ? { color: '#cf1322' } : undefined }}
          />
        </Col>
      </Row>
      {failed && (
        <Table<ImportError>
          data-testid="import-errors"
          size="small"
          style={{ marginTop: 12 }}
          rowKey={(r, i) => `${r.row}-${r.field}-${i ?? 0}`}
          dataSource={result.errors}
          pagination={result.errors.length > 10 ? { pageSize: 10 } : false}
          columns={[
            { title: t('org.errorRow'), dataIndex: 'row', width: 80 },
            { title: t('org.errorField'), dataIndex: 'field', width: 160 },
            { title: t('org.errorMessage'), dataIndex: 'message' },
          ]}
        />
      )}
    </div>
  );
}

function ImportBox({ kind, onImported }: { kind: ImportKind; onImported: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const [result, setResult] = useState<ImportResult | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: (file: File) => runImport(kind, file),
    onMutate: () => setResult(null),
    onSuccess: (r) => {
      setResult(r);
      if (r.errors.length === 0) onImported();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  return (
    <Card
      size="small"
      title={kind === 'compounds' ? t('org.importCompounds') : t('org.importBuildings')}
      data-testid={`import-${kind}`}
      extra={
        <a href={templateUrl(kind)} download data-testid={`template-${kind}`}>
          <DownloadOutlined /> {t('org.downloadTemplate')}
        </a>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Upload
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          maxCount={1}
          showUploadList={false}
          beforeUpload={(file) => {
            if (!file.name.toLowerCase().endsWith('.xlsx')) {
              void message.error(t('org.onlyXlsx'));
              return Upload.LIST_IGNORE;
            }
            setFileName(file.name);
            run.mutate(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={run.isPending} data-testid={`upload-${kind}`}>
            {t('org.uploadFile')}
          </Button>
        </Upload>
        {fileName && <Typography.Text type="secondary">{fileName}</Typography.Text>}
        {result && <ImportResultView result={result} />}
      </Space>
    </Card>
  );
}

export function ImportPanel({ onImported }: { onImported?: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const done = () => {
    void qc.invalidateQueries({ queryKey: orgKeys.all });
    onImported?.();
  };
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="import-panel">
      <Alert type="info" showIcon title={t('org.importHint')} />
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <ImportBox kind="compounds" onImported={done} />
        </Col>
        <Col xs={24} xl={12}>
          <ImportBox kind="buildings" onImported={done} />
        </Col>
      </Row>
    </Space>
  );
}

import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Space, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import type { ImportResult } from '../../lib/types';
import { ImportResultView } from '../org/ImportPanel';
import { HOTLINE_TEMPLATE_URL, importHotline, orderKeys } from './work-orders.api';

/** Upload of the 12345 hotline export (.xlsx); shows created/updated/unchanged and row errors like the org import. */
export function HotlineImportPanel() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [result, setResult] = useState<ImportResult | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: (file: File) => importHotline(file),
    onMutate: () => setResult(null),
    onSuccess: (r) => {
      setResult(r);
      if (r.errors.length === 0) void qc.invalidateQueries({ queryKey: orderKeys.all });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  return (
    <Card
      size="small"
      title={t('orders.importTitle')}
      data-testid="import-hotline"
      extra={
        <a href={HOTLINE_TEMPLATE_URL} download data-testid="template-hotline">
          <DownloadOutlined /> {t('org.downloadTemplate')}
        </a>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Alert type="info" showIcon title={t('orders.importHint')} />
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
          <Button icon={<UploadOutlined />} loading={run.isPending} data-testid="upload-hotline">
            {t('org.uploadFile')}
          </Button>
        </Upload>
        {fileName && <Typography.Text type="secondary">{fileName}</Typography.Text>}
        {result && <ImportResultView result={result} />}
      </Space>
    </Card>
  );
}

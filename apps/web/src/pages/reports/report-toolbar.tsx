import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context.tsx';
import type { Query } from '../../api/client.ts';
import { saveFile } from '../../archives/table-files.ts';
import { errorText } from '../../shared/error-text.ts';

/** Export the report on screen as .xlsx or CSV (the server words the headers), or print its table. */
export function ReportToolbar({ path, query, disabled }: { path: string; query: Query; disabled: boolean }) {
  const { t } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'xlsx' | 'csv' | undefined>();
  const download = async (format: 'xlsx' | 'csv') => {
    setBusy(format);
    try {
      const { blob, fileName } = await api.download(path, { ...query, format });
      saveFile(blob, fileName);
    } catch (error) {
      void message.error(errorText(error, t));
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <Space className="report-no-print">
      <Button
        icon={<DownloadOutlined />}
        loading={busy === 'xlsx'}
        disabled={disabled}
        onClick={() => void download('xlsx')}
      >
        {t('reports.exportXlsx')}
      </Button>
      <Button loading={busy === 'csv'} disabled={disabled} onClick={() => void download('csv')}>
        {t('reports.exportCsv')}
      </Button>
      <Button icon={<PrinterOutlined />} disabled={disabled} onClick={() => window.print()}>
        {t('reports.print')}
      </Button>
    </Space>
  );
}

import { DownloadOutlined, FileExcelOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/api-context.tsx';
import type { Query } from '../api/client.ts';
import { useSession } from '../auth/session.tsx';
import { errorText } from '../shared/error-text.ts';
import { type ArchiveKind, ImportDialog } from './import-dialog.tsx';
import { saveFile } from './table-files.ts';

/**
 * Import, export (of what the filters select) and the blank template of a meter or customer archive; each
 * button shows only when the role may use it.
 */
export function ArchiveToolbar({
  kind,
  exportFilter,
  importPermission,
}: {
  kind: ArchiveKind;
  exportFilter: Query;
  importPermission: 'meter.stockIn' | 'customer.write';
}) {
  const { t } = useTranslation();
  const api = useApi();
  const session = useSession();
  const { message } = App.useApp();
  const [importing, setImporting] = useState(false);
  const [busy, setBusy] = useState<'export' | 'template' | undefined>();

  const download = async (which: 'export' | 'template') => {
    setBusy(which);
    try {
      const path = which === 'export' ? `/api/${kind}/export` : `/api/${kind}/import-template`;
      const query = which === 'export' ? { ...exportFilter, format: 'xlsx' } : { format: 'xlsx' };
      const { blob, fileName } = await api.download(path, query);
      saveFile(blob, fileName);
    } catch (error) {
      void message.error(errorText(error, t));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Space wrap>
      {session.can(importPermission) ? (
        <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
          {t('import.button')}
        </Button>
      ) : null}
      {session.can('archive.export') ? (
        <>
          <Button
            icon={<DownloadOutlined />}
            loading={busy === 'export'}
            onClick={() => void download('export')}
          >
            {t('export.button')}
          </Button>
          <Button
            icon={<FileExcelOutlined />}
            loading={busy === 'template'}
            onClick={() => void download('template')}
          >
            {t('export.template')}
          </Button>
        </>
      ) : null}
      <ImportDialog kind={kind} open={importing} onClose={() => setImporting(false)} />
    </Space>
  );
}

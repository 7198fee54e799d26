import { InboxOutlined } from '@ant-design/icons';
import type { ImportReport, RowProblem } from '@openami/contract';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Descriptions, Modal, Progress, Space, Table, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/api-context.tsx';
import { ApiError } from '../api/client.ts';
import { errorText } from '../shared/error-text.ts';
import { contentTypes, formatOfFile } from './table-files.ts';

export type ArchiveKind = 'meters' | 'customers';

type Outcome =
  | { readonly kind: 'none' }
  | { readonly kind: 'done'; readonly report: ImportReport }
  | { readonly kind: 'rejected'; readonly message: string; readonly problems: readonly RowProblem[] }
  | { readonly kind: 'failed'; readonly message: string };

function problemsOf(error: ApiError): readonly RowProblem[] {
  const problems = error.details.problems;
  return Array.isArray(problems) ? (problems as RowProblem[]) : [];
}

/**
 * Uploads a meter or customer sheet (.xlsx or .csv) and shows what became of it: counts when it went in,
 * and every refused row with its line, column and reason when it did not. The server imports all rows or
 * none, unless the user asks for the good rows only.
 */
export function ImportDialog({
  kind,
  open,
  onClose,
}: {
  kind: ArchiveKind;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | undefined>();
  const [goodRowsOnly, setGoodRowsOnly] = useState(false);
  const [progress, setProgress] = useState<number | undefined>();
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const format = file === undefined ? undefined : formatOfFile(file.name);

  const reset = () => {
    setFile(undefined);
    setGoodRowsOnly(false);
    setProgress(undefined);
    setOutcome({ kind: 'none' });
  };
  const close = () => {
    reset();
    onClose();
  };

  const send = async (onlyGood: boolean) => {
    if (file === undefined || format === undefined) return;
    setProgress(0);
    setOutcome({ kind: 'none' });
    try {
      const report = await api.upload<ImportReport>(`/api/${kind}/import`, file, {
        contentType: contentTypes[format],
        query: { format, goodRowsOnly: onlyGood },
        onProgress: setProgress,
      });
      setOutcome({ kind: 'done', report });
      await queryClient.invalidateQueries({ queryKey: [`/api/${kind}`] });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'IMPORT_REJECTED') {
        setOutcome({ kind: 'rejected', message: error.message, problems: problemsOf(error) });
      } else {
        setOutcome({ kind: 'failed', message: errorText(error, t) });
      }
    } finally {
      setProgress(undefined);
    }
  };

  const problemTable = (problems: readonly RowProblem[]) => (
    <Table<RowProblem>
      size="small"
      rowKey={(p) => `${p.line}:${p.column}:${p.code}`}
      dataSource={[...problems]}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      columns={[
        { title: t('import.line'), dataIndex: 'line', width: 80 },
        { title: t('import.problem'), dataIndex: 'message' },
      ]}
      data-testid="import-problems"
    />
  );

  return (
    <Modal
      open={open}
      title={t(`import.title.${kind}`)}
      onCancel={close}
      width={720}
      footer={[
        <Button key="close" onClick={close}>
          {t('common.close')}
        </Button>,
        <Button
          key="import"
          type="primary"
          disabled={format === undefined || progress !== undefined}
          loading={progress !== undefined}
          onClick={() => void send(goodRowsOnly)}
        >
          {t('import.start')}
        </Button>,
      ]}
    >
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Upload.Dragger
          accept=".xlsx,.csv"
          maxCount={1}
          beforeUpload={(chosen) => {
            setFile(chosen);
            setOutcome({ kind: 'none' });
            return false;
          }}
          onRemove={() => setFile(undefined)}
          fileList={file === undefined ? [] : [{ uid: '1', name: file.name, status: 'done' }]}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('import.drop')}</p>
          <p className="ant-upload-hint">{t('import.hint')}</p>
        </Upload.Dragger>
        {file !== undefined && format === undefined ? (
          <Alert type="error" showIcon message={t('import.badFileType')} />
        ) : null}
        <Checkbox checked={goodRowsOnly} onChange={(e) => setGoodRowsOnly(e.target.checked)}>
          {t('import.goodRowsOnly')}
        </Checkbox>
        {progress === undefined ? null : <Progress percent={Math.round(progress * 100)} />}
        {outcome.kind === 'done' ? (
          <>
            <Alert
              type={outcome.report.rejected.length === 0 ? 'success' : 'warning'}
              showIcon
              message={t('import.done')}
              role="status"
            />
            <Descriptions size="small" column={4} bordered>
              <Descriptions.Item label={t('import.rows')}>{outcome.report.rows}</Descriptions.Item>
              <Descriptions.Item label={t('import.created')}>{outcome.report.created}</Descriptions.Item>
              <Descriptions.Item label={t('import.updated')}>{outcome.report.updated}</Descriptions.Item>
              <Descriptions.Item label={t('import.unchanged')}>{outcome.report.unchanged}</Descriptions.Item>
            </Descriptions>
            {outcome.report.rejected.length === 0 ? null : problemTable(outcome.report.rejected)}
          </>
        ) : null}
        {outcome.kind === 'rejected' ? (
          <>
            <Alert
              type="error"
              showIcon
              message={outcome.message}
              role="alert"
              action={
                <Button size="small" onClick={() => void send(true)}>
                  {t('import.importGoodRows')}
                </Button>
              }
            />
            {problemTable(outcome.problems)}
          </>
        ) : null}
        {outcome.kind === 'failed' ? (
          <Alert type="error" showIcon message={outcome.message} role="alert" />
        ) : null}
      </Space>
    </Modal>
  );
}

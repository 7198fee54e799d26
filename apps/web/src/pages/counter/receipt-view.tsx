import { FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Modal, Spin } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context.tsx';
import { saveFile } from '../../archives/table-files.ts';
import { errorText } from '../../shared/error-text.ts';
import { QueryError } from '../../shared/query-error.tsx';

/**
 * Which receipt to show: an entry's, or the account's last sale reprinted (补打, 001 FAQ 1: same invoice
 * number, marked as a reprint, audited, so each click is one reprint).
 */
export type ReceiptRequest =
  | { readonly kind: 'entry'; readonly entryId: number }
  | { readonly kind: 'reprint'; readonly accountId: number; readonly seq: number };

function source(request: ReceiptRequest, format: 'html' | 'pdf') {
  if (request.kind === 'entry') {
    const base = `/api/vending/entries/${request.entryId}/receipt`;
    return { path: format === 'pdf' ? `${base}.pdf` : base, query: undefined, method: 'GET' as const };
  }
  return {
    path: `/api/vending/accounts/${request.accountId}/reprint`,
    query: { format },
    method: 'POST' as const,
  };
}

/** The receipt as the server prints it (HTML, in the user's language), to print here or take as PDF. */
export function ReceiptView({
  request,
  onClose,
}: {
  request: ReceiptRequest | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const frame = useRef<HTMLIFrameElement>(null);
  const [pdfBusy, setPdfBusy] = useState(false);
  const html = useQuery({
    queryKey: ['receipt', request],
    queryFn: async () => {
      if (request === undefined) return '';
      const { path, query, method } = source(request, 'html');
      return (await api.download(path, query, method)).blob.text();
    },
    enabled: request !== undefined,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    // A reprint is recorded each time it is asked for; the cashier decides whether to ask again.
    retry: false,
  });
  const pdf = async () => {
    if (request === undefined) return;
    setPdfBusy(true);
    try {
      // The PDF of a reprint is the entry's receipt marked the same way, fetched as its own reprint.
      const { path, query, method } = source(request, 'pdf');
      const { blob, fileName } = await api.download(path, query, method);
      saveFile(blob, fileName);
    } catch (error) {
      void message.error(errorText(error, t));
    } finally {
      setPdfBusy(false);
    }
  };

  return (
    <Modal
      open={request !== undefined}
      title={request?.kind === 'reprint' ? t('counter.receipt.reprintTitle') : t('counter.receipt.title')}
      onCancel={onClose}
      width={520}
      destroyOnHidden
      footer={[
        <Button key="pdf" icon={<FilePdfOutlined />} loading={pdfBusy} onClick={() => void pdf()}>
          {t('counter.receipt.pdf')}
        </Button>,
        <Button
          key="print"
          type="primary"
          icon={<PrinterOutlined />}
          disabled={html.data === undefined}
          onClick={() => frame.current?.contentWindow?.print()}
        >
          {t('counter.receipt.print')}
        </Button>,
      ]}
    >
      <QueryError error={html.error} />
      {html.isLoading ? (
        <div style={{ padding: 32, textAlign: 'center' }}>
          <Spin />
        </div>
      ) : null}
      {html.data === undefined ? null : (
        <iframe
          ref={frame}
          title={t('counter.receipt.title')}
          data-testid="receipt-frame"
          srcDoc={html.data}
          sandbox="allow-modals allow-same-origin"
          style={{ width: '100%', height: 420, border: '1px solid #f0f0f0' }}
        />
      )}
    </Modal>
  );
}

import type { CommandState, Meter, MeterCommand } from '@openami/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context.tsx';
import { useSession } from '../../auth/session.tsx';
import { errorText } from '../../shared/error-text.ts';
import { formatTime } from '../../shared/format.ts';
import { QueryError } from '../../shared/query-error.tsx';
import { reasonText } from '../../shared/reason-text.ts';
import { newRequestId } from '../../shared/request-id.ts';
import { tableStates } from '../../shared/states.tsx';
import { type ParameterWrite, ParameterWriteDialog } from './parameter-write.tsx';

type RelayKind = 'relay-trip' | 'relay-close';

const stateColours: Readonly<Record<CommandState, string>> = {
  pending: 'default',
  sending: 'processing',
  confirmed: 'green',
  failed: 'red',
};

/** The confirmation asked for, with the request id chosen when the operator clicked. */
interface Asked {
  readonly kind: RelayKind;
  readonly requestId: string;
}
type Command = Asked | (ParameterWrite & { readonly kind: 'write'; readonly requestId: string });

/**
 * Relay commands with a confirmation step, their outcome, and the meter's command history. The request id
 * is chosen when the dialog opens, so pressing OK twice, or a retried request, sends one command.
 */
export function MeterCommands({ meter }: { meter: Meter }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const session = useSession();
  const queryClient = useQueryClient();
  const [asked, setAsked] = useState<Asked | undefined>();
  const [writing, setWriting] = useState(false);
  const history = useQuery({
    queryKey: ['meter', meter.id, 'commands'],
    queryFn: () => api.get<MeterCommand[]>(`/api/meters/${meter.id}/commands`),
  });
  const send = useMutation({
    mutationFn: (command: Command) => api.post<MeterCommand>(`/api/meters/${meter.id}/commands`, command),
    onSettled: () => {
      setAsked(undefined);
      setWriting(false);
      return queryClient.invalidateQueries({ queryKey: ['meter', meter.id, 'commands'] });
    },
  });
  const ask = (kind: RelayKind) => setAsked({ kind, requestId: newRequestId() });
  const outcome = send.data;

  return (
    <Card
      title={t('meter.commands')}
      data-testid="meter-commands"
      extra={
        session.can('meter.command') ? (
          <Space>
            <Button danger onClick={() => ask('relay-trip')}>
              {t('commandKinds.relay-trip')}
            </Button>
            <Button onClick={() => ask('relay-close')}>{t('commandKinds.relay-close')}</Button>
            <Button onClick={() => setWriting(true)} data-testid="write-parameter">
              {t('meter.writeParameter')}
            </Button>
          </Space>
        ) : null
      }
    >
      <Modal
        open={asked !== undefined}
        title={asked === undefined ? '' : t(`commandKinds.${asked.kind}`)}
        okText={t('meter.confirmSend')}
        okButtonProps={{ danger: asked?.kind === 'relay-trip' }}
        cancelText={t('common.cancel')}
        confirmLoading={send.isPending}
        onOk={() => asked !== undefined && send.mutate(asked)}
        onCancel={() => setAsked(undefined)}
        destroyOnHidden
      >
        {asked === undefined
          ? null
          : t(`meter.confirm.${asked.kind}`, { factoryNo: meter.factoryNo, address: meter.commAddress })}
      </Modal>
      <ParameterWriteDialog
        meter={meter}
        open={writing}
        onCancel={() => setWriting(false)}
        onConfirm={(write) => send.mutate({ ...write, kind: 'write', requestId: newRequestId() })}
      />
      {send.isError ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={errorText(send.error, t)}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {outcome === undefined ? null : (
        <Alert
          data-testid="command-outcome"
          type={outcome.state === 'confirmed' ? 'success' : outcome.state === 'failed' ? 'error' : 'info'}
          showIcon
          style={{ marginBottom: 12 }}
          message={t('meter.commandOutcome', {
            kind: t(`commandKinds.${outcome.kind}`),
            state: t(`commandStates.${outcome.state}`),
          })}
          description={reasonText(t, outcome) || undefined}
        />
      )}
      <QueryError error={history.error} retry={() => void history.refetch()} />
      <Table<MeterCommand>
        rowKey="id"
        size="small"
        dataSource={history.data ?? []}
        pagination={{ pageSize: 5, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        {...tableStates(history, history.data?.length ?? 0, t('meter.noCommands'))}
        columns={[
          {
            title: t('meter.requestedAt'),
            dataIndex: 'requestedAt',
            render: (at: number) => formatTime(at, i18n.language),
          },
          { title: t('meter.command'), dataIndex: 'kind', render: (k: string) => t(`commandKinds.${k}`) },
          {
            title: t('meter.commandState'),
            dataIndex: 'state',
            render: (s: CommandState) => <Tag color={stateColours[s]}>{t(`commandStates.${s}`)}</Tag>,
          },
          { title: t('meter.reason'), key: 'reason', render: (_, row) => reasonText(t, row) },
          { title: t('meter.attempts'), dataIndex: 'attempts' },
          {
            title: t('meter.finishedAt'),
            dataIndex: 'finishedAt',
            render: (at: number | null) => (at === null ? '' : formatTime(at, i18n.language)),
          },
        ]}
      />
    </Card>
  );
}

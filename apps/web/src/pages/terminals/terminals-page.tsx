import { PlusOutlined } from '@ant-design/icons';
import type { PortSettings, Terminal, TerminalPort, TerminalWithPorts } from '@openami/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Popconfirm, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context.tsx';
import { useSession } from '../../auth/session.tsx';
import { errorText } from '../../shared/error-text.ts';
import { usePagedList } from '../../shared/paged-query.ts';
import { QueryError } from '../../shared/query-error.tsx';
import { tableStates } from '../../shared/states.tsx';
import { useAreas } from '../../shared/use-areas.ts';
import { newPort, TerminalForm, type TerminalValues } from './terminal-form.tsx';

/** A terminal's ports, loaded when its row is opened (the list does not carry them). */
function PortTable({ terminalId }: { terminalId: number }) {
  const { t } = useTranslation();
  const api = useApi();
  const terminal = useQuery({
    queryKey: ['/api/terminals', terminalId],
    queryFn: () => api.get<TerminalWithPorts>(`/api/terminals/${terminalId}`),
  });
  return (
    <>
      <QueryError error={terminal.error} retry={() => void terminal.refetch()} />
      <Table<TerminalPort>
        size="small"
        rowKey="portNo"
        pagination={false}
        dataSource={terminal.data ? [...terminal.data.ports] : []}
        {...tableStates(terminal, terminal.data?.ports.length ?? 0, t('terminals.noPorts'))}
        columns={[
          { title: t('terminals.portNo'), dataIndex: 'portNo' },
          { title: t('terminals.baud'), dataIndex: 'baud' },
          { title: t('terminals.parity'), dataIndex: 'parity', render: (p: string) => t(`parities.${p}`) },
          { title: t('terminals.dataBits'), dataIndex: 'dataBits' },
          { title: t('terminals.stopBits'), dataIndex: 'stopBits' },
          {
            title: t('terminals.protocol'),
            dataIndex: 'protocol',
            render: (p: string) => t(`protocols.${p}`),
          },
        ]}
      />
    </>
  );
}

/** The line settings of a port, without the ids the server adds. */
const portSettings = (p: TerminalPort): PortSettings => ({
  portNo: p.portNo,
  baud: p.baud,
  parity: p.parity,
  dataBits: p.dataBits,
  stopBits: p.stopBits,
  protocol: p.protocol,
});

type Editing =
  | { readonly kind: 'closed' }
  | { readonly kind: 'create' }
  | { readonly kind: 'edit'; readonly terminal: TerminalWithPorts };

export default function TerminalsPage() {
  const { t } = useTranslation();
  const api = useApi();
  const session = useSession();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { nameOf } = useAreas();
  const [name, setName] = useState<string>('');
  const list = usePagedList<Terminal>('/api/terminals', { name });
  const [editing, setEditing] = useState<Editing>({ kind: 'closed' });
  const canWrite = session.can('terminal.write');
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['/api/terminals'] });

  const openEdit = async (terminal: Terminal) => {
    try {
      setEditing({
        kind: 'edit',
        terminal: await api.get<TerminalWithPorts>(`/api/terminals/${terminal.id}`),
      });
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };
  const save = async (values: TerminalValues) => {
    if (editing.kind === 'edit') await api.patch(`/api/terminals/${editing.terminal.id}`, values);
    else await api.post('/api/terminals', values);
    void message.success(t('common.saved'));
    await refresh();
  };
  const remove = async (terminal: Terminal) => {
    try {
      await api.delete(`/api/terminals/${terminal.id}`);
      void message.success(t('common.deleted'));
      await refresh();
    } catch (error) {
      void message.error(errorText(error, t));
    }
  };

  return (
    <Card
      title={t('nav.terminals')}
      extra={
        canWrite ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ kind: 'create' })}>
            {t('terminals.create')}
          </Button>
        ) : null
      }
    >
      <Space style={{ marginBottom: 16 }} wrap>
        <Input.Search
          placeholder={t('terminals.searchName')}
          allowClear
          onSearch={(value) => {
            setName(value.trim());
            list.restart();
          }}
          style={{ width: 260 }}
        />
      </Space>
      <QueryError error={list.result.error} retry={() => void list.result.refetch()} />
      <Table<Terminal>
        rowKey="id"
        dataSource={list.result.data?.items ? [...list.result.data.items] : []}
        {...tableStates(list.result, list.result.data?.items.length ?? 0, t('terminals.empty'))}
        pagination={list.pagination}
        onChange={(pagination, _filters, sorter) => list.onChange(pagination, sorter)}
        expandable={{ expandedRowRender: (terminal) => <PortTable terminalId={terminal.id} /> }}
        scroll={{ x: 900 }}
        columns={[
          { title: t('common.name'), dataIndex: 'name', sorter: true },
          { title: t('terminals.model'), dataIndex: 'model', sorter: true },
          { title: t('terminals.mode'), dataIndex: 'mode', render: (m: string) => t(`terminalModes.${m}`) },
          { title: t('terminals.address'), dataIndex: 'address', sorter: true },
          { title: t('common.area'), dataIndex: 'areaId', render: (id: number) => nameOf(id) },
          ...(canWrite
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, terminal: Terminal) => (
                    <Space>
                      <Button type="link" onClick={() => void openEdit(terminal)}>
                        {t('common.edit')}
                      </Button>
                      <Popconfirm
                        title={t('terminals.confirmDelete', { name: terminal.name })}
                        okText={t('common.delete')}
                        cancelText={t('common.cancel')}
                        onConfirm={() => remove(terminal)}
                      >
                        <Button type="link" danger>
                          {t('common.delete')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <TerminalForm
        open={editing.kind !== 'closed'}
        title={
          editing.kind === 'edit'
            ? t('terminals.edit', { name: editing.terminal.name })
            : t('terminals.create')
        }
        initial={
          editing.kind === 'edit'
            ? {
                areaId: editing.terminal.areaId,
                name: editing.terminal.name,
                model: editing.terminal.model,
                mode: editing.terminal.mode,
                address: editing.terminal.address,
                ports: editing.terminal.ports.map(portSettings),
              }
            : { mode: 'tcp_server', ports: [newPort(1)] }
        }
        onSubmit={save}
        onClose={() => setEditing({ kind: 'closed' })}
      />
    </Card>
  );
}

import type { Approval } from '@openami/contract';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Modal, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context.tsx';
import { errorText } from '../../shared/error-text.ts';
import { formatTime } from '../../shared/format.ts';
import { QueryError } from '../../shared/query-error.tsx';
import { fenToYuan, whToKwh } from '../../shared/units.ts';

type Decision = { readonly approval: Approval; readonly verdict: 'approve' | 'refuse' };

/** What a request moves, in words: money paid back, energy given. */
function sizeText(approval: Approval, t: (key: string, options?: Record<string, unknown>) => string) {
  const parts: string[] = [];
  if (approval.amountFen !== null) parts.push(t('approvals.money', { yuan: fenToYuan(approval.amountFen) }));
  if (approval.energyWh !== null && approval.energyWh !== 0)
    parts.push(t('approvals.energy', { kwh: whToKwh(approval.energyWh) }));
  return parts.join(' · ');
}

/** Approves (an optional reason) or refuses (a reason required) one request, after the user confirmed. */
function DecisionModal({ decision, onClose }: { decision: Decision | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason?: string }>();
  const decide = useMutation({
    mutationFn: (input: { decision: Decision; reason: string }) =>
      api.post(`/api/vending/approvals/${input.decision.approval.id}/${input.decision.verdict}`, {
        ...(input.reason === '' ? {} : { reason: input.reason }),
      }),
    onSuccess: (_, input) => {
      void message.success(
        t(input.decision.verdict === 'approve' ? 'approvals.approved' : 'approvals.refused'),
      );
      form.resetFields();
      onClose();
    },
  });
  const refusing = decision?.verdict === 'refuse';
  return (
    <Modal
      open={decision !== undefined}
      title={
        decision === undefined
          ? ''
          : t(refusing ? 'approvals.refuseTitle' : 'approvals.approveTitle', { id: decision.approval.id })
      }
      okText={t(refusing ? 'approvals.refuse' : 'approvals.approve')}
      okButtonProps={{ danger: refusing }}
      cancelText={t('common.cancel')}
      confirmLoading={decide.isPending}
      destroyOnHidden
      afterClose={() => decide.reset()}
      onCancel={onClose}
      onOk={() => {
        void form.validateFields().then(({ reason }) => {
          if (decision !== undefined) decide.mutate({ decision, reason: (reason ?? '').trim() });
        });
      }}
    >
      {decision === undefined ? null : (
        <Typography.Paragraph>
          {t(refusing ? 'approvals.refuseConfirm' : 'approvals.approveConfirm', {
            kind: t(`approvals.kinds.${decision.approval.kind}`),
            size: sizeText(decision.approval, t),
            who: decision.approval.requestedBy,
          })}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t('approvals.reason')}
          rules={
            refusing ? [{ required: true, whitespace: true, message: t('approvals.reasonRequired') }] : []
          }
        >
          <Input.TextArea maxLength={500} rows={3} data-testid="approval-reason" />
        </Form.Item>
      </Form>
      {decide.isError ? <Alert type="error" showIcon message={errorText(decide.error, t)} /> : null}
    </Modal>
  );
}

/**
 * Requests above the site's amount waiting for a second person (refunds, cancels, adjustment energy, preset
 * cards), of accounts in the user's areas; and those decided. The server refuses one's own requests.
 */
export default function ApprovalsPage() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [tab, setTab] = useState<'open' | 'decided'>('open');
  const [decision, setDecision] = useState<Decision | undefined>();
  const list = useQuery({
    queryKey: ['/api/vending/approvals', tab],
    queryFn: () => api.get<{ items: readonly Approval[] }>('/api/vending/approvals', { state: tab }),
  });
  const columns = [
    { title: t('approvals.id'), dataIndex: 'id', key: 'id', width: 80 },
    {
      title: t('approvals.account'),
      key: 'account',
      render: (_: unknown, a: Approval) =>
        a.account == null
          ? t('approvals.noAccount')
          : [a.account.accountNo, a.account.customerName, a.account.unit].filter((x) => x !== '').join(' · '),
    },
    {
      title: t('approvals.kind'),
      key: 'kind',
      render: (_: unknown, a: Approval) => t(`approvals.kinds.${a.kind}`),
    },
    { title: t('approvals.size'), key: 'size', render: (_: unknown, a: Approval) => sizeText(a, t) },
    { title: t('approvals.requestedBy'), dataIndex: 'requestedBy', key: 'requestedBy' },
    {
      title: t('approvals.requestedAt'),
      key: 'requestedAt',
      render: (_: unknown, a: Approval) => formatTime(a.requestedAt, i18n.language),
    },
    {
      title: t('approvals.state'),
      key: 'state',
      render: (_: unknown, a: Approval) => (
        <Tag color={a.state === 'approved' ? 'green' : a.state === 'refused' ? 'red' : 'gold'}>
          {t(`approvals.states.${a.state}`)}
        </Tag>
      ),
    },
    tab === 'open'
      ? {
          title: t('approvals.actions'),
          key: 'actions',
          render: (_: unknown, a: Approval) => (
            <Space>
              <Button
                type="primary"
                size="small"
                data-testid={`approve-${a.id}`}
                onClick={() => setDecision({ approval: a, verdict: 'approve' })}
              >
                {t('approvals.approve')}
              </Button>
              <Button
                danger
                size="small"
                data-testid={`refuse-${a.id}`}
                onClick={() => setDecision({ approval: a, verdict: 'refuse' })}
              >
                {t('approvals.refuse')}
              </Button>
            </Space>
          ),
        }
      : {
          title: t('approvals.decision'),
          key: 'decision',
          render: (_: unknown, a: Approval) =>
            a.decidedBy === null
              ? ''
              : t('approvals.decidedBy', { who: a.decidedBy, reason: a.reason ?? '' }),
        },
  ];
  return (
    <Card title={t('approvals.title')}>
      <Typography.Paragraph type="secondary">{t('approvals.intro')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key === 'decided' ? 'decided' : 'open')}
        items={[
          { key: 'open', label: t('approvals.open') },
          { key: 'decided', label: t('approvals.decided') },
        ]}
      />
      {list.isError ? <QueryError error={list.error} /> : null}
      <Table<Approval>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        pagination={false}
        locale={{ emptyText: t('approvals.none') }}
      />
      <DecisionModal
        decision={decision}
        onClose={() => {
          setDecision(undefined);
          void list.refetch();
        }}
      />
    </Card>
  );
}

import { SafetyCertificateOutlined } from '@ant-design/icons';
import { type AuditEntry, auditEntities, type ChainVerdict } from '@openami/contract';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context.tsx';
import type { Query } from '../../api/client.ts';
import { errorText } from '../../shared/error-text.ts';
import { formatTime } from '../../shared/format.ts';
import { usePagedList } from '../../shared/paged-query.ts';
import { QueryError } from '../../shared/query-error.tsx';
import { tableStates } from '../../shared/states.tsx';
import { actionText, actorText, detailLines, entityIdText, entityText, sourceText } from './audit-words.ts';

interface AuditFilters {
  readonly entity?: string;
  readonly entityId?: string;
  readonly actorUserId?: number;
}

/** The verdict on the hash chain, in words. */
function ChainCheck() {
  const { t } = useTranslation();
  const api = useApi();
  const check = useMutation({ mutationFn: () => api.get<ChainVerdict>('/api/audit/verify') });
  const verdict = check.data;
  return (
    <>
      <Button icon={<SafetyCertificateOutlined />} loading={check.isPending} onClick={() => check.mutate()}>
        {t('audit.verify')}
      </Button>
      {check.isError ? (
        <Alert type="error" showIcon message={errorText(check.error, t)} style={{ marginTop: 16 }} />
      ) : null}
      {verdict === undefined ? null : (
        <Alert
          role="status"
          style={{ marginTop: 16 }}
          showIcon
          type={verdict.ok ? 'success' : 'error'}
          message={
            verdict.ok
              ? t('audit.chainIntact', { entries: verdict.entries })
              : t('audit.chainBroken', { id: verdict.brokenEntryId, reason: verdict.reason })
          }
        />
      )}
    </>
  );
}

/** Who did what, when and from where; newest first; and whether anyone has altered the record. */
export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState<Query>({});
  const list = usePagedList<AuditEntry>('/api/audit', filters, { sort: 'id', direction: 'desc' });
  return (
    <Card
      title={t('nav.audit')}
      extra={<Typography.Text type="secondary">{t('audit.hint')}</Typography.Text>}
    >
      <div style={{ marginBottom: 16 }}>
        <ChainCheck />
      </div>
      <Form<AuditFilters>
        layout="inline"
        onFinish={(values) => {
          setFilters({
            entity: values.entity ?? undefined,
            entityId: values.entityId?.trim() || undefined,
            actorUserId: values.actorUserId ?? undefined,
          });
          list.restart();
        }}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item name="entity">
          <Select
            aria-label={t('audit.entity')}
            placeholder={t('audit.allEntities')}
            allowClear
            style={{ width: 160 }}
            options={auditEntities.map((entity) => ({ value: entity, label: entityText(entity, t) }))}
          />
        </Form.Item>
        <Form.Item name="entityId">
          <Input placeholder={t('audit.entityId')} allowClear />
        </Form.Item>
        <Form.Item name="actorUserId">
          <InputNumber placeholder={t('audit.actorId')} min={1} style={{ width: 140 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('common.search')}
        </Button>
      </Form>
      <QueryError error={list.result.error} retry={() => void list.result.refetch()} />
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        dataSource={list.result.data?.items ? [...list.result.data.items] : []}
        {...tableStates(list.result, list.result.data?.items.length ?? 0, t('audit.empty'))}
        pagination={{ ...list.pagination, showTotal: (total) => t('common.total', { total }) }}
        onChange={(pagination) => list.onChange(pagination, [])}
        expandable={{
          expandedRowRender: (entry) => (
            <Descriptions size="small" column={1} title={t('audit.details')} data-testid="audit-details">
              {detailLines(entry.details, t).map(([label, value], i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a detail's label may repeat (unnamed values)
                <Descriptions.Item key={`${label}-${i}`} label={label}>
                  {value}
                </Descriptions.Item>
              ))}
            </Descriptions>
          ),
        }}
        scroll={{ x: 900 }}
        columns={[
          { title: '#', dataIndex: 'id', width: 80 },
          { title: t('audit.at'), dataIndex: 'at', render: (at: number) => formatTime(at, i18n.language) },
          { title: t('audit.actor'), key: 'actor', render: (_, entry) => actorText(entry, t) },
          { title: t('audit.sourceIp'), dataIndex: 'sourceIp', render: (ip: string) => sourceText(ip, t) },
          {
            title: t('audit.action'),
            dataIndex: 'action',
            render: (action: string) => actionText(action, t),
          },
          {
            title: t('audit.entity'),
            dataIndex: 'entity',
            render: (entity: string) => entityText(entity, t),
          },
          { title: t('audit.entityId'), dataIndex: 'entityId', render: (id: string) => entityIdText(id, t) },
        ]}
      />
    </Card>
  );
}

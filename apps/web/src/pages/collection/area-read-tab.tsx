import { type CollectionRun, type ItemGroup, itemGroups } from '@openami/contract';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Form, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context.tsx';
import { AreaSelect } from '../../shared/area-select.tsx';
import { errorText } from '../../shared/error-text.ts';
import { RunProgressView } from './run-progress-view.tsx';

interface AreaReadValues {
  readonly areaId: number;
  readonly items: ItemGroup[];
}

/** "Read this area now": every meter of the area and beneath it, with live progress. */
export function AreaReadTab() {
  const { t } = useTranslation();
  const api = useApi();
  const [runId, setRunId] = useState<number | undefined>();
  const start = useMutation({
    mutationFn: (values: AreaReadValues) =>
      api.post<CollectionRun>(`/api/areas/${values.areaId}/read`, { items: values.items }),
    onSuccess: (run) => setRunId(run.id),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Form<AreaReadValues>
        layout="vertical"
        style={{ maxWidth: 560 }}
        initialValues={{ items: ['energy'] }}
        onFinish={(values) => {
          setRunId(undefined);
          start.mutate(values);
        }}
      >
        <Form.Item name="areaId" label={t('common.area')} rules={[{ required: true }]}>
          <AreaSelect placeholder={t('collection.pickArea')} />
        </Form.Item>
        <Form.Item name="items" label={t('collection.items')} rules={[{ required: true }]}>
          <Checkbox.Group options={itemGroups.map((g) => ({ value: g, label: t(`itemGroups.${g}`) }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={start.isPending}>
          {t('collection.readAreaNow')}
        </Button>
      </Form>
      {start.isError ? (
        <Alert type="error" showIcon role="alert" message={errorText(start.error, t)} />
      ) : null}
      {runId === undefined ? null : <RunProgressView key={runId} runId={runId} />}
    </Space>
  );
}

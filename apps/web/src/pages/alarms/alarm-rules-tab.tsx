import { EditOutlined } from '@ant-design/icons';
import type { AlarmRuleOverride, EffectiveAlarmRule, EffectiveAlarmRules } from '@openami/contract';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Form, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context.tsx';
import { withQuery } from '../../api/client.ts';
import { useSession } from '../../auth/session.tsx';
import { AreaSelect } from '../../shared/area-select.tsx';
import { errorText } from '../../shared/error-text.ts';
import { QueryError } from '../../shared/query-error.tsx';
import { tableStates } from '../../shared/states.tsx';
import { useAreas } from '../../shared/use-areas.ts';
import { useMeterTypes } from '../../shared/use-meter-types.ts';
import { SeverityTag } from './alarm-tags.tsx';
import { RuleForm, type RuleScope } from './rule-form.tsx';
import { type ScopeNames, settingsText, sourceText } from './rule-source.ts';

/**
 * The alarm rules in force for an area and a meter type (the whole site and every type when left out):
 * each kind's settings with where each comes from, and the overrides that apply there, most specific first.
 * Those who may configure set the override of the chosen scope or remove one.
 */
export function AlarmRulesTab() {
  const { t } = useTranslation();
  const api = useApi();
  const session = useSession();
  const { message } = App.useApp();
  const areas = useAreas();
  const meterTypes = useMeterTypes();
  const [scope, setScope] = useState<RuleScope>({ areaId: undefined, meterTypeId: undefined });
  const [editing, setEditing] = useState<EffectiveAlarmRule | undefined>();
  const query = { areaId: scope.areaId, meterTypeId: scope.meterTypeId };
  const rules = useQuery({
    queryKey: ['/api/alarms/rules', query],
    queryFn: () => api.get<EffectiveAlarmRules>('/api/alarms/rules', query),
  });
  const names: ScopeNames = {
    areaName: (id) => areas.nameOf(id),
    meterTypeName: (id) => meterTypes.data?.find((m) => m.id === id)?.name ?? `#${id}`,
  };
  const scopeName = sourceText(
    { areaId: scope.areaId ?? null, meterTypeId: scope.meterTypeId ?? null },
    names,
    t,
  );
  const canConfigure = session.can('alarm.configure');
  const remove = useMutation({
    mutationFn: (o: AlarmRuleOverride) =>
      api.delete(
        withQuery(`/api/alarms/rules/${o.kind}`, {
          areaId: o.areaId ?? undefined,
          meterTypeId: o.meterTypeId ?? undefined,
        }),
      ),
    onSuccess: () => {
      void message.success(t('alarms.rules.removed'));
      void rules.refetch();
    },
    onError: (error) => void message.error(errorText(error, t)),
  });
  const ownOverride = (kind: string) =>
    rules.data?.overrides.find(
      (o) =>
        o.kind === kind &&
        o.areaId === (scope.areaId ?? null) &&
        o.meterTypeId === (scope.meterTypeId ?? null),
    );
  const sourceTag = (rule: EffectiveAlarmRule, setting: string) => {
    const source = rule.sources[setting] ?? 'default';
    return (
      <Tag color={source === 'default' ? 'default' : 'blue'} bordered={false}>
        {sourceText(source, names, t)}
      </Tag>
    );
  };

  return (
    <>
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }} aria-label={t('alarms.rules.scope')}>
        <Form.Item label={t('common.area')}>
          <AreaSelect
            value={scope.areaId ?? null}
            onChange={(v) => setScope((s) => ({ ...s, areaId: typeof v === 'number' ? v : undefined }))}
            placeholder={t('alarms.rules.site')}
            allowClear
            style={{ width: 240 }}
          />
        </Form.Item>
        <Form.Item label={t('alarms.rules.meterType')}>
          <Select
            value={scope.meterTypeId}
            onChange={(v: number | undefined) => setScope((s) => ({ ...s, meterTypeId: v }))}
            placeholder={t('alarms.rules.everyType')}
            allowClear
            loading={meterTypes.isLoading}
            style={{ width: 200 }}
            options={(meterTypes.data ?? []).map((m) => ({ value: m.id, label: `${m.name} (${m.code})` }))}
          />
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary">{t('alarms.rules.precedence')}</Typography.Paragraph>
      <QueryError error={rules.error} retry={() => void rules.refetch()} />
      <Table<EffectiveAlarmRule>
        rowKey="kind"
        data-testid="alarm-rules"
        size="small"
        dataSource={rules.data ? [...rules.data.rules] : []}
        {...tableStates(rules, rules.data?.rules.length ?? 0, t('alarms.rules.noRules'))}
        pagination={false}
        scroll={{ x: 900 }}
        columns={[
          { title: t('alarms.kind'), dataIndex: 'kind', render: (kind: string) => t(`alarms.kinds.${kind}`) },
          {
            title: t('alarms.rules.enabled'),
            key: 'enabled',
            render: (_, rule) => (
              <Space size={4}>
                {rule.enabled ? t('alarms.rules.on') : t('alarms.rules.off')}
                {sourceTag(rule, 'enabled')}
              </Space>
            ),
          },
          {
            title: t('alarms.severity'),
            key: 'severity',
            render: (_, rule) => (
              <Space size={4}>
                <SeverityTag severity={rule.severity} />
                {sourceTag(rule, 'severity')}
              </Space>
            ),
          },
          {
            title: t('alarms.rules.thresholds'),
            key: 'params',
            render: (_, rule) => (
              <Space direction="vertical" size={2}>
                {Object.entries(rule.params).map(([name, value]) => (
                  <Space key={name} size={4}>
                    {`${t(`alarms.params.${name}`, { defaultValue: name })} = ${value}`}
                    {sourceTag(rule, name)}
                  </Space>
                ))}
              </Space>
            ),
          },
          ...(canConfigure
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, rule: EffectiveAlarmRule) => (
                    <Tooltip title={t('alarms.rules.editHint', { scope: scopeName })}>
                      <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(rule)}>
                        {t('common.edit')}
                      </Button>
                    </Tooltip>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('alarms.rules.overrides')}
      </Typography.Title>
      <Table<AlarmRuleOverride>
        rowKey={(o) => `${o.kind} ${o.areaId} ${o.meterTypeId}`}
        data-testid="alarm-rule-overrides"
        size="small"
        dataSource={rules.data ? [...rules.data.overrides] : []}
        {...tableStates(rules, rules.data?.overrides.length ?? 0, t('alarms.rules.noOverrides'))}
        pagination={false}
        columns={[
          { title: t('alarms.kind'), dataIndex: 'kind', render: (kind: string) => t(`alarms.kinds.${kind}`) },
          { title: t('alarms.rules.scope'), key: 'scope', render: (_, o) => sourceText(o, names, t) },
          { title: t('alarms.rules.settings'), key: 'settings', render: (_, o) => settingsText(o, t) },
          ...(canConfigure
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, o: AlarmRuleOverride) => (
                    <Popconfirm
                      title={t('alarms.rules.removeConfirm')}
                      okText={t('common.delete')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => remove.mutateAsync(o).catch(() => undefined)}
                    >
                      <Button size="small" danger>
                        {t('common.delete')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      <RuleForm
        rule={editing}
        override={editing === undefined ? undefined : ownOverride(editing.kind)}
        scope={scope}
        scopeName={scopeName}
        onClose={() => setEditing(undefined)}
        onSaved={() => void rules.refetch()}
      />
    </>
  );
}

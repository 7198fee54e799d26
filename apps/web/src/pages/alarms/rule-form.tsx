import {
  type AlarmKind,
  type AlarmRuleOverride,
  type EffectiveAlarmRule,
  severities,
} from '@openami/contract';
import { Form, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context.tsx';
import { FormModal } from '../../shared/form-modal.tsx';

interface RuleValues {
  readonly enabled: 'inherit' | 'on' | 'off';
  readonly severity?: string;
  readonly params: Record<string, number | null | undefined>;
}

export interface RuleScope {
  readonly areaId: number | undefined;
  readonly meterTypeId: number | undefined;
}

/**
 * Sets the override of one kind for the chosen scope, replacing what that scope held; a setting left
 * empty is inherited from the next scope up. The server checks the thresholds and says what is wrong.
 */
export function RuleForm({
  rule,
  override,
  scope,
  scopeName,
  onClose,
  onSaved,
}: {
  rule: EffectiveAlarmRule | undefined;
  /** What this very scope holds for the kind now, if anything. */
  override: AlarmRuleOverride | undefined;
  scope: RuleScope;
  scopeName: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const kind: AlarmKind | undefined = rule?.kind;
  const paramNames = Object.keys(rule?.params ?? {});
  const initial: Partial<RuleValues> = {
    enabled:
      override?.enabled === null || override === undefined ? 'inherit' : override.enabled ? 'on' : 'off',
    ...(override?.severity ? { severity: override.severity } : {}),
    params: { ...(override?.params ?? {}) },
  };
  const save = async (values: RuleValues) => {
    const params: Record<string, number> = {};
    for (const [name, value] of Object.entries(values.params ?? {}))
      if (typeof value === 'number') params[name] = value;
    await api.request('PUT', `/api/alarms/rules/${kind}`, {
      json: {
        ...(scope.areaId === undefined ? {} : { areaId: scope.areaId }),
        ...(scope.meterTypeId === undefined ? {} : { meterTypeId: scope.meterTypeId }),
        ...(values.enabled === 'inherit' ? {} : { enabled: values.enabled === 'on' }),
        ...(values.severity === undefined ? {} : { severity: values.severity }),
        ...(Object.keys(params).length === 0 ? {} : { params }),
      },
    });
    onSaved();
  };
  return (
    <FormModal<RuleValues>
      open={rule !== undefined}
      title={
        kind === undefined
          ? ''
          : t('alarms.rules.editTitle', { kind: t(`alarms.kinds.${kind}`), scope: scopeName })
      }
      initialValues={initial}
      onSubmit={save}
      onClose={onClose}
    >
      <Form.Item name="enabled" label={t('alarms.rules.enabled')}>
        <Select
          options={(['inherit', 'on', 'off'] as const).map((v) => ({
            value: v,
            label: t(`alarms.rules.${v}`),
          }))}
        />
      </Form.Item>
      <Form.Item name="severity" label={t('alarms.severity')}>
        <Select
          allowClear
          placeholder={t('alarms.rules.inherit')}
          options={severities.map((s) => ({ value: s, label: t(`alarms.severities.${s}`) }))}
        />
      </Form.Item>
      {paramNames.map((name) => (
        <Form.Item
          key={name}
          name={['params', name]}
          label={t(`alarms.params.${name}`, { defaultValue: name })}
          extra={t('alarms.rules.effectiveNow', { value: rule?.params[name] })}
        >
          <InputNumber placeholder={t('alarms.rules.inherit')} style={{ width: 200 }} />
        </Form.Item>
      ))}
    </FormModal>
  );
}

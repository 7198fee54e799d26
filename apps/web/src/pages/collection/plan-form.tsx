import { Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { itemGroups, type ReadingPlan, type Schedule, scheduleKinds } from '../../api/types.ts';
import { AreaSelect } from '../../shared/area-select.tsx';
import { FormModal } from '../../shared/form-modal.tsx';
import { collapseItems } from './plan-items.ts';

export interface PlanValues {
  readonly nameZh: string;
  readonly nameEn: string;
  readonly items: readonly string[];
  readonly areaIds?: readonly number[];
  readonly scheduleKind: Schedule['kind'];
  readonly everyMinutes?: number;
  readonly offsetMinutes?: number;
  readonly at?: string;
  readonly day?: number;
  readonly enabled: boolean;
}

/** The form's fields from a plan. */
export function planValues(plan: ReadingPlan): PlanValues {
  const s = plan.schedule;
  return {
    nameZh: plan.name.zh,
    nameEn: plan.name.en,
    items: collapseItems(plan.items),
    areaIds: (plan.targets.areas ?? []).map(Number),
    scheduleKind: s.kind,
    everyMinutes: s.kind === 'interval' ? s.everyMinutes : 60,
    offsetMinutes: s.kind === 'interval' ? (s.offsetMinutes ?? 0) : 0,
    at: s.kind === 'interval' ? '00:15' : s.at,
    day: s.kind === 'monthly' ? s.day : 1,
    enabled: plan.enabled,
  };
}

/** The PATCH body from the form: only the schedule's own fields, targets' areas as the API's id strings. */
export function planPatch(values: PlanValues, plan: ReadingPlan) {
  const schedule: Schedule =
    values.scheduleKind === 'interval'
      ? {
          kind: 'interval',
          everyMinutes: values.everyMinutes ?? 60,
          offsetMinutes: values.offsetMinutes ?? 0,
        }
      : values.scheduleKind === 'daily'
        ? { kind: 'daily', at: values.at ?? '00:00' }
        : { kind: 'monthly', day: values.day ?? 1, at: values.at ?? '00:00' };
  const areas = (values.areaIds ?? []).map(String);
  const { areas: _, ...otherTargets } = plan.targets;
  return {
    name: { zh: values.nameZh, en: values.nameEn },
    items: values.items,
    targets: areas.length === 0 ? otherTargets : { ...otherTargets, areas },
    schedule,
    enabled: values.enabled,
  };
}

/** Edits a plan's name, items, areas, schedule and whether it runs; the server's verdict shows in words. */
export function PlanForm({
  plan,
  onSubmit,
  onClose,
}: {
  plan: ReadingPlan | undefined;
  onSubmit: (values: PlanValues) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <FormModal<PlanValues>
      open={plan !== undefined}
      title={t('collection.editPlan')}
      initialValues={plan === undefined ? {} : planValues(plan)}
      onSubmit={onSubmit}
      onClose={onClose}
      width={640}
    >
      <Space.Compact block>
        <Form.Item
          name="nameZh"
          label={t('collection.nameZh')}
          rules={[{ required: true }, { max: 100 }]}
          style={{ flex: 1, marginRight: 8 }}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={t('collection.nameEn')}
          rules={[{ required: true }, { max: 100 }]}
          style={{ flex: 1 }}
        >
          <Input />
        </Form.Item>
      </Space.Compact>
      <Form.Item name="items" label={t('collection.items')} extra={t('collection.itemsHelp')}>
        <Select mode="tags" options={itemGroups.map((g) => ({ value: g, label: t(`itemGroups.${g}`) }))} />
      </Form.Item>
      <Form.Item name="areaIds" label={t('collection.targetAreas')} extra={t('collection.targetAreasHelp')}>
        <AreaSelect multiple allowClear />
      </Form.Item>
      <Form.Item name="scheduleKind" label={t('collection.schedule')} rules={[{ required: true }]}>
        <Select options={scheduleKinds.map((k) => ({ value: k, label: t(`scheduleKinds.${k}`) }))} />
      </Form.Item>
      <Form.Item noStyle dependencies={['scheduleKind']}>
        {({ getFieldValue }) => {
          const kind = getFieldValue('scheduleKind') as Schedule['kind'];
          if (kind === 'interval') {
            return (
              <Space.Compact block>
                <Form.Item
                  name="everyMinutes"
                  label={t('collection.everyMinutes')}
                  rules={[{ required: true }]}
                  style={{ flex: 1, marginRight: 8 }}
                >
                  <InputNumber min={1} max={1440} style={{ width: '100%' }} />
                </Form.Item>
                <Form.Item name="offsetMinutes" label={t('collection.offsetMinutes')} style={{ flex: 1 }}>
                  <InputNumber min={0} max={1439} style={{ width: '100%' }} />
                </Form.Item>
              </Space.Compact>
            );
          }
          return (
            <Space.Compact block>
              {kind === 'monthly' ? (
                <Form.Item
                  name="day"
                  label={t('collection.dayOfMonth')}
                  rules={[{ required: true }]}
                  style={{ flex: 1, marginRight: 8 }}
                >
                  <InputNumber min={1} max={31} style={{ width: '100%' }} />
                </Form.Item>
              ) : null}
              <Form.Item
                name="at"
                label={t('collection.at')}
                rules={[
                  { required: true },
                  { pattern: /^\d{1,2}:\d{2}$/, message: t('collection.atFormat') },
                ]}
                style={{ flex: 1 }}
              >
                <Input placeholder="00:15" />
              </Form.Item>
            </Space.Compact>
          );
        }}
      </Form.Item>
      <Form.Item name="enabled" label={t('collection.enabled')} valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormModal>
  );
}

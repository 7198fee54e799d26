import {
  itemGroups,
  type PlanKind,
  type PlanTargets,
  planKinds,
  type ReadingPlan,
  type Schedule,
  scheduleKinds,
} from '@openami/contract';
import { Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { AreaSelect } from '../../shared/area-select.tsx';
import { FormModal } from '../../shared/form-modal.tsx';
import { useMeterTypes } from '../../shared/use-meter-types.ts';
import { collapseItems } from './plan-items.ts';

export interface PlanValues {
  /** Only when creating: a plan's id and kind never change. */
  readonly id?: string;
  readonly kind?: PlanKind;
  readonly meterTypeIds?: readonly number[];
  /** Meter ids typed one by one. */
  readonly meterIds?: readonly string[];
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

/** A new plan's fields: hourly reading of energy everywhere, switched on, until the user says otherwise. */
export const newPlanValues: PlanValues = {
  kind: 'read',
  nameZh: '',
  nameEn: '',
  items: ['energy'],
  scheduleKind: 'interval',
  everyMinutes: 60,
  offsetMinutes: 0,
  at: '02:00',
  day: 1,
  enabled: true,
};

function scheduleOf(values: PlanValues): Schedule {
  return values.scheduleKind === 'interval'
    ? { kind: 'interval', everyMinutes: values.everyMinutes ?? 60, offsetMinutes: values.offsetMinutes ?? 0 }
    : values.scheduleKind === 'daily'
      ? { kind: 'daily', at: values.at ?? '00:00' }
      : { kind: 'monthly', day: values.day ?? 1, at: values.at ?? '00:00' };
}

/** The POST body from the form: targets as the API's id strings; no target at all means every meter. */
export function planCreateBody(values: PlanValues) {
  const targets: { -readonly [K in keyof PlanTargets]: PlanTargets[K] } = {};
  const ids = (list: readonly (number | string)[] | undefined) =>
    (list ?? []).map((v) => String(v).trim()).filter((v) => v !== '');
  if (ids(values.areaIds).length > 0) targets.areas = ids(values.areaIds);
  if (ids(values.meterTypeIds).length > 0) targets.meterTypes = ids(values.meterTypeIds);
  if (ids(values.meterIds).length > 0) targets.meters = ids(values.meterIds);
  return {
    id: (values.id ?? '').trim(),
    name: { zh: values.nameZh, en: values.nameEn },
    kind: values.kind ?? 'read',
    items: values.items,
    targets,
    schedule: scheduleOf(values),
    enabled: values.enabled,
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

/**
 * Edits a plan's name, items, areas, schedule and whether it runs, or creates one (`plan` is 'new': then
 * also its id, kind, meter types and meters); the server's verdict (BAD_PLAN…) shows in the user's words.
 */
export function PlanForm({
  plan,
  onSubmit,
  onClose,
}: {
  plan: ReadingPlan | 'new' | undefined;
  onSubmit: (values: PlanValues) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const creating = plan === 'new';
  const meterTypes = useMeterTypes(creating);
  return (
    <FormModal<PlanValues>
      open={plan !== undefined}
      title={t(creating ? 'collection.newPlan' : 'collection.editPlan')}
      initialValues={plan === undefined ? {} : plan === 'new' ? newPlanValues : planValues(plan)}
      onSubmit={onSubmit}
      onClose={onClose}
      width={640}
    >
      {creating ? (
        <Space.Compact block>
          <Form.Item
            name="id"
            label={t('collection.planId')}
            extra={t('collection.planIdHelp')}
            rules={[
              { required: true },
              { pattern: /^[a-z0-9][a-z0-9-]*$/, message: t('collection.planIdFormat') },
            ]}
            style={{ flex: 1, marginRight: 8 }}
          >
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item
            name="kind"
            label={t('collection.planKind')}
            rules={[{ required: true }]}
            style={{ flex: 1 }}
          >
            <Select options={planKinds.map((k) => ({ value: k, label: t(`planKinds.${k}`) }))} />
          </Form.Item>
        </Space.Compact>
      ) : null}
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
      {creating ? (
        <>
          <Form.Item name="meterTypeIds" label={t('collection.targetMeterTypes')}>
            <Select
              mode="multiple"
              allowClear
              loading={meterTypes.isLoading}
              options={(meterTypes.data ?? []).map((m) => ({ value: m.id, label: `${m.code} ${m.name}` }))}
            />
          </Form.Item>
          <Form.Item
            name="meterIds"
            label={t('collection.targetMeters')}
            extra={t('collection.targetMetersHelp')}
            rules={[
              {
                validator: async (_, value: readonly string[] | undefined) => {
                  if ((value ?? []).some((v) => !/^[1-9][0-9]*$/.test(v.trim())))
                    throw new Error(t('collection.meterIdFormat'));
                },
              },
            ]}
          >
            <Select mode="tags" open={false} tokenSeparators={[',', ' ']} />
          </Form.Item>
        </>
      ) : null}
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

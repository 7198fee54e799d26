import { Form, Input, Select } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AreaSelect } from '../../shared/area-select.tsx';

export interface RangeValue {
  readonly areaId: number | undefined;
  readonly from: string;
  readonly to: string;
}

/** The area and the range of days every report asks for, and whatever else a report adds. */
export function ReportFilters({
  value,
  onChange,
  children,
}: {
  value: RangeValue;
  onChange: (next: RangeValue) => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Form layout="inline" className="report-no-print" style={{ rowGap: 8, marginBottom: 16 }}>
      <Form.Item label={t('reports.area')}>
        <AreaSelect
          value={value.areaId ?? null}
          onChange={(areaId) =>
            onChange({ ...value, areaId: typeof areaId === 'number' ? areaId : undefined })
          }
          allowClear
          placeholder={t('reports.allAreas')}
          style={{ width: 220 }}
        />
      </Form.Item>
      <Form.Item label={t('reports.from')}>
        <Input
          type="date"
          value={value.from}
          data-testid="report-from"
          onChange={(e) => e.target.value !== '' && onChange({ ...value, from: e.target.value })}
        />
      </Form.Item>
      <Form.Item label={t('reports.to')}>
        <Input
          type="date"
          value={value.to}
          data-testid="report-to"
          onChange={(e) => e.target.value !== '' && onChange({ ...value, to: e.target.value })}
        />
      </Form.Item>
      {children}
    </Form>
  );
}

/** A select of a closed list whose labels are `reports.<prefix>.<value>`. */
export function ChoiceSelect<T extends string>({
  values,
  value,
  onChange,
  labelOf,
  testId,
}: {
  values: readonly T[];
  value: T;
  onChange: (next: T) => void;
  labelOf: (value: T) => string;
  testId: string;
}) {
  return (
    <Select
      data-testid={testId}
      value={value}
      onChange={onChange}
      options={values.map((v) => ({ value: v, label: labelOf(v) }))}
      style={{ width: 120 }}
    />
  );
}

import type { Customer, Meter, Page } from '@openami/contract';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context.tsx';

interface PickerProps {
  readonly value?: number;
  readonly onChange?: (id: number) => void;
  readonly id?: string;
}

/** Meters to put an account on: from stock by default (001 §3.2: pick a meter from stock). */
export function MeterPicker({ value, onChange, id }: PickerProps) {
  const { t } = useTranslation();
  const api = useApi();
  const [text, setText] = useState('');
  const found = useQuery({
    queryKey: ['/api/meters', 'in_stock', text],
    queryFn: () =>
      api.get<Page<Meter>>('/api/meters', {
        factoryNo: text,
        state: 'in_stock',
        limit: 20,
        sort: 'factoryNo',
      }),
  });
  return (
    <Select<number>
      id={id}
      showSearch
      filterOption={false}
      value={value}
      onChange={onChange}
      onSearch={setText}
      loading={found.isFetching}
      placeholder={t('counter.pick.meter')}
      notFoundContent={t('counter.pick.noMeter')}
      options={(found.data?.items ?? []).map((m) => ({
        value: m.id,
        label: `${m.factoryNo} (${m.commAddress})`,
      }))}
    />
  );
}

/** Customers by name (prefix). */
export function CustomerPicker({ value, onChange, id }: PickerProps) {
  const { t } = useTranslation();
  const api = useApi();
  const [text, setText] = useState('');
  const found = useQuery({
    queryKey: ['/api/customers', 'pick', text],
    queryFn: () => api.get<Page<Customer>>('/api/customers', { name: text, limit: 20, sort: 'name' }),
  });
  return (
    <Select<number>
      id={id}
      showSearch
      filterOption={false}
      value={value}
      onChange={onChange}
      onSearch={setText}
      loading={found.isFetching}
      placeholder={t('counter.pick.customer')}
      notFoundContent={t('counter.pick.noCustomer')}
      options={(found.data?.items ?? []).map((c) => ({
        value: c.id,
        label: [c.name, c.code, c.unit].filter((x) => x !== '').join(' · '),
      }))}
    />
  );
}

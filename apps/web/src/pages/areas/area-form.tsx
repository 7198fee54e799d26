import { type Area, type AreaKind, areaKinds } from '@openami/contract';
import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { AreaSelect } from '../../shared/area-select.tsx';
import { FormModal } from '../../shared/form-modal.tsx';

export interface AreaValues {
  readonly parentId: number | null;
  readonly kind: AreaKind;
  readonly code: string;
  readonly name: string;
}

/** Create an area under a parent, or change one (its parent too: the whole branch moves). */
export function AreaForm({
  open,
  editing,
  initial,
  onSubmit,
  onClose,
}: {
  open: boolean;
  editing: Area | undefined;
  initial: Partial<AreaValues>;
  onSubmit: (values: AreaValues) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <FormModal<AreaValues>
      open={open}
      title={editing === undefined ? t('areas.create') : t('areas.edit', { name: editing.name })}
      initialValues={initial}
      onSubmit={(values) => onSubmit({ ...values, parentId: values.parentId ?? null })}
      onClose={onClose}
    >
      <Form.Item name="parentId" label={t('areas.parent')} extra={t('areas.parentHint')}>
        <AreaSelect allowClear placeholder={t('areas.noParent')} />
      </Form.Item>
      <Form.Item name="kind" label={t('areas.kind')} rules={[{ required: true }]}>
        <Select options={areaKinds.map((kind) => ({ value: kind, label: t(`areaKinds.${kind}`) }))} />
      </Form.Item>
      <Form.Item
        name="code"
        label={t('common.code')}
        rules={[
          { required: true },
          { max: 64 },
          { pattern: /^\S(.*\S)?$/, message: t('validation.noEdgeSpaces') },
        ]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="name" label={t('common.name')} rules={[{ required: true }, { max: 200 }]}>
        <Input />
      </Form.Item>
    </FormModal>
  );
}

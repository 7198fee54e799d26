import { Alert, Form, type FormInstance, Modal } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, fieldProblems } from './error-text.ts';

export interface FormModalProps<Values> {
  readonly open: boolean;
  readonly title: string;
  readonly initialValues: Partial<Values>;
  /** Sends the form; a rejection keeps the dialog open and shows why, on the fields when it can. */
  readonly onSubmit: (values: Values) => Promise<unknown>;
  readonly onClose: () => void;
  readonly children: ReactNode | ((form: FormInstance<Values>) => ReactNode);
  readonly width?: number;
}

/**
 * A create or edit dialog: client-side rules first, then the server's verdict in words. Every opening
 * starts from a new form holding `initialValues`, so nothing typed or refused last time lingers.
 */
export function FormModal<Values extends object>(props: FormModalProps<Values>) {
  const [opening, setOpening] = useState(0);
  const [wasOpen, setWasOpen] = useState(props.open);
  // Adjusted while rendering (not in an effect), so the new form is the first one the user sees.
  if (props.open !== wasOpen) {
    setWasOpen(props.open);
    if (props.open) setOpening((n) => n + 1);
  }
  return <FormDialog<Values> key={opening} {...props} />;
}

function FormDialog<Values extends object>(props: FormModalProps<Values>) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();

  const submit = async (values: Values) => {
    setSaving(true);
    setFailure(undefined);
    try {
      await props.onSubmit(values);
      props.onClose();
    } catch (error) {
      const problems = fieldProblems(error);
      const known = [...problems.keys()].filter((name) => form.getFieldInstance(name) !== undefined);
      // Field names come from the server's answer, so they are addressed by string, outside the form's type.
      const fields: FormInstance = form;
      fields.setFields(known.map((name) => ({ name, errors: [t('errors.fieldRefused')] })));
      setFailure(errorText(error, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={props.open}
      title={props.title}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
      width={props.width ?? 560}
    >
      {failure === undefined ? null : (
        <Alert type="error" showIcon message={failure} style={{ marginBottom: 16 }} role="alert" />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        preserve={false}
        initialValues={props.initialValues}
      >
        {typeof props.children === 'function' ? props.children(form) : props.children}
      </Form>
    </Modal>
  );
}

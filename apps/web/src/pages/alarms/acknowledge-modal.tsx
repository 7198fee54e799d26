import type { Alarm } from '@openami/contract';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context.tsx';
import { errorText } from '../../shared/error-text.ts';

/**
 * Acknowledges an alarm with a comment, after the user has read what it is and confirmed; an event alarm
 * (a cover opened) clears with it. A refusal (already acknowledged by someone else) shows in the dialog.
 */
export function AcknowledgeModal({
  alarm,
  onClose,
  onDone,
}: {
  alarm: Alarm | undefined;
  onClose: () => void;
  onDone: (alarm: Alarm) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ comment: string }>();
  const acknowledge = useMutation({
    mutationFn: (input: { id: number; comment: string }) =>
      api.post<Alarm>(`/api/alarms/${input.id}/acknowledge`, { comment: input.comment }),
    onSuccess: (done) => {
      void message.success(t('alarms.acknowledged'));
      form.resetFields();
      onDone(done);
    },
  });
  return (
    <Modal
      open={alarm !== undefined}
      title={alarm === undefined ? '' : t('alarms.acknowledgeTitle', { id: alarm.id })}
      okText={t('alarms.acknowledge')}
      cancelText={t('common.cancel')}
      confirmLoading={acknowledge.isPending}
      destroyOnHidden
      afterClose={() => acknowledge.reset()}
      onCancel={onClose}
      onOk={() => {
        void form.validateFields().then(({ comment }) => {
          if (alarm !== undefined) acknowledge.mutate({ id: alarm.id, comment: comment.trim() });
        });
      }}
    >
      {alarm === undefined ? null : (
        <Typography.Paragraph>
          {t('alarms.acknowledgeConfirm', { kind: t(`alarms.kinds.${alarm.kind}`) })}
        </Typography.Paragraph>
      )}
      {acknowledge.isError ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          message={errorText(acknowledge.error, t)}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="comment"
          label={t('alarms.comment')}
          rules={[{ required: true, whitespace: true }, { max: 500 }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('alarms.commentHint')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

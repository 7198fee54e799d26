import type { Alarm, AlarmsAcknowledged } from '@openami/contract';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context.tsx';
import { errorText } from '../../shared/error-text.ts';

/**
 * Acknowledges one alarm, or several with one comment (each is recorded and audited on its own), after the
 * user has read what they are and confirmed; an event alarm (a cover opened) clears with it. A refusal
 * (already acknowledged by someone else, outside one's areas) shows in the dialog; of several, those
 * somebody else acknowledged or that cleared meanwhile are skipped and counted.
 */
export function AcknowledgeModal({
  alarms,
  onClose,
  onDone,
}: {
  alarms: readonly Alarm[] | undefined;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ comment: string }>();
  const acknowledge = useMutation({
    mutationFn: async (input: { ids: readonly number[]; comment: string }) => {
      if (input.ids.length === 1) {
        await api.post<Alarm>(`/api/alarms/${input.ids[0]}/acknowledge`, { comment: input.comment });
        return { acknowledged: 1, skipped: 0 };
      }
      const done = await api.post<AlarmsAcknowledged>('/api/alarms/acknowledge', {
        ids: input.ids,
        comment: input.comment,
      });
      return { acknowledged: done.acknowledged.length, skipped: done.skipped.length };
    },
    onSuccess: ({ acknowledged, skipped }, input) => {
      void message.success(
        input.ids.length === 1
          ? t('alarms.acknowledged')
          : t('alarms.acknowledgedMany', { count: acknowledged, skipped }),
      );
      form.resetFields();
      onDone();
    },
  });
  const one = alarms?.length === 1 ? alarms[0] : undefined;
  return (
    <Modal
      open={alarms !== undefined && alarms.length > 0}
      title={
        alarms === undefined
          ? ''
          : one !== undefined
            ? t('alarms.acknowledgeTitle', { id: one.id })
            : t('alarms.acknowledgeManyTitle', { count: alarms.length })
      }
      okText={t('alarms.acknowledge')}
      cancelText={t('common.cancel')}
      confirmLoading={acknowledge.isPending}
      destroyOnHidden
      afterClose={() => acknowledge.reset()}
      onCancel={onClose}
      onOk={() => {
        void form.validateFields().then(({ comment }) => {
          if (alarms !== undefined && alarms.length > 0)
            acknowledge.mutate({ ids: alarms.map((a) => a.id), comment: comment.trim() });
        });
      }}
    >
      {alarms === undefined ? null : (
        <Typography.Paragraph>
          {one !== undefined
            ? t('alarms.acknowledgeConfirm', { kind: t(`alarms.kinds.${one.kind}`) })
            : t('alarms.acknowledgeManyConfirm', {
                count: alarms.length,
                kinds: [...new Set(alarms.map((a) => t(`alarms.kinds.${a.kind}`)))].join('、'),
              })}
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

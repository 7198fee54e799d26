import { type SpecialCardMade, specialCardKinds } from '@openami/contract';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Radio, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context.tsx';
import { AreaSelect } from '../../shared/area-select.tsx';
import { errorText } from '../../shared/error-text.ts';
import { newRequestId } from '../../shared/request-id.ts';
import { useAreas } from '../../shared/use-areas.ts';
import type { CardImage } from './card-image.ts';
import { CardToWrite } from './sale-outcome.tsx';
import { type SpecialCardValues, specialCardBody, writableProblem } from './special-cards.ts';

/**
 * 制作专用卡 (001 §4.1): the cashier picks the kind, fills in what it needs, and the card in the reader (blank,
 * or any card that can still be written, FAQ 11) becomes a preset, clear, check or meter-reading card. The
 * image to write comes back from the server; the same click sent twice makes one card.
 */
export function SpecialCardPanel({
  card,
  onCardWritten,
}: {
  card: CardImage | undefined;
  onCardWritten: (card: CardImage) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const { byId } = useAreas();
  const { message } = App.useApp();
  const [form] = Form.useForm<SpecialCardValues>();
  const kind = Form.useWatch('kind', form) ?? 'preset';
  const [requestId, setRequestId] = useState(newRequestId);
  const [made, setMade] = useState<SpecialCardMade>();
  const [forCard, setForCard] = useState(card);
  const [failedFor, setFailedFor] = useState<CardImage>();
  const issue = useMutation({
    mutationFn: (values: SpecialCardValues) => {
      if (card === undefined) throw new Error('no card');
      return api.post<SpecialCardMade | { readonly approval: unknown }>(
        '/api/vending/special-cards',
        specialCardBody(values, (id) => byId.get(id)?.code, card, requestId),
      );
    },
    onSuccess: (result) => {
      setRequestId(newRequestId());
      // Above the site's amount a preset card waits for a second person; its image comes with the approval.
      if ('approval' in result) void message.info(t('approvals.sentForApproval'));
      else setMade(result);
    },
    onError: () => setFailedFor(card),
  });
  // Another card in the reader is another card to make (adjusted while rendering, not in an effect).
  if (card !== forCard) {
    setForCard(card);
    setRequestId(newRequestId());
    setMade(undefined);
  }
  const problem = writableProblem(card);

  return (
    <Card size="small" title={t('counterCards.special.title')} data-testid="special-cards">
      <Form<SpecialCardValues>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'preset', presetKwh: 12 }}
        onValuesChange={() => {
          // Other fields are another card: a new request id, and the last answer's error goes.
          setRequestId(newRequestId());
          issue.reset();
        }}
        onFinish={(values) => issue.mutate(values)}
      >
        <Form.Item name="kind" label={t('counterCards.special.kind')}>
          <Radio.Group
            optionType="button"
            options={specialCardKinds.map((k) => ({ value: k, label: t(`counter.card.kinds.${k}`) }))}
          />
        </Form.Item>
        <p style={{ color: '#8c8c8c', marginTop: -8 }}>{t(`counterCards.hints.${kind}`)}</p>
        {kind === 'preset' ? (
          <Form.Item
            name="presetKwh"
            label={t('counterCards.special.presetKwh')}
            rules={[{ required: true }]}
          >
            <InputNumber min={1} max={1000} precision={0} addonAfter="kWh" />
          </Form.Item>
        ) : null}
        {kind === 'clear' ? (
          <>
            <Form.Item name="areaId" label={t('counterCards.special.area')} rules={[{ required: true }]}>
              <AreaSelect placeholder={t('counterCards.special.areaHint')} />
            </Form.Item>
            <Form.Item
              name="meterNo"
              label={t('counterCards.special.meterNo')}
              extra={t('counterCards.special.meterNoHint')}
              rules={[{ max: 64 }, { pattern: /^\S*$/, message: t('counterCards.special.meterNoFormat') }]}
            >
              <Input allowClear />
            </Form.Item>
          </>
        ) : null}
        <Form.Item
          name="reason"
          label={t('counter.ops.reason')}
          rules={kind === 'clear' ? [{ required: true, whitespace: true }] : []}
        >
          <Input maxLength={500} />
        </Form.Item>
        {problem === undefined ? (
          card?.data.kind === 'blank' ? null : (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              message={t('counterCards.special.erases', {
                cardId: card?.cardId ?? '',
                kind: t(`counter.card.kinds.${card?.data.kind ?? 'blank'}`),
              })}
            />
          )
        ) : (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message={t(`counterCards.special.problem.${problem}`)}
          />
        )}
        <Button type="primary" htmlType="submit" disabled={problem !== undefined} loading={issue.isPending}>
          {t('counterCards.special.submit')}
        </Button>
        {issue.isError && failedFor === card ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginTop: 12 }}
            message={errorText(issue.error, t)}
          />
        ) : null}
      </Form>
      {made === undefined ? null : (
        <Space direction="vertical" style={{ width: '100%', marginTop: 16 }} data-testid="special-made">
          <Alert
            type="success"
            showIcon
            message={
              <Space wrap>
                {t('counterCards.special.made', { kind: t(`counter.card.kinds.${made.kind}`) })}
                {made.replayed ? <Tag>{t('counter.outcome.replayed')}</Tag> : null}
              </Space>
            }
          />
          {made.account === null ? null : (
            <Alert
              type="warning"
              showIcon
              message={t('counterCards.special.assigned', {
                meterNo: made.meterNo ?? '',
                accountNo: made.account.accountNo,
              })}
            />
          )}
          <CardToWrite image={made.card} onWritten={onCardWritten} />
        </Space>
      )}
    </Card>
  );
}

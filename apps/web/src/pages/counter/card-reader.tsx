import { CreditCardOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Input, Modal, Space, Tag, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CardImage, customerData, heldByMeter, isLocked, readCardText } from './card-image.ts';
import { specialFactItems } from './special-card-facts.tsx';
import { specialFacts } from './special-cards.ts';

/**
 * The card in the reader. In the browser the reader is the virtual card's image: a file chosen, or its JSON
 * pasted (docs/card-image.md). What was read stays until the cashier takes the card out.
 */
export function CardReader({
  card,
  onRead,
  onRemove,
}: {
  card: CardImage | undefined;
  onRead: (card: CardImage) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const [pasting, setPasting] = useState(false);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | undefined>();

  const take = (raw: string): boolean => {
    const reading = readCardText(raw);
    if (!reading.ok) {
      setProblem(t(`counter.card.problem.${reading.problem}`));
      return false;
    }
    setProblem(undefined);
    onRead(reading.card);
    return true;
  };
  const customer = customerData(card);

  return (
    <Card
      size="small"
      title={
        <Space>
          <CreditCardOutlined />
          {t('counter.card.title')}
        </Space>
      }
      data-testid="card-reader"
      extra={
        card === undefined ? null : (
          <Button size="small" onClick={onRemove}>
            {t('counter.card.remove')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: card === undefined && problem === undefined ? 0 : 8 }}>
        <Upload
          accept=".json,application/json"
          showUploadList={false}
          beforeUpload={(file) => {
            void file.text().then(take);
            return false;
          }}
        >
          <Button data-testid="card-file">{t('counter.card.readFile')}</Button>
        </Upload>
        <Button onClick={() => setPasting(true)}>{t('counter.card.paste')}</Button>
      </Space>
      {problem === undefined ? null : <Alert type="error" showIcon role="alert" message={problem} />}
      {card === undefined ? null : (
        <Descriptions size="small" column={1} data-testid="card-facts">
          <Descriptions.Item label={t('counter.card.cardId')}>
            <Space>
              {card.cardId}
              <Tag>{t(`counter.card.kinds.${card.data.kind}`)}</Tag>
              {isLocked(card) ? <Tag color="red">{t('counter.card.locked')}</Tag> : null}
            </Space>
          </Descriptions.Item>
          {customer === undefined ? null : (
            <>
              <Descriptions.Item label={t('counter.accountNo')}>{customer.accountNo}</Descriptions.Item>
              <Descriptions.Item label={t('counter.card.purchase')}>
                {t('counter.card.purchaseText', {
                  count: customer.purchaseCount,
                  kwh: customer.purchaseKwh,
                })}{' '}
                <Tag color={heldByMeter(customer) ? 'green' : 'orange'}>
                  {heldByMeter(customer) ? t('counter.card.loaded') : t('counter.card.notLoaded')}
                </Tag>
              </Descriptions.Item>
            </>
          )}
          {specialFactItems(t, specialFacts(card))}
        </Descriptions>
      )}
      <Modal
        open={pasting}
        title={t('counter.card.paste')}
        okText={t('counter.card.read')}
        cancelText={t('common.cancel')}
        onOk={() => {
          if (take(text)) {
            setPasting(false);
            setText('');
          }
        }}
        onCancel={() => setPasting(false)}
        destroyOnHidden
      >
        <Input.TextArea
          aria-label={t('counter.card.pasteHint')}
          placeholder={t('counter.card.pasteHint')}
          rows={10}
          value={text}
          onChange={(e) => setText(e.target.value)}
          style={{ fontFamily: 'monospace' }}
        />
        {problem === undefined ? null : (
          <Alert type="error" showIcon message={problem} style={{ marginTop: 8 }} />
        )}
      </Modal>
    </Card>
  );
}

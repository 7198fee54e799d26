import { Alert, Button, Input, Space, Tag, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CardImage, isLocked, readCardText } from './card-image.ts';

/**
 * One card read inside a dialog, where the reader on the page is out of reach: a file chosen or its JSON
 * pasted, like the reader (docs/card-image.md). Works as an antd form control (`value`, `onChange`).
 */
export function CardSlot({
  value,
  onChange,
  testId,
}: {
  value?: CardImage;
  onChange?: (card: CardImage) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const [pasting, setPasting] = useState(false);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | undefined>();

  const take = (raw: string) => {
    const reading = readCardText(raw);
    if (!reading.ok) {
      setProblem(t(`counter.card.problem.${reading.problem}`));
      return;
    }
    setProblem(undefined);
    setPasting(false);
    setText('');
    onChange?.(reading.card);
  };

  return (
    <div data-testid={testId}>
      <Space wrap>
        <Upload
          accept=".json,application/json"
          showUploadList={false}
          beforeUpload={(file) => {
            void file.text().then(take);
            return false;
          }}
        >
          <Button>{t('counter.card.readFile')}</Button>
        </Upload>
        <Button onClick={() => setPasting(!pasting)}>{t('counter.card.paste')}</Button>
        {value === undefined ? null : (
          <Space data-testid={`${testId}-card`}>
            <span>{value.cardId}</span>
            <Tag>{t(`counter.card.kinds.${value.data.kind}`)}</Tag>
            {isLocked(value) ? <Tag color="red">{t('counter.card.locked')}</Tag> : null}
          </Space>
        )}
      </Space>
      {pasting ? (
        <div style={{ marginTop: 8 }}>
          <Input.TextArea
            aria-label={t('counter.card.pasteHint')}
            placeholder={t('counter.card.pasteHint')}
            rows={6}
            value={text}
            onChange={(e) => setText(e.target.value)}
            style={{ fontFamily: 'monospace' }}
          />
          <Button style={{ marginTop: 4 }} onClick={() => take(text)}>
            {t('counter.card.read')}
          </Button>
        </div>
      ) : null}
      {problem === undefined ? null : (
        <Alert type="error" showIcon message={problem} style={{ marginTop: 8 }} role="alert" />
      )}
    </div>
  );
}

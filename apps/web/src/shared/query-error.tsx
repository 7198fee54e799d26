import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from './error-text.ts';

/** A failed load, in words, with a way to try again. */
export function QueryError({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t } = useTranslation();
  if (error === null || error === undefined) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="query-error"
      message={errorText(error, t)}
      style={{ marginBottom: 16 }}
      action={
        retry === undefined ? undefined : (
          <Button size="small" onClick={retry} data-testid="retry">
            {t('common.retry')}
          </Button>
        )
      }
    />
  );
}

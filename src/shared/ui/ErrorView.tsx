import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { describeError, type ErrorInfo } from './error-info.js';

const useStyles = makeStyles({
  details: { marginTop: tokens.spacingVerticalS, fontSize: tokens.fontSizeBase200 },
  code: { fontFamily: tokens.fontFamilyMonospace, userSelect: 'all' },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

export interface ErrorViewProps {
  error: unknown;
  /** Offer "Försök igen" when the action can be repeated. */
  onRetry?: () => void;
}

/**
 * Says in plain language what went wrong and what to do, with a correlation id (and the server's
 * request id for HTTP errors) to quote to support. The same id goes to the browser log.
 */
export function ErrorView({ error, onRetry }: ErrorViewProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  // One correlation id per error occurrence.
  const info: ErrorInfo = useMemo(() => describeError(error), [error]);
  useEffect(() => {
    console.warn(`Systemkoll: fel ${info.correlationId} (${info.category}${info.status ? ` ${info.status}` : ''})`, error);
  }, [info.correlationId, info.category, info.status, error]);

  return (
    <MessageBar intent={info.category === 'throttled' ? 'warning' : 'error'} layout="multiline" role="alert" data-testid="error-view">
      <MessageBarBody>
        <MessageBarTitle>{t(`errors.${info.category}.title`)}</MessageBarTitle>
        {t(`errors.${info.category}.advice`)}
        <ul className={`${styles.details} ${styles.list}`}>
          <li>
            {t('errors.correlationId')}:{' '}
            <span className={styles.code} data-testid="correlation-id">
              {info.correlationId}
            </span>
          </li>
          {info.requestId ? (
            <li>
              {t('errors.requestId')}: <span className={styles.code}>{info.requestId}</span>
            </li>
          ) : null}
          {info.status ? (
            <li>
              {t('errors.status')}: {info.status}
            </li>
          ) : null}
          {info.detail ? (
            <li>
              {t('errors.detail')}: {info.detail}
            </li>
          ) : null}
        </ul>
      </MessageBarBody>
      {onRetry ? (
        <MessageBarActions>
          <Button onClick={onRetry}>{t('common.retry')}</Button>
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}

import { useTranslation } from 'react-i18next';
import { Button, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { useSession } from '../../../shared/ui/session.js';
import { useLabels } from '../../../shared/ui/labels.js';
import { removePending, usePendingReports, useSendPending } from '../api/outbox.js';
import { discardAttachment, discardAttachmentsOf, usePendingAttachments } from '../api/attachment-outbox.js';

const useStyles = makeStyles({
  list: { margin: `${tokens.spacingVerticalXS} 0`, paddingLeft: tokens.spacingHorizontalL },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalXS },
});

/** Reports stored on this device that the API has not confirmed yet, with "Skicka nu". */
export function PendingReports({ compact = false }: { /** The form just said it was stored: no second explanation. */ compact?: boolean }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const labels = useLabels();
  const session = useSession();
  const pending = usePendingReports();
  const files = usePendingAttachments().filter((a) => a.incidentId !== undefined);
  const { sendAll, sending } = useSendPending();
  if (pending.length === 0 && files.length === 0) return null;
  const waiting = pending.filter((p) => !p.refused);
  const refused = pending.filter((p) => p.refused);
  const filesWaiting = files.filter((a) => !a.refused);
  return (
    <>
      {filesWaiting.length > 0 ? (
        <MessageBar intent="warning" layout="multiline" data-testid="outbox-files">
          <MessageBarBody>
            <MessageBarTitle>{t('incidents.attachments.pendingTitle', { count: filesWaiting.length })}</MessageBarTitle>
            <ul className={styles.list}>
              {filesWaiting.map((a) => (
                <li key={`${a.clientKey}|${a.name}`}>
                  {a.name}
                  {a.reference ? ` · ${a.reference}` : ''} · {t('incidents.outbox.savedAt', { at: labels.dateTime(a.savedAt) })}
                </li>
              ))}
            </ul>
            <div className={styles.actions}>
              <Button appearance="primary" size="small" disabled={sending} onClick={() => void sendAll()}>
                {sending ? t('incidents.report.sending') : t('incidents.outbox.sendNow')}
              </Button>
            </div>
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {files
        .filter((a) => a.refused)
        .map((a) => (
          <MessageBar key={`${a.clientKey}|${a.name}`} intent="error" layout="multiline" data-testid="outbox-file-refused">
            <MessageBarBody>
              {t('incidents.attachments.refused', { name: a.name, message: a.refused })}
              <div className={styles.actions}>
                <Button size="small" onClick={() => void discardAttachment(session, a)}>
                  {t('incidents.outbox.discard')}
                </Button>
              </div>
            </MessageBarBody>
          </MessageBar>
        ))}
      {waiting.length > 0 ? (
        <MessageBar intent="warning" layout="multiline" data-testid="outbox-pending">
          <MessageBarBody>
            <MessageBarTitle>{t('incidents.outbox.title', { count: waiting.length })}</MessageBarTitle>
            {compact ? null : `${t('incidents.outbox.storedTitle')}. ${t('incidents.outbox.storedBody')}`}
            <ul className={styles.list}>
              {waiting.map((p) => (
                <li key={p.clientKey} data-testid="outbox-item">
                  {p.body.title} · {t('incidents.outbox.savedAt', { at: labels.dateTime(p.savedAt) })}
                </li>
              ))}
            </ul>
            <div className={styles.actions}>
              <Button appearance="primary" size="small" disabled={sending} onClick={() => void sendAll()} data-testid="outbox-send">
                {sending ? t('incidents.report.sending') : t('incidents.outbox.sendNow')}
              </Button>
            </div>
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {refused.map((p) => (
        <MessageBar key={p.clientKey} intent="error" layout="multiline" data-testid="outbox-refused">
          <MessageBarBody>
            <MessageBarTitle>{t('incidents.outbox.refusedTitle', { title: p.body.title })}</MessageBarTitle>
            {p.refused}
            <div className={styles.actions}>
              <Button
                size="small"
                onClick={() => {
                  removePending(session, p.clientKey);
                  void discardAttachmentsOf(session, p.clientKey);
                }}
              >
                {t('incidents.outbox.discard')}
              </Button>
            </div>
          </MessageBarBody>
        </MessageBar>
      ))}
    </>
  );
}

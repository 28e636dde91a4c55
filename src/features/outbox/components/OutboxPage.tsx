import { Trans, useTranslation } from 'react-i18next';
import { Badge, Link, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { Empty, Loading, Page, QueryView } from '../../../shared/ui/Page.js';
import { ErrorView } from '../../../shared/ui/ErrorView.js';
import { RouterLink } from '../../../shared/ui/RouterLink.js';
import { useLabels } from '../../../shared/ui/labels.js';
import { hasRole, useMe, useSession } from '../../../shared/ui/session.js';
import { useNotifications, type NotificationRecord } from '../api/get-notifications.js';

const STATUS_COLOR = { skickas: 'informative', skickad: 'success', misslyckad: 'danger' } as const;

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  top: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  recipient: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  meta: { margin: 0, color: tokens.colorNeutralForeground2 },
  message: { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  error: { margin: 0, color: tokens.colorPaletteRedForeground1, overflowWrap: 'anywhere' },
});

/** A tab path opens inside the tab; an absolute https link (a Teams deep link) as an ordinary link. */
function NotificationLink({ link }: { link: string }) {
  const { t } = useTranslation();
  if (link.startsWith('/')) return <RouterLink to={link}>{t('outbox.link')}</RouterLink>;
  if (/^https:\/\//i.test(link))
    return (
      <Link href={link} target="_blank" rel="noreferrer">
        {t('outbox.link')}
      </Link>
    );
  return <span>{link}</span>;
}

function NotificationCard({ n }: { n: NotificationRecord }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const labels = useLabels();
  return (
    <li className={styles.card} data-testid="outbox-item">
      <div className={styles.top}>
        <h2 className={styles.recipient}>{n.recipient}</h2>
        <Badge appearance="tint" color={STATUS_COLOR[n.status] ?? 'informative'} data-testid="outbox-status">
          {labels.choice('notifications.status', n.status)}
        </Badge>
      </div>
      <p className={styles.meta}>
        {t('outbox.sentAt')}: {n.sentAt ? labels.dateTime(n.sentAt) : t('outbox.notSent')}
        {n.channel ? ` · ${t('outbox.channel')}: ${labels.choice('notifications.channel', n.channel)}` : ''}
        {n.attempts ? ` · ${t('outbox.attempts')}: ${labels.number(n.attempts)}` : ''}
      </p>
      {n.message ? (
        <p className={styles.message} data-testid="outbox-message">
          {n.message}
        </p>
      ) : null}
      {n.error ? (
        <p className={styles.error}>
          {t('outbox.error')}: {n.error}
        </p>
      ) : null}
      {n.link ? (
        <p className={styles.meta}>
          <NotificationLink link={n.link} />
        </p>
      ) : null}
    </li>
  );
}

/**
 * Utkorg (/outbox): what the notification job has sent (or, in local mode, would have sent to Teams),
 * read straight from the Aviseringar list. Coordinators and admins, as the list's permissions say.
 */
export function OutboxPage() {
  const { t } = useTranslation();
  const styles = useStyles();
  const me = useMe();
  const session = useSession();
  const allowed = hasRole(me.data, 'securityCoordinator', 'admin');
  const query = useNotifications();

  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorView error={me.error} onRetry={() => void me.refetch()} />;
  return (
    <Page title={t('outbox.title')} intro={allowed ? t('outbox.intro') : undefined}>
      {!allowed ? (
        <MessageBar intent="warning" layout="multiline" data-testid="outbox-forbidden">
          <MessageBarBody>{t('outbox.forbidden')}</MessageBarBody>
        </MessageBar>
      ) : (
        <>
          {session.config.mode === 'local' ? (
            <MessageBar intent="info" layout="multiline" data-testid="outbox-local-mode">
              <MessageBarBody>
                <MessageBarTitle>{t('outbox.localModeTitle')}</MessageBarTitle>
                {t('outbox.localMode')}
              </MessageBarBody>
            </MessageBar>
          ) : null}
          <QueryView query={query} label={t('outbox.loading')}>
            {(items) =>
              items.length === 0 ? (
                <div data-testid="outbox-empty">
                  <Empty>
                    <Trans i18nKey="outbox.empty" components={{ code: <code /> }} />
                  </Empty>
                </div>
              ) : (
                <ul className={styles.list} aria-label={t('outbox.listLabel')} data-testid="outbox-list">
                  {items.map((n) => (
                    <NotificationCard key={n.id} n={n} />
                  ))}
                </ul>
              )
            }
          </QueryView>
        </>
      )}
    </Page>
  );
}

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Button, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { canEditSystem } from '../../../domain/authorization.js';
import { addCalendarMonths, isCalendarDate, stockholmDate } from '../../../domain/calendar.js';
import type { SystemRecord } from '../../../shared/schema/index.js';
import { Page, PageSection, QueryView } from '../../../shared/ui/Page.js';
import { ErrorView } from '../../../shared/ui/ErrorView.js';
import { RouterLink } from '../../../shared/ui/RouterLink.js';
import { TableScroll } from '../../../shared/ui/TableScroll.js';
import { CopyTeamsLink } from '../../../shared/ui/TeamsLink.js';
import { useLabels } from '../../../shared/ui/labels.js';
import { hasRole, useMe } from '../../../shared/ui/session.js';
import { useSystem, useSystemHistory } from '../api/get-system.js';
import { SYSTEM_SECTIONS, type SystemSectionKey } from '../system-sections.js';
import { SECTION_SLUGS, readSystemDeepLink } from '../deep-link.js';
import { SystemEditForm, type SystemFormMode } from './system-edit-form.js';
import { totalCost, useFieldLabel, useFieldText } from './system-field-value.js';

/** Months between yearly reviews (the `reviewIntervalMonths` default in manifest/). */
const REVIEW_INTERVAL_MONTHS = 12;

export const useSystemPageStyles = makeStyles({
  toolbar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  sections: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 420px), 1fr))',
    gap: tokens.spacingVerticalXL,
    alignItems: 'start',
  },
  list: {
    display: 'grid',
    gridTemplateColumns: 'minmax(140px, 40%) 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
    '@media (max-width: 480px)': { gridTemplateColumns: '1fr', rowGap: 0 },
  },
  term: {
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
    '@media (max-width: 480px)': { marginTop: tokens.spacingVerticalS },
  },
  value: { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  table: { borderCollapse: 'collapse', width: '100%', '& th, & td': { textAlign: 'left', padding: '4px 8px', verticalAlign: 'top' } },
});

function Fields({ system, keys }: { system: SystemRecord; keys: readonly string[] }) {
  const styles = useSystemPageStyles();
  const label = useFieldLabel();
  const text = useFieldText();
  const s = system as unknown as Record<string, unknown>;
  return (
    <dl className={styles.list}>
      {keys.map((k) => (
        <div key={k} style={{ display: 'contents' }} data-testid={`value-${k}`}>
          <dt className={styles.term}>{label(k)}</dt>
          <dd className={styles.value}>{text(k, s[k])}</dd>
        </div>
      ))}
    </dl>
  );
}

export function SystemDetailPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const query = useSystem(id);
  return (
    <QueryView query={query} label={t('systems.loadingOne')}>
      {(s) => <SystemView system={s} />}
    </QueryView>
  );
}

/**
 * Honours a task's link once, when who I am is known: `?action=` opens that recording and `?edit=`
 * the edit form (if I may; the API decides anyway), `?edit=<section>` and `#<section>` bring that
 * section into view and focus. The query is then dropped from the URL, so finishing or cancelling
 * does not open the form again; the hash stays.
 */
function useSystemDeepLink(ready: boolean, canEdit: boolean, start: (mode: SystemFormMode) => void, mode: SystemFormMode | null) {
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const done = useRef(false);
  const [target, setTarget] = useState<{ section: SystemSectionKey | null; edit: boolean } | null>(null);
  useEffect(() => {
    if (done.current || !ready) return;
    done.current = true;
    const link = readSystemDeepLink(params, location.hash);
    if (link.action && canEdit) {
      start(link.action);
      setTarget({ section: null, edit: true });
    } else if (link.edit && canEdit) {
      start('edit');
      setTarget({ section: link.edit.section, edit: true });
    } else if (link.edit?.section || link.section) {
      setTarget({ section: link.edit?.section ?? link.section, edit: false });
    }
    if (params.has('action') || params.has('edit')) {
      const next = new URLSearchParams(params);
      next.delete('action');
      next.delete('edit');
      navigate({ search: next.toString() ? `?${next.toString()}` : '', hash: location.hash }, { replace: true });
    }
  }, [ready, canEdit, params, location.hash, navigate, start]);
  useEffect(() => {
    if (!target || (target.edit && !mode)) return;
    setTarget(null);
    const el = target.section
      ? document.getElementById(target.edit ? `edit-${SECTION_SLUGS[target.section]}` : SECTION_SLUGS[target.section])
      : document.querySelector<HTMLElement>('[data-testid="system-form"]');
    if (!el) return;
    el.scrollIntoView({ block: 'start' });
    // The first field of the section (editing), or the section itself (reading).
    const field = target.edit ? el.querySelector<HTMLElement>('input, select, textarea') : null;
    (field ?? el).focus({ preventScroll: true });
  }, [target, mode]);
}

function SystemView({ system }: { system: SystemRecord }) {
  const { t } = useTranslation();
  const styles = useSystemPageStyles();
  const labels = useLabels();
  const me = useMe();
  const [mode, setMode] = useState<SystemFormMode | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const canEdit =
    !!me.data &&
    canEditSystem(
      { userId: me.data.id, roles: me.data.roles },
      {
        id: system.id,
        ownerId: system.systemOwner?.id ?? null,
        administratorId: system.systemAdministrator?.id ?? null,
        teamIds: system.administrators.map((p) => p.id),
      },
    );
  const today = stockholmDate(new Date());
  const due = isCalendarDate(system.lastReviewDate) ? addCalendarMonths(system.lastReviewDate, REVIEW_INTERVAL_MONTHS) : null;
  const reviewState = !due
    ? t('system.review.never')
    : due < today
      ? t('system.review.overdue', { date: labels.date(due) })
      : t('system.review.due', { date: labels.date(due) });
  const start = useRef((m: SystemFormMode) => {
    setNotice(null);
    setMode(m);
  }).current;
  useSystemDeepLink(!!me.data, canEdit, start, mode);
  const cost = totalCost(system);

  return (
    <Page title={system.title} intro={system.description || undefined}>
      <RouterLink to="/systems">{t('systems.back')}</RouterLink>
      {notice ? (
        <MessageBar intent="success" data-testid="system-notice">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      ) : null}
      <p data-testid="review-state">
        {t('systems.detail.lastReview')}: <strong data-testid="last-review">{labels.date(system.lastReviewDate)}</strong>. {reviewState}
      </p>
      <p>
        <RouterLink to={`/systems/${system.id}/requirements`} data-testid="system-requirements-link">
          {t('system.requirementsLink')}
        </RouterLink>
      </p>
      {canEdit && !mode ? (
        <div className={styles.toolbar} role="group" aria-label={t('system.edit')}>
          <Button appearance="primary" onClick={() => start('review')} data-testid="system-review">
            {t('system.review.start')}
          </Button>
          <Button onClick={() => start('edit')} data-testid="system-edit">
            {t('system.edit')}
          </Button>
          <Button onClick={() => start('classification')} data-testid="system-classify">
            {t('system.classify.start')}
          </Button>
          <Button onClick={() => start('continuityTest')} data-testid="system-continuity-test">
            {t('system.continuityTest.start')}
          </Button>
          <Button onClick={() => start('restoreTest')} data-testid="system-restore-test">
            {t('system.restoreTest.start')}
          </Button>
        </div>
      ) : null}
      {mode ? (
        <PageSection
          title={
            mode === 'review'
              ? t('system.review.title')
              : mode === 'edit'
                ? t('system.edit')
                : t(`system.${mode === 'classification' ? 'classify' : mode}.title`)
          }
        >
          {mode === 'review' ? <p>{t('system.review.intro')}</p> : null}
          <SystemEditForm
            // Not keyed by the version: a refetch while editing must not wipe the input (the form keeps
            // the version it started from, so a later change by someone else is a conflict, not lost).
            key={mode}
            mode={mode}
            system={system}
            onCancel={() => setMode(null)}
            onDone={({ message }) => {
              setMode(null);
              setNotice(message);
            }}
          />
        </PageSection>
      ) : (
        <div className={styles.sections} data-testid="system-sections">
          {SYSTEM_SECTIONS.map((section) => (
            <section
              key={section.key}
              id={SECTION_SLUGS[section.key]}
              tabIndex={-1}
              aria-labelledby={`section-${section.key}`}
              data-testid={`section-${section.key}`}
            >
              <PageSection title={t(`system.sections.${section.key}`)} id={`section-${section.key}`}>
                <Fields system={system} keys={section.fields} />
                {section.key === 'costs' ? (
                  <p>
                    <strong>{t('system.costTotal')}:</strong> {cost === null ? '–' : t('system.currency', { value: labels.number(cost) })}
                  </p>
                ) : null}
              </PageSection>
            </section>
          ))}
        </div>
      )}
      <History system={system} allowed={hasRole(me.data, 'systemOwner', 'securityCoordinator', 'admin')} />
      <CopyTeamsLink route={`/systems/${system.id}`} label={system.title} />
    </Page>
  );
}

function History({ system, allowed }: { system: SystemRecord; allowed: boolean }) {
  const { t } = useTranslation();
  const styles = useSystemPageStyles();
  const labels = useLabels();
  const [open, setOpen] = useState(false);
  const history = useSystemHistory(system.id, allowed && open);
  return (
    <section data-testid="section-history">
      <PageSection title={t('system.sections.history')}>
        {!allowed ? (
          <p data-testid="history-not-available">{t('system.history.notAvailable')}</p>
        ) : !open ? (
          <div>
            <Button onClick={() => setOpen(true)} data-testid="history-show">
              {t('system.history.show')}
            </Button>
          </div>
        ) : history.isPending ? (
          <p>{t('common.loading')}</p>
        ) : history.isError ? (
          <ErrorView error={history.error} onRetry={() => void history.refetch()} />
        ) : (
          <>
            <h3>{t('system.history.actions')}</h3>
            {history.data.actions.length === 0 ? (
              <p>{t('system.history.noActions')}</p>
            ) : (
              <TableScroll label={t('system.history.actions')}>
                <table className={styles.table} data-testid="history-actions">
                  <thead>
                    <tr>
                      <th scope="col">{t('system.history.col.date')}</th>
                      <th scope="col">{t('system.history.col.kind')}</th>
                      <th scope="col">{t('system.history.col.title')}</th>
                      <th scope="col">{t('system.history.col.person')}</th>
                      <th scope="col">{t('system.history.col.hours')}</th>
                      <th scope="col">{t('system.history.col.cost')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {history.data.actions.map((a) => (
                      <tr key={a.id}>
                        <td>{labels.date(a.date)}</td>
                        <td>{labels.choice('actions.kind', a.kind)}</td>
                        <td>
                          {a.title}
                          {a.notes ? <div>{a.notes}</div> : null}
                        </td>
                        <td>{labels.person(a.person)}</td>
                        <td>{a.hours === null ? '–' : t('system.hours', { value: labels.number(a.hours) })}</td>
                        <td>{a.cost === null ? '–' : t('system.currency', { value: labels.number(a.cost) })}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            )}
            <h3>{t('system.history.incidents')}</h3>
            {history.data.incidents === null ? (
              <p>{t('system.history.incidentsNotAvailable')}</p>
            ) : history.data.incidents.length === 0 ? (
              <p>{t('system.history.noIncidents')}</p>
            ) : (
              <TableScroll label={t('system.history.incidents')}>
                <table className={styles.table} data-testid="history-incidents">
                  <thead>
                    <tr>
                      <th scope="col">{t('system.history.col.reference')}</th>
                      <th scope="col">{t('system.history.col.title')}</th>
                      <th scope="col">{t('system.history.col.status')}</th>
                      <th scope="col">{t('system.history.col.date')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {history.data.incidents.map((i) => (
                      <tr key={i.id}>
                        <td>
                          <RouterLink to={`/incidents/${i.id}`}>{i.referenceNumber ?? `#${i.id}`}</RouterLink>
                        </td>
                        <td>{i.title}</td>
                        <td>{labels.choice('incidents.status', i.status)}</td>
                        <td>{labels.date(i.reportedAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            )}
          </>
        )}
      </PageSection>
    </section>
  );
}

/** /systems/new: a new system (coordinators and admins; the API refuses anyone else). */
export function SystemCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const allowed = hasRole(me.data, 'securityCoordinator', 'admin');
  return (
    <Page title={t('system.createTitle')} intro={t('system.createIntro')}>
      <RouterLink to="/systems">{t('systems.back')}</RouterLink>
      {me.isPending ? null : allowed ? (
        <SystemEditForm
          mode="create"
          system={null}
          onCancel={() => navigate('/systems')}
          onDone={({ system }) => navigate(`/systems/${system.id}`)}
        />
      ) : (
        <p>{t('errors.forbidden.advice')}</p>
      )}
    </Page>
  );
}

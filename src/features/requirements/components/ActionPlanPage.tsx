import { useTranslation } from 'react-i18next';
import { makeStyles } from '@fluentui/react-components';
import { ASPECT_LETTERS } from '../../../domain/classification.js';
import { ASPECT_FIELD } from '../../../domain/security-requirements.js';
import { DataTable } from '../../../shared/ui/DataTable.js';
import { ErrorView } from '../../../shared/ui/ErrorView.js';
import { Empty, Loading, Page, PageSection, QueryView } from '../../../shared/ui/Page.js';
import { RouterLink } from '../../../shared/ui/RouterLink.js';
import { useLabels } from '../../../shared/ui/labels.js';
import { hasRole, useMe } from '../../../shared/ui/session.js';
import { useActionPlan } from '../api/get-action-plan.js';
import { AssessmentBadge } from './SystemRequirements.js';
import { useCatalogueEditor } from './CatalogueEditor.js';
import type { SecurityRequirement } from '../api/get-system-requirements.js';

const useStyles = makeStyles({ nowrap: { whiteSpace: 'nowrap' } });

/** /requirements — coordinators: open handlingsplan items across systems, unassessed systems, the catalogue. */
export function ActionPlanPage() {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const labels = useLabels();
  const me = useMe();
  const allowed = hasRole(me.data, 'securityCoordinator', 'admin');
  const query = useActionPlan(allowed);
  const letters = ASPECT_LETTERS[i18n.language === 'en' ? 'en' : 'sv'];

  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorView error={me.error} onRetry={() => void me.refetch()} />;
  return (
    <Page title={t('requirements.title')} intro={t('requirements.intro')}>
      {!allowed ? (
        <Empty>{t('requirements.coordinatorsOnly')}</Empty>
      ) : (
        <QueryView query={query} label={t('requirements.loading')}>
          {(data) => (
            <>
              <PageSection title={t('requirements.planTitle')}>
                <Empty>{t('requirements.planIntro')}</Empty>
                {data.open.length === 0 ? (
                  <Empty>{t('requirements.planEmpty')}</Empty>
                ) : (
                  <DataTable
                    label={t('requirements.planLabel')}
                    testId="action-plan-table"
                    rows={data.open}
                    rowKey={(r) => r.assessment.id}
                    columns={[
                      {
                        header: t('requirements.col.system'),
                        cell: (r) => <RouterLink to={`/systems/${r.system.id}/requirements`}>{r.system.title}</RouterLink>,
                      },
                      { header: t('requirements.col.requirement'), cell: (r) => r.requirement.title },
                      { header: t('requirements.col.status'), cell: (r) => <AssessmentBadge status={r.assessment.status} /> },
                      { header: t('requirements.col.comment'), cell: (r) => r.assessment.comment || '–' },
                      {
                        header: t('requirements.col.assessed'),
                        cell: (r) =>
                          t('requirements.assessedBy', {
                            name: labels.person(r.assessment.assessedBy),
                            date: labels.date(r.assessment.assessedAt),
                          }),
                      },
                      { header: t('requirements.col.owner'), cell: (r) => labels.person(r.system.systemOwner) },
                    ]}
                  />
                )}
              </PageSection>
              <PageSection title={t('requirements.unassessedTitle')}>
                {data.unassessed.length === 0 ? (
                  <Empty>{t('requirements.unassessedNone')}</Empty>
                ) : (
                  <DataTable
                    label={t('requirements.unassessedLabel')}
                    testId="unassessed-table"
                    rows={data.unassessed}
                    rowKey={(r) => r.system.id}
                    columns={[
                      {
                        header: t('requirements.col.system'),
                        cell: (r) => <RouterLink to={`/systems/${r.system.id}/requirements`}>{r.system.title}</RouterLink>,
                      },
                      { header: t('requirements.col.owner'), cell: (r) => labels.person(r.system.systemOwner) },
                      { header: t('requirements.col.open'), cell: (r) => r.count },
                    ]}
                  />
                )}
              </PageSection>
              <Catalogue catalogue={data.catalogue} letters={letters} nowrap={styles.nowrap} />
            </>
          )}
        </QueryView>
      )}
    </Page>
  );
}

/** The catalogue, with "Nytt krav" and "Ändra" (coordinators and admins see this page at all). */
function Catalogue({ catalogue, letters, nowrap }: { catalogue: SecurityRequirement[]; letters: Record<string, string>; nowrap: string }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const editor = useCatalogueEditor(catalogue);
  return (
    <PageSection title={t('requirements.catalogueTitle')}>
      <Empty>{t('requirements.catalogueIntro')}</Empty>
      {editor.addButton}
      {editor.dialog}
      <DataTable
        label={t('requirements.catalogueLabel')}
        testId="catalogue-table"
        rows={catalogue}
        rowKey={(r) => r.id}
        columns={[
          { header: t('requirements.col.requirement'), cell: (r) => r.title },
          {
            header: t('requirements.col.appliesFrom'),
            cell: (r) => t('requirements.fromLevel', { letter: letters[ASPECT_FIELD[r.aspect]], level: r.fromLevel }),
            className: nowrap,
          },
          { header: t('requirements.col.area'), cell: (r) => r.area || '–' },
          { header: t('requirements.active'), cell: (r) => labels.yesNo(r.active !== false) },
          { header: t('requirements.editor.actions'), cell: (r) => editor.editButton(r) },
        ]}
      />
    </PageSection>
  );
}

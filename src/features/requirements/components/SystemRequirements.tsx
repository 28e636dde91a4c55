import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router-dom';
import { Badge, Button, Field, MessageBar, MessageBarBody, Select, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { canEditSystem } from '../../../domain/authorization.js';
import { ASPECT_LETTERS, classificationSummary } from '../../../domain/classification.js';
import { ASPECT_FIELD, ASSESSMENT_STATUSES, assessmentPlan, type AssessmentStatus } from '../../../domain/security-requirements.js';
import type { SystemRecord } from '../../../shared/schema/index.js';
import { ErrorView } from '../../../shared/ui/ErrorView.js';
import { Empty, Page, QueryView } from '../../../shared/ui/Page.js';
import { RouterLink } from '../../../shared/ui/RouterLink.js';
import { useLabels } from '../../../shared/ui/labels.js';
import { useMe } from '../../../shared/ui/session.js';
import { useAssessRequirement } from '../api/assess-requirement.js';
import { useSystemRequirements, type SecurityRequirement, type SelfAssessment } from '../api/get-system-requirements.js';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, margin: 0, padding: 0, listStyleType: 'none' },
  card: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)',
    gap: tokens.spacingHorizontalL,
    padding: tokens.spacingVerticalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    '@media (max-width: 700px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  open: { borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorPaletteDarkOrangeBorder2}` },
  head: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  title: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  meta: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center', color: tokens.colorNeutralForeground2 },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  description: { margin: 0, color: tokens.colorNeutralForeground2 },
});

const statusColor: Record<AssessmentStatus, 'success' | 'warning' | 'danger' | 'informative'> = {
  uppfyllt: 'success',
  delvis: 'warning',
  'ej uppfyllt': 'danger',
  'ej tillämpligt': 'informative',
};

export function AssessmentBadge({ status }: { status: AssessmentStatus | null | undefined }) {
  const { t } = useTranslation();
  const labels = useLabels();
  return status ? (
    <Badge appearance="tint" color={statusColor[status]}>
      {labels.choice('selfAssessments.status', status)}
    </Badge>
  ) : (
    <Badge appearance="outline" color="informative">
      {t('requirements.notAssessed')}
    </Badge>
  );
}

function RequirementCard(props: {
  system: SystemRecord;
  requirement: SecurityRequirement;
  assessment: SelfAssessment | null;
  open: boolean;
  canEdit: boolean;
}) {
  const { system, requirement, assessment, open, canEdit } = props;
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const labels = useLabels();
  const save = useAssessRequirement(system.id);
  const [status, setStatus] = useState<string>(assessment?.status ?? '');
  const [comment, setComment] = useState(assessment?.comment ?? '');
  const [saved, setSaved] = useState(false);
  const letter = ASPECT_LETTERS[i18n.language === 'en' ? 'en' : 'sv'][ASPECT_FIELD[requirement.aspect]];
  const headingId = `req-${requirement.id}`;
  const changed = status !== (assessment?.status ?? '') || comment !== (assessment?.comment ?? '');
  return (
    <li className={open ? `${styles.card} ${styles.open}` : styles.card} aria-labelledby={headingId} data-testid="requirement-card">
      <div className={styles.head}>
        <h3 id={headingId} className={styles.title}>
          {requirement.title}
        </h3>
        <div className={styles.meta}>
          <Text>{t('requirements.fromLevel', { letter, level: requirement.fromLevel })}</Text>
          {requirement.area ? <Text>· {requirement.area}</Text> : null}
          <AssessmentBadge status={assessment?.status} />
        </div>
        {requirement.description ? <p className={styles.description}>{requirement.description}</p> : null}
        {assessment?.assessedBy ? (
          <Text size={200}>
            {t('requirements.col.assessed')}:{' '}
            {t('requirements.assessedBy', { name: labels.person(assessment.assessedBy), date: labels.date(assessment.assessedAt) })}
          </Text>
        ) : null}
      </div>
      {canEdit ? (
        <form
          className={styles.form}
          onSubmit={(e) => {
            e.preventDefault();
            if (!status) return;
            setSaved(false);
            save.mutate(
              { requirementId: requirement.id, status: status as AssessmentStatus, comment: comment.trim() || null },
              { onSuccess: () => setSaved(true) },
            );
          }}
        >
          <Field label={t('requirements.statusLabel', { requirement: requirement.title })}>
            <Select value={status} onChange={(_, d) => setStatus(d.value)} data-testid="assessment-status">
              <option value="" disabled>
                {t('requirements.notAssessed')}
              </option>
              {ASSESSMENT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {labels.choice('selfAssessments.status', s)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('requirements.commentLabel', { requirement: requirement.title })}>
            <Textarea value={comment} onChange={(_, d) => setComment(d.value)} maxLength={4000} resize="vertical" />
          </Field>
          <div className={styles.row}>
            <Button type="submit" appearance="primary" disabled={!status || !changed || save.isPending} data-testid="assessment-save">
              {save.isPending ? t('requirements.saving') : t('requirements.save')}
            </Button>
            {saved && !changed ? <Text role="status">{t('requirements.saved')}</Text> : null}
          </div>
          {save.isError ? <ErrorView error={save.error} /> : null}
        </form>
      ) : (
        <div className={styles.form}>{assessment?.comment ? <Text>{assessment.comment}</Text> : null}</div>
      )}
    </li>
  );
}

/**
 * A system's security requirements and self-assessment: the requirements its classification makes
 * apply, each with the owner's assessment; what is not met is the handlingsplan. Exported so the
 * system page can embed it as a section.
 */
export function SystemRequirementsSection({ systemId }: { systemId: number }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const me = useMe();
  const query = useSystemRequirements(systemId);
  return (
    <QueryView query={query} label={t('requirements.loading')}>
      {({ system, requirements, assessments }) => {
        const summary = classificationSummary(system, i18n.language === 'en' ? 'en' : 'sv');
        if (!summary) return <Empty>{t('requirements.notClassified')}</Empty>;
        const plan = assessmentPlan(
          requirements,
          system,
          (assessments ?? []).map((a) => ({ ...a, requirementId: a.requirement.id })),
        );
        const canEdit =
          !!me.data &&
          assessments !== null &&
          canEditSystem(
            { userId: me.data.id, roles: me.data.roles },
            {
              id: system.id,
              ownerId: system.systemOwner?.id ?? null,
              administratorId: system.systemAdministrator?.id ?? null,
              teamIds: (system.administrators ?? []).map((p) => p.id),
            },
          );
        return (
          <>
            <Text as="p">{t('requirements.systemIntro', { classification: summary })}</Text>
            {assessments === null ? (
              <MessageBar intent="info">
                <MessageBarBody>{t('requirements.noAccess')}</MessageBarBody>
              </MessageBar>
            ) : !canEdit ? (
              <MessageBar intent="info">
                <MessageBarBody>{t('requirements.readOnly')}</MessageBarBody>
              </MessageBar>
            ) : null}
            {plan.length === 0 ? (
              <Empty>{t('requirements.none')}</Empty>
            ) : (
              <>
                <Text role="status" data-testid="plan-summary">
                  {t('requirements.summary', { open: plan.filter((p) => p.open).length, total: plan.length })}
                </Text>
                <ul className={styles.list} aria-label={t('requirements.catalogueLabel')}>
                  {plan.map((row) => (
                    <RequirementCard
                      key={row.requirement.id}
                      system={system}
                      requirement={row.requirement}
                      assessment={assessments === null ? null : row.assessment}
                      open={row.open}
                      canEdit={canEdit}
                    />
                  ))}
                </ul>
              </>
            )}
          </>
        );
      }}
    </QueryView>
  );
}

/** /systems/:id/requirements */
export function SystemRequirementsPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const query = useSystemRequirements(id);
  return (
    <Page title={query.data ? t('requirements.systemTitle', { name: query.data.system.title }) : t('requirements.title')}>
      <RouterLink to={`/systems/${id}`}>{t('requirements.back')}</RouterLink>
      <SystemRequirementsSection systemId={id} />
    </Page>
  );
}

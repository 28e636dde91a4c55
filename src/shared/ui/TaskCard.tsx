import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, Button, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useHref, useLinkClickHandler } from 'react-router-dom';
import { ruleLabel, type Task, type TaskSeverity } from '../../domain/tasks/index.js';
import { useLabels } from './labels.js';

const SEVERITY_COLOR: Record<TaskSeverity, 'danger' | 'warning' | 'informative'> = {
  hög: 'danger',
  medel: 'warning',
  låg: 'informative',
};

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  card: {
    display: 'grid',
    gridTemplateColumns: '1fr auto',
    alignItems: 'center',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
    // On a phone the button goes under the text instead of squeezing it.
    '@media (max-width: 600px)': { gridTemplateColumns: '1fr' },
  },
  overdue: { borderLeftColor: tokens.colorPaletteRedBorder2 },
  soon: { borderLeftColor: tokens.colorPaletteMarigoldBorder2 },
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  top: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  rule: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  reason: { margin: 0, fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  meta: { margin: 0, color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  late: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  action: { justifySelf: 'start' },
});

/**
 * A due day (the end of the day in Stockholm, as the engine writes it) as a date; a deadline
 * instant (the legal clocks: 24 h, 72 h) with its time.
 */
function dueText(due: string, labels: { date: (v: string) => string; dateTime: (v: string) => string }): string {
  return /T23:59:59(\.0+)?([+-]\d{2}:\d{2}|Z)$/.test(due) ? labels.date(due) : labels.dateTime(due);
}

/** The task's reason in the UI language (Swedish unless English is chosen). */
export function useTaskReason() {
  const { i18n } = useTranslation();
  const english = i18n.language === 'en';
  return (task: Task) => (english ? task.reasonEn || task.reason : task.reason);
}

export function SeverityBadge({ severity }: { severity: TaskSeverity }) {
  const { t } = useTranslation();
  const label = t(`taskUi.severity.${severity}`, { defaultValue: severity });
  return (
    <Badge appearance="tint" color={SEVERITY_COLOR[severity]} shape="rounded" data-testid="task-severity">
      {t('taskUi.severityLabel', { severity: label })}
    </Badge>
  );
}

/** "Åtgärda": a button-looking link that opens the task's place inside the tab (no reload in Teams). */
function FixLink({ to, describedBy }: { to: string; describedBy: string }) {
  const { t } = useTranslation();
  const href = useHref(to);
  const onClick = useLinkClickHandler<HTMLAnchorElement>(to);
  return (
    <Button as="a" href={href} onClick={onClick} appearance="primary" aria-describedby={describedBy} data-testid="task-fix">
      {t('taskUi.fix')}
    </Button>
  );
}

/** One task as a card: severity, reason, due date (Stockholm), subject, optionally assignees, and "Åtgärda". */
export function TaskCard({ task, showAssignees = false }: { task: Task; showAssignees?: boolean }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const labels = useLabels();
  const reason = useTaskReason();
  const reasonId = useId();
  const late = task.urgency === 'försenad';
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  return (
    <li
      className={mergeClasses(styles.card, late && styles.overdue, task.urgency === 'snart' && styles.soon)}
      data-testid="task-card"
      data-task-id={task.id}
      data-rule={task.rule}
      data-due={task.due}
    >
      <div className={styles.body}>
        <div className={styles.top}>
          <SeverityBadge severity={task.severity} />
          <Text className={styles.rule}>{ruleLabel(task.rule, lang)}</Text>
        </div>
        <p className={styles.reason} id={reasonId} data-testid="task-reason">
          {reason(task)}
        </p>
        <p className={styles.meta}>
          <span className={late ? styles.late : undefined} data-testid="task-due">
            {t(late ? 'taskUi.dueOverdue' : 'taskUi.due', { date: dueText(task.due, labels) })}
          </span>
          {' · '}
          {t('taskUi.subject')}: <span data-testid="task-subject">{task.subject.title}</span>
          {task.department ? ` · ${task.department.title}` : ''}
        </p>
        {showAssignees ? (
          <p className={styles.meta} data-testid="task-assignees">
            {t('taskUi.assignees')}: {task.assignees.join(', ')}
          </p>
        ) : null}
      </div>
      <div className={styles.action}>
        <FixLink to={task.link} describedBy={reasonId} />
      </div>
    </li>
  );
}

/** A list of task cards (a real list: screen readers announce how many). */
export function TaskList({
  tasks,
  label,
  showAssignees,
  testId,
}: {
  tasks: readonly Task[];
  label: string;
  showAssignees?: boolean;
  testId?: string;
}) {
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label={label} {...(testId ? { 'data-testid': testId } : {})}>
      {tasks.map((task) => (
        <TaskCard key={task.id} task={task} {...(showAssignees ? { showAssignees } : {})} />
      ))}
    </ul>
  );
}

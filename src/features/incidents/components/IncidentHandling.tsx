import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Badge,
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Select,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { isReopening, type IncidentStatus } from '../../../domain/incident-workflow.js';
import type { LegalClock } from '../../../domain/legal-clocks.js';
import { apiFieldErrors } from '../../../shared/api/client.js';
import { ConflictError } from '../../../shared/data/index.js';
import { listSpec, type TimelineEntry } from '../../../shared/schema/index.js';
import { DetailList } from '../../../shared/ui/DetailList.js';
import { ErrorView } from '../../../shared/ui/ErrorView.js';
import { Loading, Page, PageSection } from '../../../shared/ui/Page.js';
import { IncidentAttachments } from './Attachments.js';
import { RouterLink } from '../../../shared/ui/RouterLink.js';
import { CopyTeamsLink } from '../../../shared/ui/TeamsLink.js';
import { useLabels } from '../../../shared/ui/labels.js';
import { useMe } from '../../../shared/ui/session.js';
import {
  useAddTimelineEntry,
  useIncidentDetail,
  useIncidentTimeline,
  useUpdateIncident,
  type IncidentChange,
  type IncidentDetail,
} from '../api/incident-handling.js';
import { SystemPicker, type SelectedSystem } from './SystemPicker.js';

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))',
    gap: tokens.spacingHorizontalM,
    '& > *': { minWidth: 0 },
    '& select': { minWidth: 0, width: '100%' },
  },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '900px' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'end' },
  model: {
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
  },
  reasons: { margin: `${tokens.spacingVerticalXS} 0`, paddingLeft: tokens.spacingHorizontalL },
  clocks: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, margin: 0, padding: 0, listStyleType: 'none' },
  clock: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  clockHead: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  timeline: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, margin: 0, padding: 0, listStyleType: 'none' },
  entry: { borderLeft: `${tokens.strokeWidthThicker} solid ${tokens.colorBrandStroke1}`, paddingLeft: tokens.spacingHorizontalM },
  meta: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  pre: { whiteSpace: 'pre-wrap', margin: 0, overflowWrap: 'anywhere' },
  wide: { gridColumn: '1 / -1' },
});

function choicesOf(list: 'incidents' | 'timeline', key: string): readonly string[] {
  const f = listSpec(list).fields.find((x) => x.key === key);
  return f && f.type === 'choice' ? f.choices : [];
}

/** The current minute, refreshed every minute: the legal clocks count down live. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** A write's refusal: the API's Swedish message; a conflict offers to load the incident again. */
function WriteError({ error, onReload }: { error: unknown; onReload: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  if (error instanceof ConflictError)
    return (
      <MessageBar intent="warning" layout="multiline" data-testid="write-conflict">
        <MessageBarBody>{t('incidents.handling.conflict')}</MessageBarBody>
        <MessageBarActions>
          <Button size="small" onClick={onReload}>
            {t('incidents.handling.reload')}
          </Button>
        </MessageBarActions>
      </MessageBar>
    );
  return (
    <MessageBar intent="error" layout="multiline" role="alert" data-testid="write-error">
      <MessageBarBody>{error instanceof Error ? error.message : String(error)}</MessageBarBody>
    </MessageBar>
  );
}

function ChoiceSelect({
  label,
  field,
  value,
  onChange,
  error,
  testId,
}: {
  label: string;
  field: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  testId: string;
}) {
  const { t } = useTranslation();
  const labels = useLabels();
  return (
    <Field label={label} {...(error ? { validationMessage: error, validationState: 'error' as const } : {})}>
      <Select value={value} onChange={(_, d) => onChange(d.value)} data-testid={testId}>
        <option value="">{t('incidents.handling.notSet')}</option>
        {choicesOf('incidents', field).map((c) => (
          <option key={c} value={c}>
            {field === 'priority' ? c : labels.choice(`incidents.${field}`, c)}
          </option>
        ))}
      </Select>
    </Field>
  );
}

function Workflow({ incident, onReload }: { incident: IncidentDetail; onReload: () => void }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const labels = useLabels();
  const me = useMe();
  const update = useUpdateIncident(incident.id);
  const [email, setEmail] = useState('');
  const from = (incident.status ?? 'ny') as IncidentStatus;
  const save = (change: IncidentChange) => update.mutate({ change, etag: incident.etag ?? '' });
  return (
    <PageSection title={t('incidents.handling.workflow')}>
      <Text data-testid="incident-status">{t('incidents.handling.statusNow', { status: labels.choice('incidents.status', from) })}</Text>
      <div className={styles.actions}>
        {(incident.nextStatuses ?? []).map((to) => (
          <Button
            key={to}
            appearance={isReopening(from, to) ? 'secondary' : 'primary'}
            disabled={update.isPending}
            onClick={() => save({ status: to })}
            data-testid={`status-${to}`}
          >
            {isReopening(from, to)
              ? t('incidents.handling.reopen', { status: labels.choice('incidents.status', to) })
              : t('incidents.handling.moveTo', { status: labels.choice('incidents.status', to) })}
          </Button>
        ))}
      </div>
      <Text>
        {t('incidents.handling.assignee')}: <strong data-testid="incident-assignee">{labels.person(incident.assignee)}</strong>
      </Text>
      <form
        className={styles.actions}
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          if (email.trim()) save({ assigneeUpn: email.trim() });
        }}
      >
        <Field label={t('incidents.handling.assigneeEmail')}>
          <Input type="email" value={email} onChange={(_, d) => setEmail(d.value)} data-testid="assignee-email" />
        </Field>
        <Button type="submit" disabled={update.isPending || !email.trim()}>
          {t('incidents.handling.assign')}
        </Button>
        {me.data?.email ? (
          <Button disabled={update.isPending} onClick={() => save({ assigneeUpn: me.data.email })} data-testid="assign-me">
            {t('incidents.handling.assignMe')}
          </Button>
        ) : null}
        {incident.assignee ? (
          <Button appearance="subtle" disabled={update.isPending} onClick={() => save({ assigneeUpn: null })}>
            {t('incidents.handling.unassign')}
          </Button>
        ) : null}
      </form>
      <WriteError error={update.error} onReload={onReload} />
    </PageSection>
  );
}

function Triage({ incident, onReload }: { incident: IncidentDetail; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const labels = useLabels();
  const update = useUpdateIncident(incident.id);
  const initial = () => ({
    type: incident.type ?? '',
    category: incident.category ?? '',
    cause: incident.cause ?? '',
    scope: incident.scope ?? '',
    personalDataInvolved: incident.personalDataInvolved ?? '',
    nis2Significant: incident.nis2Significant ?? '',
    ongoing: incident.ongoing === true,
    severity: incident.severity ?? '',
    priority: incident.priority ?? '',
    severityJustification: incident.severityJustification ?? '',
    factJustification: '',
    systems: incident.affectedSystems.map((s) => ({ id: s.id, title: s.title ?? `#${s.id}` })) as SelectedSystem[],
  });
  const [form, setForm] = useState(initial);
  const [saved, setSaved] = useState(false);
  const [etag, setEtag] = useState(incident.etag);
  if (etag !== incident.etag) {
    // A fresh read (after a save or "Läs in igen"): the form shows what is stored.
    setEtag(incident.etag);
    setForm(initial());
  }
  const set = <K extends keyof ReturnType<typeof initial>>(k: K, v: ReturnType<typeof initial>[K]) => {
    setSaved(false);
    setForm((f) => ({ ...f, [k]: v }));
  };
  const fieldErrors = apiFieldErrors(update.error) ?? {};
  const model = incident.assessment;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const change: IncidentChange = {};
    const nul = (v: string) => v || null;
    for (const k of ['type', 'category', 'cause', 'scope', 'personalDataInvolved', 'nis2Significant'] as const)
      if (nul(form[k]) !== (incident[k] ?? null)) change[k] = nul(form[k]);
    if (form.ongoing !== (incident.ongoing === true)) change.ongoing = form.ongoing;
    const ids = form.systems.map((s) => s.id);
    if (ids.join(',') !== incident.affectedSystems.map((s) => s.id).join(',')) change.affectedSystemIds = ids;
    if (nul(form.severity) !== (incident.severity ?? null) || nul(form.priority) !== (incident.priority ?? null)) {
      change.severity = nul(form.severity);
      change.priority = nul(form.priority);
      change.severityJustification = form.severityJustification.trim() || null;
    }
    if (form.factJustification.trim()) change.factJustification = form.factJustification.trim();
    update.mutate({ change, etag: incident.etag ?? '' }, { onSuccess: () => setSaved(true) });
  };

  const leavesYes =
    (incident.personalDataInvolved === 'ja' && form.personalDataInvolved !== 'ja') ||
    (incident.nis2Significant === 'ja' && form.nis2Significant !== 'ja');

  return (
    <PageSection title={t('incidents.handling.title')}>
      {model ? (
        <div className={styles.model} data-testid="severity-model">
          <Text weight="semibold">{t('incidents.handling.model')}</Text>
          <p>
            {t('incidents.handling.modelResult', {
              severity: labels.choice('incidents.severity', model.severity),
              priority: model.priority,
            })}
          </p>
          <ul className={styles.reasons}>
            {model.reasons.map((r, i) => (
              <li key={i}>{i18n.language.startsWith('en') ? r.en : r.sv}</li>
            ))}
          </ul>
          <Text size={200}>{t('incidents.handling.modelDoc')}</Text>
        </div>
      ) : null}
      <form className={styles.form} onSubmit={submit} noValidate aria-label={t('incidents.handling.title')}>
        <div className={styles.grid}>
          <ChoiceSelect
            label={t('incidents.handling.type')}
            field="type"
            value={form.type}
            onChange={(v) => set('type', v)}
            error={fieldErrors.type}
            testId="triage-type"
          />
          <ChoiceSelect
            label={t('incidents.handling.category')}
            field="category"
            value={form.category}
            onChange={(v) => set('category', v)}
            error={fieldErrors.category}
            testId="triage-category"
          />
          <ChoiceSelect
            label={t('incidents.handling.cause')}
            field="cause"
            value={form.cause}
            onChange={(v) => set('cause', v)}
            error={fieldErrors.cause}
            testId="triage-cause"
          />
          <ChoiceSelect
            label={t('incidents.handling.scope')}
            field="scope"
            value={form.scope}
            onChange={(v) => set('scope', v)}
            error={fieldErrors.scope}
            testId="triage-scope"
          />
          <ChoiceSelect
            label={t('incidents.handling.personalData')}
            field="personalDataInvolved"
            value={form.personalDataInvolved}
            onChange={(v) => set('personalDataInvolved', v)}
            error={fieldErrors.personalDataInvolved}
            testId="triage-personal-data"
          />
          <ChoiceSelect
            label={t('incidents.handling.nis2')}
            field="nis2Significant"
            value={form.nis2Significant}
            onChange={(v) => set('nis2Significant', v)}
            error={fieldErrors.nis2Significant}
            testId="triage-nis2"
          />
          <Field label={t('incidents.handling.ongoing')}>
            <Checkbox
              checked={form.ongoing}
              onChange={(_, d) => set('ongoing', d.checked === true)}
              label={t('incidents.handling.ongoing')}
            />
          </Field>
        </div>
        {leavesYes || fieldErrors.factJustification ? (
          <Field
            label={t('incidents.handling.factJustification')}
            required
            {...(fieldErrors.factJustification
              ? { validationMessage: fieldErrors.factJustification, validationState: 'error' as const }
              : {})}
          >
            <Textarea
              value={form.factJustification}
              onChange={(_, d) => set('factJustification', d.value)}
              data-testid="triage-fact-justification"
            />
          </Field>
        ) : null}
        <SystemPicker
          label={t('incidents.handling.systems')}
          value={form.systems}
          onChange={(v) => set('systems', v)}
          error={fieldErrors.affectedSystems}
        />
        <div className={styles.grid}>
          <ChoiceSelect
            label={t('incidents.handling.severity')}
            field="severity"
            value={form.severity}
            onChange={(v) => set('severity', v)}
            error={fieldErrors.severity}
            testId="triage-severity"
          />
          <ChoiceSelect
            label={t('incidents.handling.priority')}
            field="priority"
            value={form.priority}
            onChange={(v) => set('priority', v)}
            error={fieldErrors.priority}
            testId="triage-priority"
          />
          {model ? (
            <div className={styles.actions}>
              <Button
                onClick={() => {
                  set('severity', model.severity);
                  set('priority', model.priority);
                }}
                data-testid="triage-use-model"
              >
                {t('incidents.handling.fromModel')}
              </Button>
            </div>
          ) : null}
        </div>
        <Field
          label={t('incidents.handling.justification')}
          hint={t('incidents.handling.justificationHint')}
          {...(fieldErrors.severityJustification
            ? { validationMessage: fieldErrors.severityJustification, validationState: 'error' as const }
            : {})}
        >
          <Textarea
            value={form.severityJustification}
            onChange={(_, d) => set('severityJustification', d.value)}
            data-testid="triage-justification"
          />
        </Field>
        <WriteError error={update.error} onReload={onReload} />
        {saved && !update.error ? (
          <Text role="status" data-testid="triage-saved">
            {t('incidents.handling.saved')}
          </Text>
        ) : null}
        <div className={styles.actions}>
          <Button appearance="primary" type="submit" disabled={update.isPending} data-testid="triage-save">
            {update.isPending ? t('incidents.handling.saving') : t('incidents.handling.save')}
          </Button>
        </div>
      </form>
    </PageSection>
  );
}

function FollowUp({ incident, onReload }: { incident: IncidentDetail; onReload: () => void }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const update = useUpdateIncident(incident.id);
  const initial = () => ({
    rootCause: incident.rootCause ?? '',
    actionsTaken: incident.actionsTaken ?? '',
    lessonsLearned: incident.lessonsLearned ?? '',
    effortHours: incident.effortHours === null || incident.effortHours === undefined ? '' : String(incident.effortHours),
    cost: incident.cost === null || incident.cost === undefined ? '' : String(incident.cost),
  });
  const [form, setForm] = useState(initial);
  const [etag, setEtag] = useState(incident.etag);
  const [local, setLocal] = useState<Record<string, string>>({});
  if (etag !== incident.etag) {
    setEtag(incident.etag);
    setForm(initial());
  }
  const fieldErrors = { ...(apiFieldErrors(update.error) ?? {}), ...local };
  const num = (v: string): number | null | undefined => {
    const s = v.trim().replace(',', '.');
    if (!s) return null;
    const n = Number(s);
    return Number.isFinite(n) && n >= 0 ? n : undefined;
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const effortHours = num(form.effortHours);
    const cost = num(form.cost);
    const problems: Record<string, string> = {};
    if (effortHours === undefined) problems.effortHours = t('incidents.handling.numberInvalid');
    if (cost === undefined) problems.cost = t('incidents.handling.numberInvalid');
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    update.mutate({
      change: {
        rootCause: form.rootCause,
        actionsTaken: form.actionsTaken,
        lessonsLearned: form.lessonsLearned,
        effortHours: effortHours ?? null,
        cost: cost ?? null,
      },
      etag: incident.etag ?? '',
    });
  };
  const err = (k: string) => (fieldErrors[k] ? { validationMessage: fieldErrors[k], validationState: 'error' as const } : {});
  return (
    <PageSection title={t('incidents.handling.followUp')}>
      <form className={styles.form} onSubmit={submit} noValidate aria-label={t('incidents.handling.followUp')}>
        <Field label={t('incidents.handling.rootCause')} hint={t('incidents.handling.rootCauseHint')} {...err('rootCause')}>
          <Textarea
            value={form.rootCause}
            onChange={(_, d) => setForm((f) => ({ ...f, rootCause: d.value }))}
            data-testid="followup-root-cause"
          />
        </Field>
        <Field label={t('incidents.handling.actions')} {...err('actionsTaken')}>
          <Textarea value={form.actionsTaken} onChange={(_, d) => setForm((f) => ({ ...f, actionsTaken: d.value }))} />
        </Field>
        <Field label={t('incidents.handling.lessons')} {...err('lessonsLearned')}>
          <Textarea value={form.lessonsLearned} onChange={(_, d) => setForm((f) => ({ ...f, lessonsLearned: d.value }))} />
        </Field>
        <div className={styles.grid}>
          <Field label={t('incidents.handling.effort')} {...err('effortHours')}>
            <Input inputMode="decimal" value={form.effortHours} onChange={(_, d) => setForm((f) => ({ ...f, effortHours: d.value }))} />
          </Field>
          <Field label={t('incidents.handling.cost')} {...err('cost')}>
            <Input inputMode="decimal" value={form.cost} onChange={(_, d) => setForm((f) => ({ ...f, cost: d.value }))} />
          </Field>
        </div>
        <WriteError error={update.error} onReload={onReload} />
        <div className={styles.actions}>
          <Button appearance="primary" type="submit" disabled={update.isPending}>
            {update.isPending ? t('incidents.handling.saving') : t('incidents.handling.saveFollowUp')}
          </Button>
        </div>
      </form>
    </PageSection>
  );
}

function span(ms: number, t: (k: string, o?: Record<string, unknown>) => string): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const parts = [
    d ? t('incidents.handling.days', { count: d }) : '',
    h ? t('incidents.handling.hours', { count: h }) : '',
    !d ? t('incidents.handling.minutes', { count: m }) : '',
  ];
  return parts.filter(Boolean).join(' ');
}

/** "Stockholm wall clock" for a datetime-local input: now. */
function localNow(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function ClockForm({
  incidentId,
  clock,
  mode,
  onDone,
}: {
  incidentId: number;
  clock: LegalClock;
  mode: 'sent' | 'waived';
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const add = useAddTimelineEntry(incidentId);
  const [sentAt, setSentAt] = useState(localNow);
  const [recipient, setRecipient] = useState(clock.to);
  const [reference, setReference] = useState('');
  const [details, setDetails] = useState('');
  const fieldErrors = apiFieldErrors(add.error) ?? {};
  const err = (k: string) => (fieldErrors[k] ? { validationMessage: fieldErrors[k], validationState: 'error' as const } : {});
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate(
      mode === 'sent'
        ? {
            title: `${clock.regime} skickad`,
            kind: 'myndighetsrapport',
            legalReport: clock.regime,
            sentAt: sentAt ? new Date(sentAt).toISOString() : '',
            recipient,
            externalReference: reference,
            ...(details.trim() ? { details: details.trim() } : {}),
          }
        : { title: `${clock.regime}: inte rapporteringspliktig`, kind: 'ej rapporteringspliktig', legalReport: clock.regime, details },
      { onSuccess: onDone },
    );
  };
  return (
    <form
      className={styles.form}
      onSubmit={submit}
      noValidate
      aria-label={mode === 'sent' ? t('incidents.handling.record') : t('incidents.handling.notRequired')}
    >
      {mode === 'sent' ? (
        <div className={styles.grid}>
          <Field label={t('incidents.handling.sentAt')} required {...err('sentAt')}>
            <Input type="datetime-local" value={sentAt} onChange={(_, d) => setSentAt(d.value)} data-testid="clock-sent-at" />
          </Field>
          <Field label={t('incidents.handling.recipient')} required {...err('recipient')}>
            <Input value={recipient} onChange={(_, d) => setRecipient(d.value)} data-testid="clock-recipient" />
          </Field>
          <Field label={t('incidents.handling.reference')}>
            <Input value={reference} onChange={(_, d) => setReference(d.value)} data-testid="clock-reference" />
          </Field>
          <Field
            className={styles.wide}
            label={t('incidents.handling.lateReason')}
            hint={t('incidents.handling.lateReasonHint')}
            {...err('details')}
          >
            <Textarea value={details} onChange={(_, d) => setDetails(d.value)} />
          </Field>
        </div>
      ) : (
        <Field label={t('incidents.handling.waiveReason')} required {...err('details')}>
          <Textarea value={details} onChange={(_, d) => setDetails(d.value)} data-testid="clock-waive-reason" />
        </Field>
      )}
      {add.error ? (
        <MessageBar intent="error" role="alert" data-testid="clock-error">
          <MessageBarBody>{add.error.message}</MessageBarBody>
        </MessageBar>
      ) : null}
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={add.isPending} data-testid="clock-save">
          {t('incidents.handling.saveReport')}
        </Button>
        <Button onClick={onDone}>{t('incidents.handling.cancel')}</Button>
      </div>
    </form>
  );
}

const CLOCK_COLOR: Record<string, 'danger' | 'warning' | 'success' | 'informative' | 'subtle'> = {
  kommande: 'warning',
  försenad: 'danger',
  skickad: 'success',
  'skickad för sent': 'warning',
  'ej tillämplig': 'subtle',
  väntar: 'informative',
};

function Clocks({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const labels = useLabels();
  const now = useNow();
  const [open, setOpen] = useState<{ regime: string; mode: 'sent' | 'waived' } | null>(null);
  const clocks = incident.clocks ?? [];
  return (
    <PageSection title={t('incidents.handling.clocks')}>
      {clocks.length === 0 ? (
        <Text>{t('incidents.handling.clocksNone')}</Text>
      ) : (
        <ul className={styles.clocks}>
          {clocks.map((c) => {
            const due = c.due ? Date.parse(c.due) : null;
            const owed = c.state === 'kommande' || c.state === 'försenad' || c.state === 'väntar';
            return (
              <li key={c.regime} className={styles.clock} data-testid="legal-clock" data-regime={c.regime} data-state={c.state}>
                <div className={styles.clockHead}>
                  <Text weight="semibold">{c.regime}</Text>
                  <Text className={styles.meta}>→ {c.to}</Text>
                  <Badge appearance="tint" color={CLOCK_COLOR[c.state] ?? 'informative'} data-testid="clock-state">
                    {t(`incidents.clockState.${c.state}`)}
                  </Badge>
                </div>
                {due !== null && owed ? (
                  <Text>
                    {t('incidents.handling.due', { at: labels.dateTime(c.due) })} ·{' '}
                    <strong data-testid="clock-countdown">
                      {due >= now
                        ? t('incidents.handling.left', { time: span(due - now, t) })
                        : t('incidents.handling.overdueBy', { time: span(now - due, t) })}
                    </strong>
                  </Text>
                ) : null}
                {c.state === 'väntar' ? <Text>{t('incidents.handling.waitingFor')}</Text> : null}
                {c.sentAt ? (
                  <Text>
                    {t('incidents.handling.sentLine', { at: labels.dateTime(c.sentAt), by: c.sentBy ?? '–', to: c.recipient ?? c.to })}
                    {c.reference ? ` · ${t('incidents.handling.sentReference', { ref: c.reference })}` : ''}
                  </Text>
                ) : null}
                {!c.sentAt && c.justification ? <Text>{t('incidents.handling.waivedLine', { why: c.justification })}</Text> : null}
                {owed && open?.regime !== c.regime ? (
                  <div className={styles.actions}>
                    <Button
                      appearance="primary"
                      size="small"
                      onClick={() => setOpen({ regime: c.regime, mode: 'sent' })}
                      data-testid="clock-record"
                    >
                      {t('incidents.handling.record')}
                    </Button>
                    <Button size="small" onClick={() => setOpen({ regime: c.regime, mode: 'waived' })} data-testid="clock-waive">
                      {t('incidents.handling.notRequired')}
                    </Button>
                  </div>
                ) : null}
                {open?.regime === c.regime ? (
                  <ClockForm incidentId={incident.id} clock={c} mode={open.mode} onDone={() => setOpen(null)} />
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </PageSection>
  );
}

const NOTE_KINDS = ['anteckning', 'åtgärd', 'kommunikation', 'bedömning'] as const;

function Timeline({ incidentId }: { incidentId: number }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const labels = useLabels();
  const timeline = useIncidentTimeline(incidentId, true);
  const add = useAddTimelineEntry(incidentId);
  const [kind, setKind] = useState<string>('anteckning');
  const [title, setTitle] = useState('');
  const [details, setDetails] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    add.mutate(
      { kind, title: title.trim(), ...(details.trim() ? { details: details.trim() } : {}) },
      {
        onSuccess: () => {
          setTitle('');
          setDetails('');
        },
      },
    );
  };
  let body: ReactNode;
  if (timeline.isPending) body = <Loading />;
  else if (timeline.isError) body = <ErrorView error={timeline.error} onRetry={() => void timeline.refetch()} />;
  else if (timeline.data.length === 0) body = <Text>{t('incidents.handling.timelineEmpty')}</Text>;
  else
    body = (
      <ol className={styles.timeline} aria-label={t('incidents.handling.timelineLabel')} data-testid="timeline">
        {[...timeline.data].reverse().map((e: TimelineEntry) => (
          <li key={e.id} className={styles.entry} data-testid="timeline-entry" data-kind={e.kind ?? ''}>
            <Text weight="semibold">{e.title}</Text>
            <div className={styles.meta}>
              {[labels.dateTime(e.at), labels.choice('timeline.kind', e.kind), e.legalReport, e.person?.title, e.externalReference]
                .filter(Boolean)
                .join(' · ')}
            </div>
            {e.details ? <p className={styles.pre}>{e.details}</p> : null}
          </li>
        ))}
      </ol>
    );
  return (
    <PageSection title={t('incidents.handling.timeline')}>
      <form className={styles.form} onSubmit={submit} noValidate aria-label={t('incidents.handling.addNote')}>
        <div className={styles.grid}>
          <Field label={t('incidents.handling.noteKind')}>
            <Select value={kind} onChange={(_, d) => setKind(d.value)} data-testid="note-kind">
              {NOTE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {labels.choice('timeline.kind', k)}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            label={t('incidents.handling.noteTitle')}
            required
            {...(missing ? { validationMessage: t('incidents.handling.noteMissing'), validationState: 'error' as const } : {})}
          >
            <Input value={title} onChange={(_, d) => setTitle(d.value)} maxLength={255} data-testid="note-title" />
          </Field>
        </div>
        <Field label={t('incidents.handling.noteDetails')}>
          <Textarea value={details} onChange={(_, d) => setDetails(d.value)} data-testid="note-details" />
        </Field>
        {add.error ? (
          <MessageBar intent="error" role="alert">
            <MessageBarBody>{add.error.message}</MessageBarBody>
          </MessageBar>
        ) : null}
        <div className={styles.actions}>
          <Button type="submit" disabled={add.isPending} data-testid="note-add">
            {t('incidents.handling.addNote')}
          </Button>
        </div>
      </form>
      {body}
    </PageSection>
  );
}

/** The incident page for coordinators and admins: triage, workflow, follow-up, legal clocks, timeline. */
export function IncidentHandling({ id }: { id: number }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const detail = useIncidentDetail(id, true);
  if (detail.isPending) return <Loading label={t('incidents.loadingOne')} />;
  if (detail.isError)
    return (
      <Page title={t('incidents.title')}>
        <RouterLink to="/incidents">{t('incidents.back')}</RouterLink>
        <ErrorView error={detail.error} onRetry={() => void detail.refetch()} />
      </Page>
    );
  const i = detail.data;
  const reload = () => void detail.refetch();
  return (
    <Page title={`${i.referenceNumber ? `${i.referenceNumber} · ` : ''}${i.title}`}>
      <RouterLink to="/incidents">{t('incidents.back')}</RouterLink>
      <PageSection title={t('incidents.detail.overview')}>
        <DetailList
          items={[
            [t('incidents.col.type'), labels.choice('incidents.type', i.type)],
            [t('incidents.col.status'), labels.choice('incidents.status', i.status)],
            [t('incidents.col.severity'), `${labels.choice('incidents.severity', i.severity)}${i.priority ? ` (${i.priority})` : ''}`],
            [t('incidents.detail.reporter'), labels.person(i.reporter)],
            [t('incidents.detail.assignee'), labels.person(i.assignee)],
            [t('incidents.col.reported'), labels.dateTime(i.reportedAt)],
            [t('bot.confirmOccurred'), labels.dateTime(i.occurredAt)],
            [t('bot.confirmDetected'), labels.dateTime(i.detectedAt)],
            [
              t('incidents.detail.systems'),
              i.affectedSystems
                .map((s) => s.title)
                .filter(Boolean)
                .join(', ') || '–',
            ],
            [t('incidents.detail.description'), i.description || '–'],
          ]}
        />
      </PageSection>
      <CopyTeamsLink route={`/incidents/${i.id}`} label={i.referenceNumber || i.title} />
      <IncidentAttachments incident={i} handler />
      <Workflow incident={i} onReload={reload} />
      <Clocks incident={i} />
      <Triage incident={i} onReload={reload} />
      <FollowUp incident={i} onReload={reload} />
      <Timeline incidentId={i.id} />
    </Page>
  );
}

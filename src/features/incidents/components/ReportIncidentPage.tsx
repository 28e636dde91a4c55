import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Select,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import {
  CATEGORY_UNKNOWN,
  CERT_SE_CATEGORIES,
  DEFAULT_REPORT_TYPE,
  PERSONAL_DATA_VALUES,
  REPORT_TYPES,
  validateReportInput,
  type ReportProblem,
} from '../../../domain/incident-report.js';
import { apiErrorDetails } from '../../../shared/api/client.js';
import type { Incident } from '../../../shared/schema/index.js';
import { Page } from '../../../shared/ui/Page.js';
import { RouterLink } from '../../../shared/ui/RouterLink.js';
import { useLabels } from '../../../shared/ui/labels.js';
import { useSession } from '../../../shared/ui/session.js';
import { newClientKey, useReportIncident, type TabReportBody } from '../api/report-incident.js';
import { PendingReports } from './PendingReports.js';
import { AttachmentPicker, type ChosenFile } from './Attachments.js';
import { stageAttachments } from '../api/attachment-outbox.js';
import { SystemPicker } from './SystemPicker.js';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '720px' },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL },
  grow: { flex: '1 1 220px', minWidth: 0 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  full: { maxWidth: '100%' },
});

type FieldName = 'title' | 'description' | 'personalData' | 'systems' | 'occurredAt' | 'detectedAt' | 'type' | 'category';

const PROBLEM: Record<ReportProblem['code'], { field: FieldName; key: string }> = {
  titleMissing: { field: 'title', key: 'errTitleMissing' },
  titleTooLong: { field: 'title', key: 'errTitleTooLong' },
  descriptionMissing: { field: 'description', key: 'errDescriptionMissing' },
  descriptionTooLong: { field: 'description', key: 'errDescriptionTooLong' },
  personalDataMissing: { field: 'personalData', key: 'errPersonalData' },
  systemUnknown: { field: 'systems', key: 'errSystemUnknown' },
  tooManySystems: { field: 'systems', key: 'errSystemsTooMany' },
  occurredInvalid: { field: 'occurredAt', key: 'errOccurredInvalid' },
  occurredInFuture: { field: 'occurredAt', key: 'errOccurredInFuture' },
  detectedInvalid: { field: 'detectedAt', key: 'errDetectedInvalid' },
  detectedInFuture: { field: 'detectedAt', key: 'errDetectedInFuture' },
  detectedBeforeOccurred: { field: 'detectedAt', key: 'errDetectedBeforeOccurred' },
  typeUnknown: { field: 'type', key: 'errTypeUnknown' },
  categoryUnknown: { field: 'category', key: 'errCategoryUnknown' },
};

interface FormState {
  title: string;
  description: string;
  occurredAt: string;
  detectedAt: string;
  type: string;
  category: string;
  personalData: string;
  ongoing: boolean;
  systems: { id: number; title: string }[];
}

const EMPTY: FormState = {
  title: '',
  description: '',
  occurredAt: '',
  detectedAt: '',
  type: DEFAULT_REPORT_TYPE,
  category: CATEGORY_UNKNOWN,
  personalData: '',
  ongoing: false,
  systems: [],
};

type Outcome =
  { kind: 'sent'; incident: Incident; created: boolean; filesWaiting: number } | { kind: 'stored' } | { kind: 'refused'; message: string };

/** "Rapportera incident" in the tab: the bot's fields, validated beside each field, kept on every refusal. */
export function ReportIncidentPage() {
  const { t } = useTranslation();
  const styles = useStyles();
  const labels = useLabels();
  const report = useReportIncident();
  const session = useSession();
  const [form, setForm] = useState<FormState>(EMPTY);
  const [clientKey, setClientKey] = useState(newClientKey);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [files, setFiles] = useState<ChosenFile[]>([]);
  const [filesError, setFilesError] = useState<string | null>(null);
  const set = <K extends keyof FormState>(key: K, v: FormState[K]) => setForm((f) => ({ ...f, [key]: v }));

  const messages = (problems: ReportProblem[]) => {
    const out: Partial<Record<FieldName, string>> = {};
    for (const p of problems) {
      const m = PROBLEM[p.code];
      out[m.field] ??= t(`bot.${m.key}`, 'max' in p ? { max: p.max } : {});
    }
    return out;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (report.isPending) return;
    const checked = validateReportInput(
      {
        title: form.title,
        description: form.description,
        systemId: '',
        systemIds: form.systems.map((s) => s.id).join(','),
        personalData: form.personalData,
        occurredAt: form.occurredAt,
        detectedAt: form.detectedAt,
        type: form.type,
        category: form.category,
        ongoing: String(form.ongoing),
      },
      form.systems.map((s) => s.id),
      new Date(),
    );
    const badFiles = files.some((f) => f.problem);
    setFilesError(badFiles ? t('incidents.attachments.fixFiles') : null);
    if (!checked.ok || badFiles) {
      setErrors(checked.ok ? {} : messages(checked.problems));
      setOutcome(null);
      return;
    }
    setErrors({});
    const body: TabReportBody = {
      title: form.title.trim(),
      description: form.description.trim(),
      personalData: form.personalData,
      systemIds: form.systems.map((s) => s.id),
      occurredAt: form.occurredAt || null,
      detectedAt: form.detectedAt || null,
      type: form.type,
      category: form.category === CATEGORY_UNKNOWN ? null : form.category,
      ongoing: form.ongoing,
      clientKey,
    };
    // The files are kept on this device before anything is sent: they wait for their report.
    if (files.length > 0)
      await stageAttachments(
        session,
        clientKey,
        files.map((f) => f.file),
      );
    const result = await report.mutateAsync(body);
    if (result.ok) {
      setOutcome({
        kind: 'sent',
        incident: result.incident,
        created: result.created,
        filesWaiting: result.attachments.waiting,
      });
      setForm(EMPTY);
      setFiles([]);
      setClientKey(newClientKey());
    } else if (result.kept) {
      // Stored on this device: the form starts over, the report waits in the outbox.
      setOutcome({ kind: 'stored' });
      setForm(EMPTY);
      setFiles([]);
      setClientKey(newClientKey());
    } else {
      const details = apiErrorDetails(result.error);
      const codes = Array.isArray(details) ? details.filter((c): c is ReportProblem['code'] => typeof c === 'string' && c in PROBLEM) : [];
      if (codes.length > 0) setErrors(messages(codes.map((code) => ({ code }) as ReportProblem)));
      setOutcome({ kind: 'refused', message: result.error instanceof Error ? result.error.message : String(result.error) });
    }
  };

  const err = (f: FieldName) => (errors[f] ? { validationMessage: errors[f], validationState: 'error' as const } : {});

  return (
    <Page title={t('bot.reportTitle')} intro={t('incidents.report.intro')}>
      <RouterLink to="/incidents">{t('incidents.backToList')}</RouterLink>
      {outcome?.kind === 'sent' ? (
        <MessageBar intent="success" layout="multiline" data-testid="report-confirmation">
          <MessageBarBody>
            <MessageBarTitle>{outcome.created ? t('bot.confirmTitle') : t('bot.confirmAgain')}</MessageBarTitle>
            <p>
              {t('bot.confirmReference')}: <strong data-testid="report-reference">{outcome.incident.referenceNumber}</strong>
            </p>
            <p>{t('incidents.report.next')}</p>
            {outcome.filesWaiting > 0 ? <p>{t('incidents.attachments.sentWaiting', { count: outcome.filesWaiting })}</p> : null}
            <RouterLink to={`/incidents/${outcome.incident.id}`}>{t('incidents.report.open')}</RouterLink>
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {outcome?.kind === 'stored' ? (
        <MessageBar intent="warning" layout="multiline" data-testid="report-stored">
          <MessageBarBody>
            <MessageBarTitle>{t('incidents.outbox.storedTitle')}</MessageBarTitle>
            {t('incidents.outbox.storedBody')}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {outcome?.kind === 'refused' ? (
        <MessageBar intent="error" layout="multiline" data-testid="report-refused">
          <MessageBarBody>
            <MessageBarTitle>{t('incidents.report.refused')}</MessageBarTitle>
            {outcome.message}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <PendingReports compact={outcome?.kind === 'stored'} />
      <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate aria-label={t('bot.reportTitle')}>
        {Object.keys(errors).length > 0 ? (
          <MessageBar intent="error" role="alert" data-testid="report-errors">
            <MessageBarBody>{t('incidents.report.fix')}</MessageBarBody>
          </MessageBar>
        ) : null}
        <Field label={t('bot.fieldTitle')} required {...err('title')}>
          <Input
            value={form.title}
            onChange={(_, d) => set('title', d.value)}
            placeholder={t('bot.fieldTitlePlaceholder')}
            maxLength={300}
            data-testid="report-title"
          />
        </Field>
        <Field label={t('incidents.report.description')} required {...err('description')}>
          <Textarea
            value={form.description}
            onChange={(_, d) => set('description', d.value)}
            placeholder={t('bot.fieldDescriptionPlaceholder')}
            resize="vertical"
            rows={5}
            data-testid="report-description"
          />
        </Field>
        <div className={styles.row}>
          <Field className={styles.grow} label={t('bot.fieldOccurred')} hint={t('incidents.report.timeHint')} {...err('occurredAt')}>
            <Input
              type="datetime-local"
              value={form.occurredAt}
              onChange={(_, d) => set('occurredAt', d.value)}
              data-testid="report-occurred"
            />
          </Field>
          <Field className={styles.grow} label={t('bot.fieldDetected')} hint={t('incidents.report.timeHint')} {...err('detectedAt')}>
            <Input
              type="datetime-local"
              value={form.detectedAt}
              onChange={(_, d) => set('detectedAt', d.value)}
              data-testid="report-detected"
            />
          </Field>
        </div>
        <Field label={t('bot.fieldType')} hint={t('bot.typeHelp')} {...err('type')}>
          <RadioGroup value={form.type} onChange={(_, d) => set('type', d.value)} data-testid="report-type">
            {REPORT_TYPES.map((type) => (
              <Radio key={type} value={type} label={t(`bot.type${type[0]!.toUpperCase()}${type.slice(1)}`)} />
            ))}
          </RadioGroup>
        </Field>
        <Field label={t('bot.fieldCategory')} {...err('category')}>
          <Select value={form.category} onChange={(_, d) => set('category', d.value)} data-testid="report-category">
            <option value={CATEGORY_UNKNOWN}>{t('bot.categoryUnknown')}</option>
            {CERT_SE_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {labels.choice('incidents.category', c)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('bot.fieldPersonalData')} required {...err('personalData')}>
          <RadioGroup
            layout="horizontal"
            value={form.personalData}
            onChange={(_, d) => set('personalData', d.value)}
            data-testid="report-personal-data"
          >
            {PERSONAL_DATA_VALUES.map((v) => (
              <Radio key={v} value={v} label={labels.choice('incidents.personalDataInvolved', v)} />
            ))}
          </RadioGroup>
        </Field>
        <Field label={t('bot.fieldOngoing')}>
          <Checkbox
            checked={form.ongoing}
            onChange={(_, d) => set('ongoing', d.checked === true)}
            label={t('bot.ongoingTitle')}
            data-testid="report-ongoing"
          />
        </Field>
        <SystemPicker label={t('bot.fieldSystems')} value={form.systems} onChange={(v) => set('systems', v)} error={errors.systems} />
        <AttachmentPicker value={files} onChange={setFiles} />
        {filesError ? (
          <MessageBar intent="error" role="alert" data-testid="report-files-error">
            <MessageBarBody>{filesError}</MessageBarBody>
          </MessageBar>
        ) : null}
        <div className={styles.actions}>
          <Button appearance="primary" type="submit" disabled={report.isPending} data-testid="report-submit">
            {report.isPending ? t('incidents.report.sending') : t('bot.submit')}
          </Button>
        </div>
      </form>
    </Page>
  );
}

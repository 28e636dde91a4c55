import { useId, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Label, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import { AttachRegular } from '@fluentui/react-icons';
import {
  ATTACHMENT_ACCEPT,
  ATTACHMENT_PROBLEM_TEXT,
  MAX_ATTACHMENTS,
  attachmentProblem,
  mayAttach,
} from '../../../domain/incident-attachments.js';
import type { Incident } from '../../../shared/schema/index.js';
import { PageSection } from '../../../shared/ui/Page.js';
import { ErrorView } from '../../../shared/ui/ErrorView.js';
import { useMe, useSession } from '../../../shared/ui/session.js';
import { useLabels } from '../../../shared/ui/labels.js';
import { discardAttachment, flushAttachments, stageAttachments, usePendingAttachments } from '../api/attachment-outbox.js';
import { downloadIncidentAttachment, useIncidentAttachments } from '../api/incident-attachments.js';
import { newClientKey } from '../api/report-incident.js';

const useStyles = makeStyles({
  picker: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  list: { margin: 0, paddingLeft: 0, listStyleType: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  item: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS, overflowWrap: 'anywhere' },
  error: { color: tokens.colorPaletteRedForeground1 },
  hint: { color: tokens.colorNeutralForeground2 },
});

/** "12 kB", "3,4 MB" (Swedish decimal comma). */
export function formatFileSize(bytes: number, locale = 'sv-SE'): string {
  const n = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${n.format(bytes / 1024)} kB`;
  return `${n.format(bytes / (1024 * 1024))} MB`;
}

export interface ChosenFile {
  file: File;
  /** Why it cannot be sent (Swedish), or null. */
  problem: string | null;
}

/** Checks each chosen file against the API's rules; a second file of the same name replaces the first. */
export function chooseFiles(current: readonly ChosenFile[], added: readonly File[]): ChosenFile[] {
  const byName = new Map(current.map((c) => [c.file.name.toLowerCase(), c]));
  for (const file of added) {
    const problem = attachmentProblem(file.name, file.size);
    byName.set(file.name.toLowerCase(), { file, problem: problem ? ATTACHMENT_PROBLEM_TEXT[problem] : null });
  }
  const out = [...byName.values()];
  return out.map((c, i) => (i >= MAX_ATTACHMENTS && !c.problem ? { ...c, problem: `Högst ${MAX_ATTACHMENTS} filer per incident.` } : c));
}

/** The report form's file choice: a native file input (keyboard, screen reader and phone camera work), the chosen files listed. */
export function AttachmentPicker({ value, onChange }: { value: ChosenFile[]; onChange: (files: ChosenFile[]) => void }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const pick = (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])];
    if (files.length > 0) onChange(chooseFiles(value, files));
    // The same file can be chosen again after it was removed.
    e.target.value = '';
  };
  return (
    <div className={styles.picker}>
      <Label id={`${id}-label`}>{t('incidents.attachments.choose')}</Label>
      <Text size={200} className={styles.hint} id={`${id}-hint`}>
        {t('incidents.attachments.hint')}
      </Text>
      {/* The native input does the choosing (phone camera and gallery included); its own text follows the
          browser's language, so a Swedish button opens it. */}
      <input
        ref={input}
        type="file"
        multiple
        accept={ATTACHMENT_ACCEPT}
        onChange={pick}
        hidden
        tabIndex={-1}
        aria-hidden="true"
        data-testid="report-files"
      />
      <div>
        <Button
          icon={<AttachRegular />}
          onClick={() => input.current?.click()}
          aria-labelledby={`${id}-label ${id}-button`}
          aria-describedby={`${id}-hint`}
          id={`${id}-button`}
        >
          {t('incidents.attachments.pick')}
        </Button>
      </div>
      {value.length > 0 ? (
        <ul className={styles.list} aria-label={t('incidents.attachments.chosen')} data-testid="report-files-chosen">
          {value.map((c) => (
            <li key={c.file.name} className={styles.item}>
              <span>
                {c.file.name} ({formatFileSize(c.file.size)})
              </span>
              {c.problem ? (
                <span className={styles.error} role="alert">
                  {c.problem}
                </span>
              ) : null}
              <Button
                size="small"
                appearance="subtle"
                onClick={() => onChange(value.filter((x) => x !== c))}
                aria-label={t('incidents.attachments.remove', { name: c.file.name })}
              >
                {t('incidents.attachments.removeShort')}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The incident page's files: listed, downloaded, and added by those the API lets attach. */
export function IncidentAttachments({ incident, handler }: { incident: Incident; handler: boolean }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const labels = useLabels();
  const session = useSession();
  const client = useQueryClient();
  const me = useMe();
  const files = useIncidentAttachments(incident.id);
  const waiting = usePendingAttachments().filter((a) => a.incidentId === incident.id);
  const [chosen, setChosen] = useState<ChosenFile[]>([]);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const reporter = !!me.data && (incident.reporter?.id ?? null) === me.data.id;
  // The API's rule; the button is not offered where the API would refuse.
  const canAdd = mayAttach(
    { handler, reporter },
    { status: incident.status, reportedAt: incident.reportedAt ?? incident.created },
    new Date(),
  );

  const send = async () => {
    const ok = chosen.filter((c) => !c.problem).map((c) => c.file);
    if (ok.length === 0) return;
    setSending(true);
    setFailure(null);
    try {
      await stageAttachments(session, newClientKey(), ok, incident);
      setChosen([]);
      await flushAttachments(session, incident.id);
      await client.invalidateQueries({ queryKey: [session.key, 'incidents', 'attachments', incident.id] });
    } catch (error) {
      setFailure(error);
    } finally {
      setSending(false);
    }
  };

  return (
    <PageSection title={t('incidents.attachments.title')}>
      <div data-testid="incident-attachments">
        {files.isError ? (
          <ErrorView error={files.error} onRetry={() => void files.refetch()} />
        ) : files.isPending ? (
          <Text>{t('incidents.attachments.loading')}</Text>
        ) : files.data.length === 0 ? (
          <Text>{t('incidents.attachments.none')}</Text>
        ) : (
          <ul className={styles.list}>
            {files.data.map((f) => (
              <li key={f.name} className={styles.item}>
                <Button
                  appearance="transparent"
                  onClick={() => void downloadIncidentAttachment(session, incident.id, f.name).catch(setFailure)}
                  aria-label={t('incidents.attachments.download', { name: f.name })}
                  data-testid="attachment-download"
                >
                  {f.name}
                </Button>
              </li>
            ))}
          </ul>
        )}
        {waiting.map((a) => (
          <MessageBar key={`${a.clientKey}|${a.name}`} intent={a.refused ? 'error' : 'warning'} data-testid="attachment-waiting">
            <MessageBarBody>
              {a.refused
                ? t('incidents.attachments.refused', { name: a.name, message: a.refused })
                : t('incidents.attachments.waiting', { name: a.name, at: labels.dateTime(a.savedAt) })}{' '}
              {a.refused ? (
                <Button size="small" onClick={() => void discardAttachment(session, a)}>
                  {t('incidents.outbox.discard')}
                </Button>
              ) : null}
            </MessageBarBody>
          </MessageBar>
        ))}
        {failure ? <ErrorView error={failure} /> : null}
        {canAdd ? (
          <>
            <AttachmentPicker value={chosen} onChange={setChosen} />
            {chosen.length > 0 ? (
              <div>
                <Button
                  appearance="primary"
                  disabled={sending || chosen.every((c) => c.problem)}
                  onClick={() => void send()}
                  data-testid="attachments-send"
                >
                  {sending ? t('incidents.report.sending') : t('incidents.attachments.send')}
                </Button>
              </div>
            ) : null}
          </>
        ) : null}
      </div>
    </PageSection>
  );
}

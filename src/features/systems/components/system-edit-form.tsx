import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { canCreateOrDeleteSystem } from '../../../domain/authorization.js';
import { checkField } from '../../../domain/system-validation.js';
import { apiFieldErrors, type SystemEventPath } from '../../../shared/api/client.js';
import { DataError } from '../../../shared/data/errors.js';
import { listSpec, type SystemRecord } from '../../../shared/schema/index.js';
import { ErrorView } from '../../../shared/ui/ErrorView.js';
import { useMe, useSession } from '../../../shared/ui/session.js';
import { getSystem, useDepartments } from '../api/get-system.js';
import { useCreateSystem, useRecordSystemEvent, useUpdateSystem } from '../api/system-writes.js';
import { changedFields, formFromSystem, isPickerField, patchFromForm, type FormRef, type SystemForm } from '../system-form-model.js';
import { CLASSIFICATION_FIELDS, RECORDED_FIELDS, SYSTEM_SECTIONS, systemField } from '../system-sections.js';
import { useFieldLabel, useFieldText } from './system-field-value.js';
import { PeoplePicker, RegisterPicker } from './ref-picker.js';
import { SECTION_SLUGS } from '../deep-link.js';

export type SystemFormMode = 'create' | 'edit' | 'review' | 'classification' | 'continuityTest' | 'restoreTest';

const EVENT_PATH: Record<Exclude<SystemFormMode, 'create' | 'edit'>, SystemEventPath> = {
  review: 'review',
  classification: 'classification',
  continuityTest: 'continuity-test',
  restoreTest: 'restore-test',
};

const LEVELS = new Set(['confidentiality', 'integrity', 'availability', 'traceability']);
const EDITABLE = (key: string) => !RECORDED_FIELDS.includes(key as never);
/** Changed by coordinators and admins only (the API refuses others); shown read-only to the rest. */
const OWNER = 'systemOwner';

/** The sections and fields a mode shows in the form. */
function sectionsFor(mode: SystemFormMode) {
  if (mode === 'classification') return [{ key: 'classification' as const, fields: CLASSIFICATION_FIELDS }];
  if (mode === 'continuityTest' || mode === 'restoreTest') return [];
  return SYSTEM_SECTIONS.map((s) => ({ key: s.key, fields: s.fields.filter(EDITABLE) })).filter((s) => s.fields.length > 0);
}

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  fieldset: { border: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  legend: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, padding: 0, marginBottom: tokens.spacingVerticalS },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 260px), 1fr))',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalM,
  },
  wide: { gridColumn: '1 / -1' },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  table: { borderCollapse: 'collapse', width: '100%', '& th, & td': { textAlign: 'left', padding: '4px 8px', verticalAlign: 'top' } },
  scroll: { overflowX: 'auto', maxWidth: '100%' },
});

interface Conflict {
  latest: SystemRecord;
  theirs: string[];
  mine: Record<string, unknown>;
}

export function SystemEditForm({
  mode,
  system,
  onDone,
  onCancel,
}: {
  mode: SystemFormMode;
  /** The version the form starts from; null when creating. */
  system: SystemRecord | null;
  onDone: (result: { system: SystemRecord; message: string }) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const session = useSession();
  const label = useFieldLabel();
  const text = useFieldText();
  const me = useMe();
  const ownerEditable = !!me.data && canCreateOrDeleteSystem({ userId: me.data.id, roles: me.data.roles });
  const sections = useMemo(() => sectionsFor(mode), [mode]);
  // The owner is not part of what a non-coordinator's form sends: it is shown, not edited.
  const keys = useMemo(
    () => sections.flatMap((s) => s.fields as readonly string[]).filter((k) => k !== OWNER || ownerEditable),
    [sections, ownerEditable],
  );
  const [base, setBase] = useState<SystemRecord | null>(system);
  const [form, setForm] = useState<SystemForm>(() => formFromSystem(system, keys));
  const [action, setAction] = useState({ hours: '', cost: '', notes: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const departments = useDepartments(keys.includes('department'));
  const create = useCreateSystem();
  const update = useUpdateSystem(system?.id ?? 0);
  const record = useRecordSystemEvent(system?.id ?? 0);
  const busy = create.isPending || update.isPending || record.isPending;
  const recording = mode !== 'create' && mode !== 'edit';
  const id = (key: string) => `system-field-${key}`;

  function actionBody(): { ok: true; body: Record<string, unknown> } | { ok: false; errors: Record<string, string> } {
    const fields = listSpec('actions').fields;
    const out: Record<string, unknown> = {};
    const errs: Record<string, string> = {};
    for (const key of ['hours', 'cost', 'notes'] as const) {
      const raw = action[key].trim();
      const value = key === 'notes' ? raw : raw.replace(/\s/g, '').replace(',', '.');
      const r = checkField(
        fields.find((f) => f.key === key)!,
        value === '' ? null : key === 'notes' ? value : Number(value),
      );
      if ('problem' in r) errs[`action.${key}`] = r.problem.message;
      else if (r.value !== null) out[key] = r.value;
    }
    return Object.keys(errs).length ? { ok: false, errors: errs } : { ok: true, body: out };
  }

  async function send(patch: Record<string, unknown>, version: SystemRecord | null): Promise<void> {
    setFailure(null);
    try {
      if (mode === 'create') {
        const created = await create.mutateAsync(patch);
        onDone({ system: created, message: t('system.saved') });
        return;
      }
      const etag = version!.etag;
      if (mode === 'edit') {
        const saved = Object.keys(patch).length ? await update.mutateAsync({ patch, etag }) : version!;
        onDone({ system: saved, message: t('system.saved') });
        return;
      }
      const a = actionBody();
      if (!a.ok) {
        setErrors(a.errors);
        return;
      }
      const result = await record.mutateAsync({
        event: EVENT_PATH[mode],
        body: { ...(Object.keys(patch).length ? { changes: patch } : {}), ...a.body },
        etag,
      });
      const done = {
        review: 'system.review.done',
        classification: 'system.classify.done',
        continuityTest: 'system.continuityTest.done',
        restoreTest: 'system.restoreTest.done',
      }[mode];
      onDone({ system: result.system, message: t(done) });
    } catch (error) {
      if (error instanceof DataError && error.kind === 'conflict' && version) {
        // Re-read and show what the other person changed; nothing of ours is lost.
        const latest = await getSystem(session, version.id);
        const all = SYSTEM_SECTIONS.flatMap((s) => s.fields as readonly string[]);
        setConflict({ latest, theirs: changedFields(version, latest, all), mine: patch });
        return;
      }
      const fields = apiFieldErrors(error);
      if (fields) {
        setErrors(fields);
        return;
      }
      setFailure(error);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const r = patchFromForm(form, base);
    const a = recording ? actionBody() : ({ ok: true } as const);
    const errs = { ...(r.ok ? {} : r.errors), ...(a.ok ? {} : a.errors) };
    setErrors(errs);
    if (!r.ok || !a.ok) {
      const first = Object.keys(errs)[0];
      if (first) document.getElementById(first.startsWith('action.') ? `system-${first.replace('.', '-')}` : id(first))?.focus();
      return;
    }
    void send(r.patch, base);
  }

  function reload() {
    if (!conflict) return;
    setBase(conflict.latest);
    setForm(formFromSystem(conflict.latest, keys));
    setErrors({});
    setConflict(null);
  }

  function reapply() {
    if (!conflict) return;
    const { latest, mine } = conflict;
    setBase(latest);
    setForm({ ...formFromSystem(latest, keys), ...Object.fromEntries(Object.keys(mine).map((k) => [k, form[k] ?? ''])) });
    setConflict(null);
    void send(mine, latest);
  }

  function input(key: string) {
    const f = systemField(key);
    const current = form[key];
    if (isPickerField(key)) {
      const refs: readonly FormRef[] = typeof current === 'string' || current === undefined ? [] : current;
      const setRefs = (value: FormRef[]) => setForm((prev) => ({ ...prev, [key]: value }));
      const pickerProps = { id: id(key), label: label(key), value: refs, disabled: busy, onChange: setRefs, testId: key };
      if (f.type === 'lookupMulti') return <RegisterPicker {...pickerProps} exceptId={base?.id ?? null} />;
      return (
        <PeoplePicker
          {...pickerProps}
          single={f.type === 'user'}
          onError={(message) =>
            setErrors((prev) => {
              const { [key]: _drop, ...rest } = prev;
              return message ? { ...rest, [key]: message } : rest;
            })
          }
        />
      );
    }
    const common = {
      id: id(key),
      value: typeof current === 'string' ? current : '',
      disabled: busy,
    };
    const set = (value: string) => setForm((prev) => ({ ...prev, [key]: value }));
    if (LEVELS.has(key))
      return (
        <Select {...common} onChange={(_, d) => set(d.value)}>
          <option value="">{t('system.choose')}</option>
          {[1, 2, 3, 4].map((n) => (
            <option key={n} value={String(n)}>
              {t(`system.level.${n}`)}
            </option>
          ))}
        </Select>
      );
    switch (f.type) {
      case 'note':
        return <Textarea {...common} resize="vertical" onChange={(_, d) => set(d.value)} />;
      case 'number':
      case 'currency':
        return <Input {...common} inputMode="decimal" onChange={(_, d) => set(d.value)} />;
      case 'dateTime':
        return <Input {...common} type="date" onChange={(_, d) => set(d.value)} />;
      case 'boolean':
        return (
          <Select {...common} onChange={(_, d) => set(d.value)}>
            <option value="">{t('system.choose')}</option>
            <option value="true">{t('system.yes')}</option>
            <option value="false">{t('system.no')}</option>
          </Select>
        );
      case 'choice':
        return (
          <Select {...common} onChange={(_, d) => set(d.value)}>
            <option value="">{t('system.choose')}</option>
            {f.choices.map((c) => (
              <option key={c} value={c}>
                {t(`choices.systems.${key}.${c}`, { defaultValue: c })}
              </option>
            ))}
          </Select>
        );
      case 'lookup':
        return (
          <Select {...common} onChange={(_, d) => set(d.value)}>
            <option value="">{t('system.choose')}</option>
            {(departments.data ?? []).map((d) => (
              <option key={d.id} value={String(d.id)}>
                {d.title}
              </option>
            ))}
            {common.value && !(departments.data ?? []).some((d) => String(d.id) === common.value) ? (
              <option value={common.value}>{base?.department?.title ?? common.value}</option>
            ) : null}
          </Select>
        );
      default:
        return <Input {...common} type={/Url$/.test(key) ? 'url' : 'text'} onChange={(_, d) => set(d.value)} />;
    }
  }

  const errorCount = Object.keys(errors).length;
  const yours = conflict ? new Set(Object.keys(conflict.mine)) : new Set<string>();

  return (
    <form className={styles.form} onSubmit={submit} noValidate data-testid="system-form" aria-busy={busy}>
      {conflict ? (
        <MessageBar intent="warning" layout="multiline" data-testid="system-conflict">
          <MessageBarBody>
            <MessageBarTitle>{t('system.conflict.title')}</MessageBarTitle>
            <p>{t('system.conflict.intro')}</p>
            {conflict.theirs.length === 0 ? (
              <p>{t('system.conflict.none')}</p>
            ) : (
              <div className={styles.scroll}>
                <table className={styles.table} data-testid="system-conflict-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('system.conflict.field')}</th>
                      <th scope="col">{t('system.conflict.before')}</th>
                      <th scope="col">{t('system.conflict.now')}</th>
                      <th scope="col">{t('system.conflict.yours')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {conflict.theirs.map((k) => (
                      <tr key={k}>
                        <th scope="row">{label(k)}</th>
                        <td>{text(k, (base as Record<string, unknown> | null)?.[k])}</td>
                        <td>{text(k, (conflict.latest as unknown as Record<string, unknown>)[k])}</td>
                        <td>{yours.has(k) ? text(k, conflict.mine[k]) : '–'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {Object.keys(conflict.mine).length > 0 ? (
              <>
                <p>{t('system.conflict.mine')}</p>
                <ul data-testid="system-conflict-mine">
                  {Object.keys(conflict.mine).map((k) => (
                    <li key={k}>
                      {label(k)}: {text(k, conflict.mine[k])}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={reload} data-testid="system-conflict-reload">
              {t('system.conflict.reload')}
            </Button>
            <Button appearance="primary" onClick={reapply} data-testid="system-conflict-reapply">
              {t('system.conflict.reapply')}
            </Button>
          </MessageBarActions>
        </MessageBar>
      ) : null}
      {errorCount > 0 ? (
        <MessageBar intent="error" data-testid="system-form-errors">
          <MessageBarBody>{t('system.fixErrors', { count: errorCount })}</MessageBarBody>
        </MessageBar>
      ) : null}
      {failure ? <ErrorView error={failure} /> : null}
      {sections.map((s) => (
        <fieldset key={s.key} id={`edit-${SECTION_SLUGS[s.key]}`} className={styles.fieldset}>
          <legend className={styles.legend}>{t(`system.sections.${s.key}`)}</legend>
          <div className={styles.grid}>
            {s.fields.map((key) =>
              key === OWNER && !ownerEditable ? (
                <Field key={key} label={label(key)} hint={t('system.ownerReadOnly')} data-testid={`field-${key}`}>
                  <Input id={id(key)} readOnly value={base?.systemOwner?.title || t('system.none')} />
                </Field>
              ) : (
                <Field
                  key={key}
                  label={label(key)}
                  required={systemField(key).required === true}
                  validationMessage={errors[key]}
                  validationState={errors[key] ? 'error' : 'none'}
                  hint={systemField(key).type === 'user' ? t('system.picker.replaceHint') : undefined}
                  className={systemField(key).type === 'note' ? styles.wide : undefined}
                  data-testid={`field-${key}`}
                >
                  {input(key)}
                </Field>
              ),
            )}
          </div>
        </fieldset>
      ))}
      {recording ? (
        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>
            {t(mode === 'review' ? 'system.review.title' : `system.${mode === 'classification' ? 'classify' : mode}.title`)}
          </legend>
          <div className={styles.grid}>
            {(['hours', 'cost'] as const).map((k) => (
              <Field
                key={k}
                label={t(`system.action.${k}`)}
                validationMessage={errors[`action.${k}`]}
                validationState={errors[`action.${k}`] ? 'error' : 'none'}
              >
                <Input
                  id={`system-action-${k}`}
                  inputMode="decimal"
                  value={action[k]}
                  disabled={busy}
                  onChange={(_, d) => setAction((prev) => ({ ...prev, [k]: d.value }))}
                />
              </Field>
            ))}
            <Field label={t('system.action.notes')} className={styles.wide} validationMessage={errors['action.notes']}>
              <Textarea
                id="system-action-notes"
                value={action.notes}
                disabled={busy}
                onChange={(_, d) => setAction((prev) => ({ ...prev, notes: d.value }))}
              />
            </Field>
          </div>
        </fieldset>
      ) : null}
      <div className={styles.buttons}>
        <Button appearance="primary" type="submit" disabled={busy || conflict !== null} data-testid="system-submit">
          {busy
            ? t('system.saving')
            : mode === 'review'
              ? t('system.review.confirm')
              : recording
                ? t('system.action.record')
                : t('system.save')}
        </Button>
        <Button onClick={onCancel} disabled={busy}>
          {t('system.cancel')}
        </Button>
      </div>
    </form>
  );
}

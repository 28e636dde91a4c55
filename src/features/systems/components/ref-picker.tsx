import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Combobox, Option, makeStyles, tokens } from '@fluentui/react-components';
import { Dismiss12Regular } from '@fluentui/react-icons';
import { useEnsurePerson, usePeopleSearch, useRegisterSearch } from '../api/pickers.js';
import type { FormRef } from '../system-form-model.js';

const useStyles = makeStyles({
  wrap: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  full: { maxWidth: '100%', minWidth: 0 },
  chosen: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalXS,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  chip: { maxWidth: '100%', whiteSpace: 'normal', textAlign: 'left', overflowWrap: 'anywhere' },
});

interface PickerProps {
  /** The input's id (the field's label points at it; errors focus it). */
  id: string;
  /** The field's label, for the list of chosen ones. */
  label: string;
  value: readonly FormRef[];
  /** One at most (a person field): a new choice replaces the current one. */
  single: boolean;
  disabled: boolean;
  onChange: (value: FormRef[]) => void;
  /** A message for the field (null clears it): the chosen person could not be added to the site. */
  onError: (message: string | null) => void;
  testId: string;
}

function Chosen({ label, value, disabled, onChange, testId }: Omit<PickerProps, 'id' | 'single' | 'onError'>) {
  const { t } = useTranslation();
  const styles = useStyles();
  if (value.length === 0) return null;
  return (
    <ul className={styles.chosen} aria-label={t('system.picker.chosen', { field: label })} data-testid={`chosen-${testId}`}>
      {value.map((r) => {
        const name = r.title || r.email || `#${r.id}`;
        return (
          <li key={r.id}>
            <Button
              className={styles.chip}
              size="small"
              icon={<Dismiss12Regular />}
              iconPosition="after"
              disabled={disabled}
              aria-label={t('system.picker.remove', { name })}
              onClick={() => onChange(value.filter((x) => x.id !== r.id))}
            >
              {name}
            </Button>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * A person field (one or several): searches the directory as the text is typed (name or address),
 * and makes the chosen person a site user before the field holds them.
 */
export function PeoplePicker(props: PickerProps) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const deferred = useDeferredValue(text);
  const search = usePeopleSearch(deferred, open);
  const ensure = useEnsurePerson();
  const chosenEmails = new Set(props.value.map((r) => (r.email ?? '').toLowerCase()).filter(Boolean));
  const options = (search.data ?? []).filter((p) => !chosenEmails.has(p.email.toLowerCase()));

  async function pick(key: string) {
    const person = options.find((p) => p.key === key);
    if (!person) return;
    setText('');
    props.onError(null);
    try {
      const ref = await ensure.mutateAsync(person.key);
      const next = { id: ref.id, title: ref.title || person.title, email: ref.email || person.email };
      props.onChange(props.single ? [next] : [...props.value.filter((r) => r.id !== next.id), next]);
    } catch {
      props.onError(t('system.picker.ensureFailed'));
    }
  }

  return (
    <div className={styles.wrap}>
      <Combobox
        id={props.id}
        className={styles.full}
        freeform
        inlinePopup
        placeholder={t('system.picker.peoplePlaceholder')}
        value={text}
        selectedOptions={[]}
        disabled={props.disabled || ensure.isPending}
        onOpenChange={(_, d) => setOpen(d.open)}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onOptionSelect={(_, d) => {
          if (d.optionValue) void pick(d.optionValue);
        }}
        data-testid={`picker-${props.testId}`}
      >
        {deferred.trim() === '' ? (
          <Option disabled value="" text={t('system.picker.typeToSearch')}>
            {t('system.picker.typeToSearch')}
          </Option>
        ) : search.isError ? (
          <Option disabled value="" text={t('system.picker.searchFailed')}>
            {t('system.picker.searchFailed')}
          </Option>
        ) : options.length === 0 && search.isSuccess ? (
          <Option disabled value="" text={t('system.picker.noPeople')}>
            {t('system.picker.noPeople')}
          </Option>
        ) : (
          options.map((p) => {
            const text = p.email ? `${p.title} (${p.email})` : p.title;
            return (
              <Option key={p.key} value={p.key} text={text}>
                {text}
              </Option>
            );
          })
        )}
      </Combobox>
      <Chosen label={props.label} value={props.value} disabled={props.disabled} onChange={props.onChange} testId={props.testId} />
    </div>
  );
}

/** Systems of the register (the dependencies): by the start of the name, never the system itself. */
export function RegisterPicker(props: Omit<PickerProps, 'single' | 'onError'> & { exceptId: number | null }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const deferred = useDeferredValue(text);
  const search = useRegisterSearch(deferred, open || deferred.trim() !== '', props.exceptId);
  const chosen = new Set(props.value.map((r) => r.id));
  const options = (search.data ?? []).filter((s) => !chosen.has(s.id));
  return (
    <div className={styles.wrap}>
      <Combobox
        id={props.id}
        className={styles.full}
        freeform
        inlinePopup
        placeholder={t('system.picker.systemsPlaceholder')}
        value={text}
        selectedOptions={[]}
        disabled={props.disabled}
        onOpenChange={(_, d) => setOpen(d.open)}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onOptionSelect={(_, d) => {
          const system = options.find((s) => String(s.id) === d.optionValue);
          if (!system) return;
          setText('');
          props.onChange([...props.value, { id: system.id, title: system.title }]);
        }}
        data-testid={`picker-${props.testId}`}
      >
        {search.isError ? (
          <Option disabled value="" text={t('system.picker.searchFailed')}>
            {t('system.picker.searchFailed')}
          </Option>
        ) : options.length === 0 && search.isSuccess ? (
          <Option disabled value="" text={t('system.picker.noSystems')}>
            {t('system.picker.noSystems')}
          </Option>
        ) : (
          options.map((s) => (
            <Option key={s.id} value={String(s.id)} text={s.title}>
              {s.title}
            </Option>
          ))
        )}
      </Combobox>
      <Chosen label={props.label} value={props.value} disabled={props.disabled} onChange={props.onChange} testId={props.testId} />
    </div>
  );
}

import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Combobox, Field, Option, makeStyles, tokens } from '@fluentui/react-components';
import { Dismiss12Regular } from '@fluentui/react-icons';
import { useSystemSearch } from '../api/report-incident.js';

export interface SelectedSystem {
  id: number;
  title: string;
}

const useStyles = makeStyles({
  full: { maxWidth: '100%' },
  chosen: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalXS,
    margin: `${tokens.spacingVerticalXS} 0 0`,
    padding: 0,
    listStyleType: 'none',
  },
});

/**
 * Affected systems from the register: search by the start of the name (Title is indexed; asked only
 * once the list is opened or something is typed), the chosen ones listed below with a remove button.
 */
export function SystemPicker({
  label,
  value,
  onChange,
  error,
}: {
  label: string;
  value: SelectedSystem[];
  onChange: (v: SelectedSystem[]) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const deferred = useDeferredValue(text);
  const search = useSystemSearch(deferred, open || deferred.trim() !== '');
  const options = (search.data ?? []).filter((s) => s.lifecycleStatus !== 'avvecklad');
  const selected = value.map((s) => String(s.id));
  return (
    <Field label={label} hint={t('incidents.report.systemsHint')} validationMessage={error} validationState={error ? 'error' : 'none'}>
      <Combobox
        className={styles.full}
        multiselect
        freeform
        placeholder={t('incidents.report.systemsPlaceholder')}
        value={text}
        selectedOptions={selected}
        onOpenChange={(_, d) => setOpen(d.open)}
        onChange={(e) => setText(e.target.value)}
        onOptionSelect={(_, d) => {
          const next = d.selectedOptions
            .map((id) => value.find((s) => String(s.id) === id) ?? options.find((o) => String(o.id) === id))
            .filter((s): s is SelectedSystem => !!s)
            .map((s) => ({ id: s.id, title: s.title }));
          onChange(next);
          setText('');
        }}
        data-testid="report-systems"
      >
        {options.map((s) => (
          <Option key={s.id} value={String(s.id)}>
            {s.title}
          </Option>
        ))}
        {options.length === 0 && search.isSuccess ? (
          <Option disabled value="">
            {t('incidents.report.noSystems')}
          </Option>
        ) : null}
      </Combobox>
      {value.length > 0 ? (
        <ul className={styles.chosen} aria-label={t('incidents.report.chosenSystems')} data-testid="chosen-systems">
          {value.map((s) => (
            <li key={s.id}>
              <Button
                size="small"
                icon={<Dismiss12Regular />}
                iconPosition="after"
                aria-label={t('incidents.report.removeSystem', { name: s.title })}
                onClick={() => onChange(value.filter((x) => x.id !== s.id))}
              >
                {s.title}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
    </Field>
  );
}

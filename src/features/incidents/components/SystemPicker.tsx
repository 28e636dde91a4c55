import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Combobox, Field, Option, Tag, TagGroup, makeStyles } from '@fluentui/react-components';
import { useSystemSearch } from '../api/report-incident.js';

export interface SelectedSystem {
  id: number;
  title: string;
}

const useStyles = makeStyles({ full: { maxWidth: '100%' } });

/** Affected systems from the register: search by the start of the name (Title is indexed), chosen ones as tags. */
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
  const deferred = useDeferredValue(text);
  const search = useSystemSearch(deferred);
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
        onChange={(e) => setText(e.target.value)}
        onOptionSelect={(_, d) => {
          const next = d.selectedOptions
            .map((id) => value.find((s) => String(s.id) === id) ?? options.find((o) => String(o.id) === id))
            .filter((s): s is { id: number; title: string } => !!s)
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
        {options.length === 0 && !search.isPending ? (
          <Option disabled value="">
            {t('incidents.report.noSystems')}
          </Option>
        ) : null}
      </Combobox>
      {value.length > 0 ? (
        <TagGroup
          aria-label={t('incidents.report.chosenSystems')}
          onDismiss={(_, d) => onChange(value.filter((s) => String(s.id) !== d.value))}
        >
          {value.map((s) => (
            <Tag
              key={s.id}
              value={String(s.id)}
              dismissible
              dismissIcon={{ 'aria-label': t('incidents.report.removeSystem', { name: s.title }) }}
            >
              {s.title}
            </Tag>
          ))}
        </TagGroup>
      ) : null}
    </Field>
  );
}

import { useDeferredValue, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Combobox, Field, Input, Option, Select, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { DEVICE_KINDS, DEVICE_STATUSES } from '../../../domain/devices/inventory-import.js';
import { apiFieldErrors } from '../../../shared/api/client.js';
import { ErrorView } from '../../../shared/ui/ErrorView.js';
import { useLabels } from '../../../shared/ui/labels.js';
import { useHolderSearch } from '../api/holder-search.js';
import { useSaveDevice, type DeviceEntry } from '../api/save-device.js';
import type { Device } from '../api/team-devices.js';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '36rem', minWidth: 0 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  full: { maxWidth: '100%', minWidth: 0 },
});

type Key = keyof DeviceEntry;
const ORDER: readonly Key[] = ['kind', 'identifier', 'title', 'model', 'purchaseDate', 'holder', 'cost', 'status', 'notes'];

function entryOf(device: Device | null): DeviceEntry {
  return {
    kind: device?.kind ?? 'dator',
    identifier: device?.identifier ?? '',
    title: device?.title ?? '',
    model: device?.model ?? '',
    purchaseDate: device?.purchaseDate?.slice(0, 10) ?? '',
    holder: device?.holderEmail ?? device?.holder?.email ?? null,
    cost: device?.cost === null || device?.cost === undefined ? '' : String(device.cost),
    status: device?.status ?? 'i bruk',
    notes: device?.notes ?? '',
  };
}

/** The holder: a directory person chosen by name or address (one), or nobody (in stock). */
function HolderPicker(props: {
  id: string;
  value: string | null;
  name: string | null;
  disabled: boolean;
  onChange: (email: string | null) => void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const deferred = useDeferredValue(text);
  const search = useHolderSearch(deferred);
  const options = search.data ?? [];
  const shown = props.value ? (props.name ? `${props.name} (${props.value})` : props.value) : '';
  return (
    <Combobox
      id={props.id}
      className={styles.full}
      freeform
      inlinePopup
      clearable
      placeholder={t('devices.it.holderPlaceholder')}
      value={text || shown}
      selectedOptions={props.value ? [props.value] : []}
      disabled={props.disabled}
      open={open}
      onOpenChange={(_, d) => setOpen(d.open)}
      onChange={(e) => {
        setText(e.target.value);
        setOpen(true);
        if (e.target.value === '') props.onChange(null);
      }}
      onOptionSelect={(_, d) => {
        setText('');
        props.onChange(d.optionValue ? d.optionValue : null);
      }}
      data-testid="device-holder"
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
        options
          .filter((p) => p.email)
          .map((p) => {
            const label = `${p.title} (${p.email})`;
            return (
              <Option key={p.key} value={p.email.toLowerCase()} text={label}>
                {label}
              </Option>
            );
          })
      )}
    </Combobox>
  );
}

/**
 * IT's form for one device or subscription (new, or a correction of `device`). The server checks
 * the values with the inventory import's rule; its Swedish messages are shown at each field.
 */
export function DeviceForm({ device, onDone }: { device: Device | null; onDone: (saved: Device | null) => void }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const labels = useLabels();
  const save = useSaveDevice();
  const [entry, setEntry] = useState<DeviceEntry>(() => entryOf(device));
  const [holderName, setHolderName] = useState<string | null>(device?.holder?.title ?? null);
  const [errors, setErrors] = useState<Partial<Record<Key, string>>>({});
  const form = useRef<HTMLFormElement>(null);
  const id = (k: Key) => `device-${device?.id ?? 'new'}-${k}`;
  const set = (k: Key) => (value: string) => setEntry((prev) => ({ ...prev, [k]: value }));
  const busy = save.isPending;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const local: Partial<Record<Key, string>> = {};
    if (!entry.identifier.trim()) local.identifier = t('devices.it.identifierRequired');
    setErrors(local);
    if (Object.keys(local).length > 0) {
      form.current?.querySelector<HTMLElement>(`#${id('identifier')}`)?.focus();
      return;
    }
    try {
      const saved = await save.mutateAsync({ entry, existing: device });
      onDone(saved);
    } catch (error) {
      const fields = apiFieldErrors(error) as Partial<Record<Key, string>> | null;
      if (fields) {
        setErrors(fields);
        const first = ORDER.find((k) => fields[k]);
        if (first) form.current?.querySelector<HTMLElement>(`#${id(first)}`)?.focus();
      }
    }
  }

  const field = (k: Key, label: string, control: React.ReactNode, required = false) => (
    <Field
      label={{ children: label, htmlFor: id(k) }}
      required={required}
      validationMessage={errors[k]}
      validationState={errors[k] ? 'error' : 'none'}
    >
      {control}
    </Field>
  );
  const text = (k: Exclude<Key, 'holder'>, extra: Partial<React.ComponentProps<typeof Input>> = {}) => (
    <Input
      id={id(k)}
      className={styles.full}
      value={entry[k]}
      disabled={busy}
      onChange={(_, d) => set(k)(d.value)}
      data-testid={`device-${k}`}
      {...extra}
    />
  );

  return (
    <form
      ref={form}
      className={styles.form}
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-label={device ? t('devices.it.editTitle') : t('devices.it.addTitle')}
    >
      {field(
        'kind',
        t('devices.it.kind'),
        <Select id={id('kind')} value={entry.kind} disabled={busy} onChange={(_, d) => set('kind')(d.value)} data-testid="device-kind">
          {DEVICE_KINDS.map((k) => (
            <option key={k} value={k}>
              {labels.choice('devices.kind', k)}
            </option>
          ))}
        </Select>,
        true,
      )}
      {field('identifier', t('devices.it.identifier'), text('identifier', { required: true }), true)}
      {field('title', t('devices.it.title'), text('title'))}
      {field('model', t('devices.it.model'), text('model'))}
      {field('purchaseDate', t('devices.it.purchaseDate'), text('purchaseDate', { type: 'date' }))}
      {field(
        'holder',
        t('devices.it.holder'),
        <HolderPicker
          id={id('holder')}
          value={entry.holder}
          name={holderName}
          disabled={busy}
          onChange={(email) => {
            setEntry((prev) => ({ ...prev, holder: email }));
            setHolderName(null);
          }}
        />,
      )}
      {field('cost', t('devices.it.cost'), text('cost', { inputMode: 'decimal' }))}
      {field(
        'status',
        t('devices.it.status'),
        <Select id={id('status')} value={entry.status} disabled={busy} onChange={(_, d) => set('status')(d.value)}>
          {DEVICE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {labels.choice('devices.status', s)}
            </option>
          ))}
        </Select>,
      )}
      {field(
        'notes',
        t('devices.it.notes'),
        <Textarea
          id={id('notes')}
          className={styles.full}
          value={entry.notes}
          disabled={busy}
          onChange={(_, d) => set('notes')(d.value)}
        />,
      )}
      {save.isError && !apiFieldErrors(save.error) ? <ErrorView error={save.error} /> : null}
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={busy} data-testid="device-save">
          {t('devices.it.save')}
        </Button>
        <Button type="button" disabled={busy} onClick={() => onDone(null)}>
          {t('devices.it.cancel')}
        </Button>
      </div>
    </form>
  );
}

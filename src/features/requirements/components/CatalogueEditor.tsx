import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Add20Regular, Edit20Regular } from '@fluentui/react-icons';
import { DataError } from '../../../shared/data/errors.js';
import { validateRequirement, type RequirementInput, type RequirementProblem } from '../../../domain/security-requirements.js';
import { ErrorView } from '../../../shared/ui/ErrorView.js';
import type { SecurityRequirement } from '../api/get-system-requirements.js';
import { useSaveRequirement } from '../api/save-requirement.js';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  pair: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
});

const ASPECTS = ['K', 'R', 'T', 'S'] as const;

function inputOf(r: SecurityRequirement | null): RequirementInput {
  return {
    code: r?.code ?? '',
    title: r?.title ?? '',
    description: r?.description ?? '',
    aspect: r?.aspect ?? 'K',
    fromLevel: r?.fromLevel ?? 3,
    area: r?.area ?? '',
    active: r?.active !== false,
  };
}

/** The form for one catalogue entry (new or existing), validated by the domain's rules. */
function RequirementDialog({
  existing,
  catalogue,
  onClose,
}: {
  existing: SecurityRequirement | null;
  catalogue: readonly SecurityRequirement[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const styles = useStyles();
  const formId = useId();
  const [input, setInput] = useState<RequirementInput>(() => inputOf(existing));
  const [problems, setProblems] = useState<RequirementProblem[]>([]);
  const save = useSaveRequirement();
  const problem = (field: RequirementProblem['field']) => problems.find((p) => p.field === field)?.message;
  const set = <K extends keyof RequirementInput>(key: K, value: RequirementInput[K]) => setInput((i) => ({ ...i, [key]: value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const others = catalogue.filter((r) => r.id !== existing?.id).map((r) => r.code ?? '');
    const checked = validateRequirement(input, others);
    if (!checked.ok) {
      setProblems(checked.problems);
      return;
    }
    setProblems([]);
    save.mutate({ existing, value: checked.value }, { onSuccess: onClose });
  };
  const conflict = save.error instanceof DataError && save.error.kind === 'conflict';

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()} modalType="modal">
      <DialogSurface>
        <DialogBody>
          <DialogTitle>
            {existing ? t('requirements.editor.editTitle', { code: existing.code }) : t('requirements.editor.newTitle')}
          </DialogTitle>
          <DialogContent>
            <form id={formId} className={styles.form} onSubmit={submit} noValidate data-testid="requirement-form">
              <Field
                label={t('requirements.editor.code')}
                required
                validationMessage={problem('code')}
                hint={t('requirements.editor.codeHint')}
              >
                <Input value={input.code} onChange={(_, d) => set('code', d.value)} data-testid="requirement-code" />
              </Field>
              <Field label={t('requirements.editor.titleField')} required validationMessage={problem('title')}>
                <Input value={input.title} onChange={(_, d) => set('title', d.value)} data-testid="requirement-title" />
              </Field>
              <Field label={t('requirements.editor.description')}>
                <Textarea value={input.description} onChange={(_, d) => set('description', d.value)} resize="vertical" />
              </Field>
              <div className={styles.pair}>
                <Field label={t('requirements.editor.aspect')} required validationMessage={problem('aspect')}>
                  <Select value={input.aspect} onChange={(_, d) => set('aspect', d.value)} data-testid="requirement-aspect">
                    {ASPECTS.map((a) => (
                      <option key={a} value={a}>
                        {t(`requirements.editor.aspects.${a}`)}
                      </option>
                    ))}
                  </Select>
                </Field>
                <Field label={t('requirements.editor.fromLevel')} required validationMessage={problem('fromLevel')}>
                  <Select
                    value={String(input.fromLevel ?? '')}
                    onChange={(_, d) => set('fromLevel', d.value)}
                    data-testid="requirement-level"
                  >
                    {[1, 2, 3, 4].map((l) => (
                      <option key={l} value={l}>
                        {l}
                      </option>
                    ))}
                  </Select>
                </Field>
              </div>
              <Field label={t('requirements.editor.area')} validationMessage={problem('area')}>
                <Input value={input.area} onChange={(_, d) => set('area', d.value)} />
              </Field>
              <Checkbox
                checked={input.active}
                onChange={(_, d) => set('active', d.checked === true)}
                label={t('requirements.editor.activeLabel')}
                data-testid="requirement-active"
              />
              {conflict ? (
                <MessageBar intent="warning">
                  <MessageBarBody>{t('requirements.editor.conflict')}</MessageBarBody>
                </MessageBar>
              ) : (
                save.isError && <ErrorView error={save.error} />
              )}
            </form>
          </DialogContent>
          <DialogActions>
            <Button appearance="secondary" onClick={onClose}>
              {t('requirements.editor.cancel')}
            </Button>
            <Button appearance="primary" type="submit" form={formId} disabled={save.isPending} data-testid="requirement-save">
              {save.isPending ? t('requirements.saving') : t('requirements.save')}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

/** "Nytt krav" and "Ändra" for coordinators and admins; the dialog does the rest. */
export function useCatalogueEditor(catalogue: readonly SecurityRequirement[]) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<SecurityRequirement | null | 'new'>(null);
  return {
    addButton: (
      <Button icon={<Add20Regular />} onClick={() => setEditing('new')} data-testid="requirement-add">
        {t('requirements.editor.add')}
      </Button>
    ),
    editButton: (r: SecurityRequirement) => (
      <Button
        size="small"
        icon={<Edit20Regular />}
        onClick={() => setEditing(r)}
        aria-label={t('requirements.editor.editLabel', { title: r.title })}
        data-testid={`requirement-edit-${r.code ?? r.id}`}
      >
        {t('requirements.editor.edit')}
      </Button>
    ),
    dialog:
      editing === null ? null : (
        <RequirementDialog existing={editing === 'new' ? null : editing} catalogue={catalogue} onClose={() => setEditing(null)} />
      ),
  };
}

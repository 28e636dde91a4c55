import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { UseQueryResult } from '@tanstack/react-query';
import { ErrorView } from './ErrorView.js';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '1200px' },
  title: { margin: 0, fontSize: tokens.fontSizeBase600, lineHeight: tokens.lineHeightBase600, fontWeight: tokens.fontWeightSemibold },
  intro: { color: tokens.colorNeutralForeground2, margin: 0 },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  sectionTitle: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
});

export function Page({ title, intro, actions, children }: { title: string; intro?: ReactNode; actions?: ReactNode; children?: ReactNode }) {
  const styles = useStyles();
  return (
    <section className={styles.page} aria-labelledby="page-title">
      <h1 id="page-title" className={styles.title}>
        {title}
      </h1>
      {intro ? <p className={styles.intro}>{intro}</p> : null}
      {actions}
      {children}
    </section>
  );
}

export function PageSection({
  title,
  children,
  id,
}: {
  title: string;
  children: ReactNode;
  /** Id of the heading (aria-labelledby). */ id?: string;
}) {
  const styles = useStyles();
  return (
    <div className={styles.section}>
      <h2 className={styles.sectionTitle} {...(id ? { id } : {})}>
        {title}
      </h2>
      {children}
    </div>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return <Spinner size="small" labelPosition="after" label={label ?? t('common.loading')} />;
}

export function Empty({ children }: { children: ReactNode }) {
  return <Text as="p">{children}</Text>;
}

/** Loading → error (with retry) → content for one TanStack query. */
export function QueryView<T>({ query, children, label }: { query: UseQueryResult<T>; children: (data: T) => ReactNode; label?: string }) {
  if (query.isPending) return <Loading {...(label ? { label } : {})} />;
  if (query.isError) return <ErrorView error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}

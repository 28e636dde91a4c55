import type { ReactNode } from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  scroll: {
    overflowX: 'auto',
    maxWidth: '100%',
    '& > table': { minWidth: '640px' },
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
});

/** Lets a wide table scroll sideways on narrow screens (Teams mobile) instead of crushing columns. */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    // Focusable so keyboard users can scroll it too.
    <div className={styles.scroll} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

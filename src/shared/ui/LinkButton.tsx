import type { ReactElement, ReactNode } from 'react';
import { Button } from '@fluentui/react-components';
import { useHref, useLinkClickHandler } from 'react-router-dom';

/** A link to a route that looks like a button (e.g. "Rapportera incident"); a real <a> for keyboard and screen readers. */
export function LinkButton({
  to,
  children,
  icon,
  appearance = 'primary',
  'data-testid': testId,
}: {
  to: string;
  children: ReactNode;
  icon?: ReactElement;
  appearance?: 'primary' | 'secondary';
  'data-testid'?: string;
}) {
  const href = useHref(to);
  const onClick = useLinkClickHandler<HTMLAnchorElement>(to);
  return (
    <Button
      as="a"
      href={href}
      onClick={onClick}
      appearance={appearance}
      {...(icon ? { icon } : {})}
      {...(testId ? { 'data-testid': testId } : {})}
    >
      {children}
    </Button>
  );
}

import type { ReactNode } from 'react';
import { Link } from '@fluentui/react-components';
import { useHref, useLinkClickHandler } from 'react-router-dom';

/** A Fluent link that navigates inside the tab (keeps Teams from reloading the frame). */
export function RouterLink({ to, children, ...rest }: { to: string; children: ReactNode; 'aria-label'?: string; 'data-testid'?: string }) {
  const href = useHref(to);
  const onClick = useLinkClickHandler<HTMLAnchorElement>(to);
  return (
    <Link href={href} onClick={onClick} {...rest}>
      {children}
    </Link>
  );
}

/**
 * What the user sees when an invoke fails or runs out of time: the reason, advice, and the error code
 * support can look up. `message` is shown as written (never as Markdown), whatever its source.
 */
import { texts, type Lang } from '../i18n.js';
import { card, escapeMarkdown, heading, text, type AdaptiveCard } from './common.js';

export function errorCard(lang: Lang, message: string, correlationId: string): AdaptiveCard {
  const t = texts(lang);
  return card(
    [
      heading(t.errorTitle),
      text(escapeMarkdown(message), { id: 'errorMessage' }),
      text(t.errorTryAgain, { isSubtle: true }),
      text(`${t.errorCode}: ${correlationId}`, { id: 'correlationId', size: 'Small', isSubtle: true, fontType: 'Monospace' }),
    ],
    [],
    lang,
  );
}

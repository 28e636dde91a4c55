import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Text } from '@fluentui/react-components';
import { Link20Regular } from '@fluentui/react-icons';
import { buildTeamsDeepLink } from '../teams/deep-links.js';
import { useSession } from './session.js';

/** "Kopiera länk till Teams" for a record, when the Teams app id is configured. */
export function CopyTeamsLink({ route, label }: { route: string; label: string }) {
  const { t } = useTranslation();
  const { config } = useSession();
  const [copied, setCopied] = useState(false);
  if (!config.teamsAppId) return null;
  const link = buildTeamsDeepLink({ appId: config.teamsAppId, route, label, webUrl: `${window.location.origin}${route}` });
  return (
    <div>
      <Button
        icon={<Link20Regular />}
        onClick={() => {
          void navigator.clipboard?.writeText(link).then(
            () => setCopied(true),
            () => setCopied(false),
          );
        }}
      >
        {t('common.copyTeamsLink')}
      </Button>
      {copied ? <Text role="status"> {t('common.copied')}</Text> : null}
    </div>
  );
}

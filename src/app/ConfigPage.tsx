import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MessageBar, MessageBarBody, Radio, RadioGroup, makeStyles, tokens } from '@fluentui/react-components';
import { loadTeamsJs, type HostInfo } from '../shared/teams/host.js';
import type { Section } from '../shared/teams/deep-links.js';
import { Page } from '../shared/ui/Page.js';

const choices: Section[] = ['tasks', 'systems', 'incidents', 'training', 'reports'];

const useStyles = makeStyles({ root: { padding: tokens.spacingHorizontalXXL } });

/**
 * Configuration page of the channel tab: the team picks the start page; Teams stores the content
 * URL and entity id. Valid from the start (the default is fine), so "Spara" is enabled at once.
 */
export function ConfigPage({ host }: { host: HostInfo }) {
  const { t } = useTranslation();
  const styles = useStyles();
  const [section, setSection] = useState<Section>('systems');

  useEffect(() => {
    if (!host.inTeams) return;
    let cancelled = false;
    void loadTeamsJs().then(({ pages }) => {
      if (cancelled) return;
      try {
        register(pages);
      } catch (error) {
        console.warn('Systemkoll: kunde inte registrera flikinställningen.', error);
      }
    });
    return () => {
      cancelled = true;
    };
    function register(pages: Awaited<ReturnType<typeof loadTeamsJs>>['pages']) {
      pages.config.registerOnSaveHandler((event) => {
        const url = `${window.location.origin}/${section}`;
        pages.config
          .setConfig({
            contentUrl: url,
            websiteUrl: url,
            entityId: `systemkoll-${section}`,
            suggestedDisplayName: `${t('app.name')} – ${t(`nav.${section}`)}`,
          })
          .then(
            () => event.notifySuccess(),
            (error: unknown) => event.notifyFailure(String(error)),
          );
      });
      pages.config.setValidityState(true);
    }
  }, [host, section, t]);

  return (
    <div className={styles.root}>
      <Page title={t('config.title')} intro={t('config.intro')}>
        {!host.inTeams ? (
          <MessageBar intent="info">
            <MessageBarBody>{t('config.outsideTeams')}</MessageBarBody>
          </MessageBar>
        ) : null}
        <RadioGroup value={section} onChange={(_, d) => setSection(d.value as Section)} aria-label={t('config.startPage')}>
          {choices.map((c) => (
            <Radio key={c} value={c} label={t(`nav.${c}`)} />
          ))}
        </RadioGroup>
      </Page>
    </div>
  );
}

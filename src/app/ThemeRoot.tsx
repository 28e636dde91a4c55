import { useEffect, useState, type ReactNode } from 'react';
import { FluentProvider, makeStyles, tokens } from '@fluentui/react-components';
import { fluentTheme, themeNameFromColorScheme, themeNameFromTeams, type ThemeName } from '../shared/teams/theme.js';
import { onTeamsThemeChange, type HostInfo } from '../shared/teams/host.js';

const useStyles = makeStyles({
  root: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2, color: tokens.colorNeutralForeground1 },
});

function initialTheme(host: HostInfo, override: ThemeName | null): ThemeName {
  if (override) return override;
  if (host.inTeams) return themeNameFromTeams(host.theme);
  return themeNameFromColorScheme(window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false);
}

/**
 * Fluent theme from Teams (followed live) or from the browser's colour scheme outside Teams; a
 * `?theme=` override wins over both.
 */
export function ThemeRoot({
  host,
  override,
  language,
  children,
}: {
  host: HostInfo;
  override: ThemeName | null;
  language: string;
  children: ReactNode;
}) {
  const [name, setName] = useState<ThemeName>(() => initialTheme(host, override));
  const styles = useStyles();

  useEffect(() => {
    if (override) return;
    if (host.inTeams) {
      onTeamsThemeChange(host, (theme) => setName(themeNameFromTeams(theme)));
      return;
    }
    const media = window.matchMedia?.('(prefers-color-scheme: dark)');
    if (!media) return;
    const listener = (e: MediaQueryListEvent) => setName(themeNameFromColorScheme(e.matches));
    media.addEventListener('change', listener);
    return () => media.removeEventListener('change', listener);
  }, [host, override]);

  useEffect(() => {
    document.documentElement.dataset.theme = name;
    document.documentElement.style.colorScheme = name === 'light' ? 'light' : 'dark';
  }, [name]);

  return (
    <FluentProvider theme={fluentTheme(name, host.inTeams ? 'teams' : 'web')} className={styles.root} lang={language} data-theme={name}>
      {children}
    </FluentProvider>
  );
}

import {
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  webDarkTheme,
  webLightTheme,
  type Theme,
} from '@fluentui/react-components';

/** The three appearances Systemkoll supports, whatever the host calls them. */
export type ThemeName = 'light' | 'dark' | 'contrast';
export type HostKind = 'teams' | 'web';

/**
 * Teams reports `default`, `dark`, `contrast` (and on some clients `glass`); anything unknown is
 * treated as light, which is what Teams itself shows by default.
 */
export function themeNameFromTeams(teamsTheme: string | null | undefined): ThemeName {
  switch ((teamsTheme ?? '').toLowerCase()) {
    case 'dark':
      return 'dark';
    case 'contrast':
      return 'contrast';
    default:
      return 'light';
  }
}

/** `?theme=light|dark|contrast` (also accepts Teams' own `default`). */
export function parseThemeOverride(value: string | null | undefined): ThemeName | null {
  switch ((value ?? '').toLowerCase()) {
    case 'light':
    case 'default':
      return 'light';
    case 'dark':
      return 'dark';
    case 'contrast':
    case 'highcontrast':
    case 'high-contrast':
      return 'contrast';
    default:
      return null;
  }
}

export function themeNameFromColorScheme(prefersDark: boolean): ThemeName {
  return prefersDark ? 'dark' : 'light';
}

/**
 * Inside Teams the Teams variants of the Fluent themes match the host's chrome; outside Teams the
 * web themes do. High contrast only exists as a Teams theme, and it is what we use for it anywhere.
 */
export function fluentTheme(name: ThemeName, host: HostKind): Theme {
  if (name === 'contrast') return teamsHighContrastTheme;
  if (host === 'teams') return name === 'dark' ? teamsDarkTheme : teamsLightTheme;
  return name === 'dark' ? webDarkTheme : webLightTheme;
}

import { describe, expect, it } from 'vitest';
import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { fluentTheme, parseThemeOverride, themeNameFromColorScheme, themeNameFromTeams } from '../../../src/shared/teams/theme.js';
import { languageOf, pickLanguage } from '../../../src/shared/i18n/locale.js';

describe('theme mapping', () => {
  it('maps Teams theme names', () => {
    expect(themeNameFromTeams('default')).toBe('light');
    expect(themeNameFromTeams('dark')).toBe('dark');
    expect(themeNameFromTeams('contrast')).toBe('contrast');
    expect(themeNameFromTeams('glass')).toBe('light');
    expect(themeNameFromTeams(undefined)).toBe('light');
  });

  it('uses the Teams Fluent themes in Teams and the web ones outside', () => {
    expect(fluentTheme('light', 'teams')).toBe(teamsLightTheme);
    expect(fluentTheme('dark', 'teams')).toBe(teamsDarkTheme);
    expect(fluentTheme('contrast', 'teams')).toBe(teamsHighContrastTheme);
    expect(fluentTheme('light', 'web')).toBe(webLightTheme);
    expect(fluentTheme('dark', 'web')).toBe(webDarkTheme);
    expect(fluentTheme('contrast', 'web')).toBe(teamsHighContrastTheme);
  });

  it('follows prefers-color-scheme and accepts ?theme= overrides', () => {
    expect(themeNameFromColorScheme(true)).toBe('dark');
    expect(themeNameFromColorScheme(false)).toBe('light');
    expect(parseThemeOverride('dark')).toBe('dark');
    expect(parseThemeOverride('CONTRAST')).toBe('contrast');
    expect(parseThemeOverride('default')).toBe('light');
    expect(parseThemeOverride('purple')).toBeNull();
    expect(parseThemeOverride(null)).toBeNull();
  });
});

describe('language choice', () => {
  it('recognises tags', () => {
    expect(languageOf('sv-SE')).toBe('sv');
    expect(languageOf('sv_FI')).toBe('sv');
    expect(languageOf('en-us')).toBe('en');
    expect(languageOf('de-DE')).toBeNull();
    expect(languageOf('')).toBeNull();
  });

  it('takes the first supported candidate, Swedish otherwise', () => {
    expect(pickLanguage([null, 'en-US', 'sv-SE'])).toBe('en');
    expect(pickLanguage(['sv', 'en-US'])).toBe('sv');
    expect(pickLanguage(['de-DE', 'fr-FR'])).toBe('sv');
    expect(pickLanguage(['de-DE', 'en-GB'])).toBe('en');
    expect(pickLanguage([])).toBe('sv');
  });
});

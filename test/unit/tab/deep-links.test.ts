import { describe, expect, it } from 'vitest';
import { buildTeamsDeepLink, routeForSubPageId, subPageIdForRoute } from '../../../src/shared/teams/deep-links.js';

describe('Teams sub-page ids and routes', () => {
  it('maps sub-page ids to routes', () => {
    expect(routeForSubPageId('systems/12')).toBe('/systems/12');
    expect(routeForSubPageId('/incidents/42/')).toBe('/incidents/42');
    expect(routeForSubPageId('incidents:7')).toBe('/incidents/7');
    expect(routeForSubPageId('{"route":"systems/3"}')).toBe('/systems/3');
    expect(routeForSubPageId('training')).toBe('/training');
    expect(routeForSubPageId('admin/permissions')).toBe('/admin/permissions');
  });

  it('never maps to anything outside the known routes', () => {
    expect(routeForSubPageId('')).toBe('/');
    expect(routeForSubPageId(undefined)).toBe('/');
    expect(routeForSubPageId('https://evil.example/x')).toBe('/');
    expect(routeForSubPageId('//evil.example')).toBe('/');
    expect(routeForSubPageId('systems/abc')).toBe('/systems');
    expect(routeForSubPageId('systems/1/edit')).toBe('/systems');
    expect(routeForSubPageId('{not json')).toBe('/');
  });

  it('round-trips routes', () => {
    for (const route of ['/systems/12', '/incidents/1', '/training', '/admin/permissions', '/overview', '/outbox']) {
      expect(routeForSubPageId(subPageIdForRoute(route))).toBe(route);
    }
    expect(subPageIdForRoute('/')).toBe('');
  });
});

describe('buildTeamsDeepLink', () => {
  const appId = '11111111-2222-4333-8444-555555555555';

  it('builds an entity link with the route as subEntityId', () => {
    const link = buildTeamsDeepLink({ appId, route: '/incidents/42', label: 'INC-2026-0042' });
    const url = new URL(link);
    expect(url.origin + url.pathname).toBe(`https://teams.microsoft.com/l/entity/${appId}/systemkoll`);
    expect(url.searchParams.get('label')).toBe('INC-2026-0042');
    expect(JSON.parse(url.searchParams.get('context')!)).toEqual({ subEntityId: 'incidents/42' });
  });

  it('supports channel tabs and a web fallback, and omits an empty context', () => {
    const link = buildTeamsDeepLink({
      appId,
      entityId: 'systemkoll-systems',
      route: '/systems/5',
      channelId: '19:abc@thread.tacv2',
      webUrl: 'https://tab.example.se/systems/5',
    });
    const url = new URL(link);
    expect(url.pathname).toBe(`/l/entity/${appId}/systemkoll-systems`);
    expect(url.searchParams.get('webUrl')).toBe('https://tab.example.se/systems/5');
    expect(JSON.parse(url.searchParams.get('context')!)).toEqual({ subEntityId: 'systems/5', channelId: '19:abc@thread.tacv2' });
    expect(buildTeamsDeepLink({ appId })).toBe(`https://teams.microsoft.com/l/entity/${appId}/systemkoll`);
  });
});

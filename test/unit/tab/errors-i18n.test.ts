import { describe, expect, it } from 'vitest';
import { DataError, ConflictError } from '../../../src/shared/data/errors.js';
import { CategorizedError, describeError, errorCategories, newCorrelationId } from '../../../src/shared/ui/error-info.js';
import { createI18n, en, sv } from '../../../src/shared/i18n/index.js';

describe('describeError', () => {
  it('maps HTTP statuses to categories', () => {
    const cases: [number, string][] = [
      [401, 'unauthorized'],
      [403, 'forbidden'],
      [404, 'notFound'],
      [412, 'conflict'],
      [429, 'throttled'],
      [503, 'throttled'],
      [500, 'server'],
      [502, 'server'],
      [400, 'invalid'],
    ];
    for (const [status, category] of cases) expect(describeError({ status }).category, String(status)).toBe(category);
  });

  it('maps data-layer errors and keeps the request id', () => {
    const info = describeError(new DataError('forbidden', { status: 403, requestId: 'abc-123', detail: 'Access denied.' }));
    expect(info).toMatchObject({ category: 'forbidden', status: 403, requestId: 'abc-123', detail: 'Access denied.' });
    expect(describeError(new ConflictError()).category).toBe('conflict');
    expect(describeError(new DataError('threshold')).category).toBe('threshold');
    expect(describeError(new DataError('network', { detail: 'Failed to fetch' })).category).toBe('network');
  });

  it('recognises network failures, sign-in errors and our own categories', () => {
    expect(describeError(new TypeError('Failed to fetch')).category).toBe('network');
    expect(describeError({ errorCode: 'interaction_required', message: 'x' }).category).toBe('signIn');
    expect(describeError(new CategorizedError('config', 'Saknade inställningar')).category).toBe('config');
    expect(describeError(new Error('boom')).category).toBe('unknown');
    expect(describeError('text').category).toBe('unknown');
  });

  it('gives every error its own correlation id', () => {
    const a = describeError(new Error('x'));
    const b = describeError(new Error('x'));
    expect(a.correlationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(a.correlationId).not.toBe(b.correlationId);
    expect(newCorrelationId()).not.toBe(newCorrelationId());
    expect(describeError(new Error('x'), 'fixed').correlationId).toBe('fixed');
  });

  it('has plain Swedish and English texts for every category', () => {
    const svI18n = createI18n('sv');
    const enI18n = createI18n('en');
    for (const c of errorCategories) {
      for (const part of ['title', 'advice']) {
        const key = `errors.${c}.${part}`;
        expect(svI18n.t(key), key).not.toBe(key);
        expect(enI18n.t(key), key).not.toBe(key);
        expect(svI18n.t(key)).not.toBe(enI18n.t(key));
      }
    }
    expect(svI18n.t('errors.forbidden.advice')).toMatch(/behörighet/);
    expect(svI18n.t('errors.throttled.advice')).toMatch(/försök igen/i);
    expect(svI18n.t('errors.network.title')).toMatch(/SharePoint/);
  });
});

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('i18n resources', () => {
  it('sv and en have the same keys and no empty texts', () => {
    expect(keys(en).sort()).toEqual(keys(sv).sort());
    for (const k of keys(sv))
      expect(
        k
          .split('.')
          .reduce<any>((o, p) => o[p], sv)
          .trim(),
        k,
      ).not.toBe('');
  });

  it('defaults to Swedish and pluralises', () => {
    const i18n = createI18n('sv');
    expect(i18n.t('nav.tasks')).toBe('Mina uppgifter');
    expect(i18n.t('incidents.count', { count: 1 })).toBe('1 incident');
    expect(i18n.t('incidents.count', { count: 3 })).toBe('3 incidenter');
    expect(createI18n('en').t('nav.tasks')).toBe('My tasks');
    expect(i18n.t('choices.systems.criticality.samhällsviktig')).toBe('Samhällsviktig');
  });
});

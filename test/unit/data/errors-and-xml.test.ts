import { describe, expect, it } from 'vitest';
import { toDataError, ConflictError, DataError, dataErrorMessage } from '../../../src/shared/data/errors.js';
import { fieldXml } from '../../../src/provisioning/field-xml.js';
import { fieldSpec } from '../../../src/shared/schema/index.js';

const httpError = (status: number, body: object) => ({
  isHttpRequestError: true,
  status,
  message: `Error making HttpClient request in queryable [${status}] X ::> ${JSON.stringify(body)}`,
});

describe('data errors', () => {
  it('turns SharePoint replies into typed errors with Swedish advice', () => {
    const conflict = toDataError(
      httpError(412, {
        'odata.error': { code: '-1, Microsoft.SharePoint.Client.ClientServiceException', message: { value: 'The request ETag value' } },
      }),
    );
    expect(conflict).toBeInstanceOf(ConflictError);
    expect(conflict.message).toMatch(/Någon annan har ändrat/);
    expect(conflict.detail).toMatch(/ClientServiceException/);
    const throttle = toDataError(
      httpError(500, {
        'odata.error': {
          code: '-2147024860, Microsoft.SharePoint.SPQueryThrottledException',
          message: { value: 'exceeds the list view threshold' },
        },
      }),
    );
    expect(throttle.kind).toBe('threshold');
    expect(toDataError(httpError(403, {})).kind).toBe('forbidden');
    expect(toDataError(httpError(429, {})).kind).toBe('throttled');
    expect(toDataError(new TypeError('fetch failed')).kind).toBe('network');
    const same = new DataError('invalid');
    expect(toDataError(same)).toBe(same);
  });

  it('explains each kind in Swedish by default and in English on request', () => {
    expect(dataErrorMessage('throttled')).toBe(new DataError('throttled').message);
    expect(dataErrorMessage('throttled', 'en')).toMatch(/nothing has been lost/);
    expect(dataErrorMessage('forbidden', 'en')).not.toBe(dataErrorMessage('forbidden', 'sv'));
  });
});

describe('field XML for provisioning', () => {
  it('keeps our internal name and escapes Swedish display names', () => {
    const xml = fieldXml(fieldSpec('systems', 'systemOwner'));
    expect(xml).toBe(
      '<Field Type="User" Name="SystemOwner" StaticName="SystemOwner" DisplayName="Systemägare" Required="FALSE" Indexed="TRUE" UserSelectionMode="PeopleOnly"></Field>',
    );
    const choice = fieldXml(fieldSpec('systems', 'lifecycleStatus'));
    expect(choice).toContain('<CHOICE>under avveckling</CHOICE>');
    expect(choice).toContain('<Default>i drift</Default>');
    const unique = fieldXml(fieldSpec('incidents', 'submissionKey'));
    expect(unique).toContain('Indexed="TRUE" EnforceUniqueValues="TRUE"');
  });

  it('points lookups at the target list id and refuses a missing one', () => {
    const xml = fieldXml(fieldSpec('incidents', 'affectedSystems'), { systems: 'abc-123' });
    expect(xml).toContain('Type="LookupMulti"');
    expect(xml).toContain('List="{abc-123}"');
    expect(xml).toContain('Mult="TRUE"');
    expect(() => fieldXml(fieldSpec('incidents', 'affectedSystems'))).toThrow(/finns inte ännu/);
  });
});

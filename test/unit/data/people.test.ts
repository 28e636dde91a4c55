import { describe, expect, it } from 'vitest';
import { peopleFromEntities, peopleQueryParams } from '../../../src/shared/data/people.js';

describe('the people picker search', () => {
  it('asks for users only, from every source, trimmed', () => {
    expect(peopleQueryParams('  anna ', 5)).toMatchObject({
      QueryString: 'anna',
      MaximumEntitySuggestions: 5,
      PrincipalType: 1,
      PrincipalSource: 15,
    });
  });
  it('maps SharePoint’s picker entities to people: claim, name, address; users only, each once', () => {
    const entities = [
      {
        Key: 'i:0#.f|membership|anna@x.se',
        DisplayText: 'Anna Lind',
        Description: 'anna@x.se',
        EntityType: 'User',
        EntityData: { Email: 'anna.lind@x.se' },
      },
      { Key: 'i:0#.f|membership|ANNA@x.se', DisplayText: 'Anna igen', EntityType: 'User' },
      { Key: 'c:0o.c|federateddirectoryclaimprovider|123', DisplayText: 'En grupp', EntityType: 'FormsRole' },
      { Key: 'i:0#.f|membership|utan@x.se', DisplayText: '', Description: 'utan@x.se', EntityType: 'User', EntityData: {} },
      { DisplayText: 'Ingen nyckel' },
      null,
    ];
    expect(peopleFromEntities(entities)).toEqual([
      { key: 'i:0#.f|membership|anna@x.se', title: 'Anna Lind', email: 'anna.lind@x.se' },
      { key: 'i:0#.f|membership|utan@x.se', title: 'utan@x.se', email: 'utan@x.se' },
    ]);
    expect(peopleFromEntities('not a list')).toEqual([]);
  });
});

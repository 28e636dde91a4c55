import { describe, expect, it } from 'vitest';
import {
  canCreateOrDeleteSystem,
  canEditSystem,
  canHandleIncidents,
  canManageDevices,
  canReadIncident,
  canRecordCompletionFor,
  type Actor,
} from '../../../src/domain/authorization.js';

const employee: Actor = { userId: 10, roles: ['employee'] };
const owner: Actor = { userId: 20, roles: ['employee', 'systemOwner'] };
const coordinator: Actor = { userId: 30, roles: ['employee', 'securityCoordinator'] };
const admin: Actor = { userId: 40, roles: ['admin'] };

describe('authorization rules', () => {
  it('lets only coordinators and admins handle incidents, create or delete systems and record completions for others', () => {
    expect([employee, owner, coordinator, admin].map(canHandleIncidents)).toEqual([false, false, true, true]);
    expect([employee, owner, coordinator, admin].map(canCreateOrDeleteSystem)).toEqual([false, false, true, true]);
    expect([employee, owner, coordinator, admin].map((a) => canRecordCompletionFor(a, 10))).toEqual([false, false, true, true]);
    // Not even for oneself: a person's own completion comes from the course module.
    expect(canRecordCompletionFor(employee, employee.userId)).toBe(false);
  });

  it('lets owners and administrators edit their own systems only', () => {
    const mine = { id: 1, ownerId: 20, administratorId: null };
    const administered = { id: 2, ownerId: 99, administratorId: 20 };
    const others = { id: 3, ownerId: 99, administratorId: 98 };
    expect([mine, administered, others].map((s) => canEditSystem(owner, s))).toEqual([true, true, false]);
    expect(canEditSystem(employee, others)).toBe(false);
    expect(canEditSystem(coordinator, others)).toBe(true);
    // A member of the administration team edits too.
    expect(canEditSystem(owner, { id: 5, ownerId: 99, administratorId: 98, teamIds: [97, 20] })).toBe(true);
    expect(canEditSystem(employee, { id: 5, ownerId: 99, administratorId: 98, teamIds: [97, 20] })).toBe(false);
    // A system without owner is nobody's to edit but the coordinators'.
    expect(canEditSystem({ userId: 0, roles: ['employee'] }, { id: 4, ownerId: null, administratorId: null })).toBe(false);
  });

  it('shows an incident to its reporter, the owners of a system it touches, and its handlers', () => {
    const incident = { reporterId: 10, affectedSystemIds: [1, 2] };
    expect(canReadIncident(employee, incident, new Set())).toBe(true);
    expect(canReadIncident({ userId: 11, roles: ['employee'] }, incident, new Set())).toBe(false);
    expect(canReadIncident(owner, incident, new Set([2]))).toBe(true);
    expect(canReadIncident(owner, incident, new Set([3]))).toBe(false);
    expect(canReadIncident(coordinator, { reporterId: null, affectedSystemIds: [] }, new Set())).toBe(true);
    // An unknown reporter (null) matches nobody.
    expect(canReadIncident({ userId: 0, roles: ['employee'] }, { reporterId: null, affectedSystemIds: [] }, new Set())).toBe(false);
  });

  it('lets IT (admins) and coordinators keep the device inventory, nobody else', () => {
    expect([employee, owner, coordinator, admin].map(canManageDevices)).toEqual([false, false, true, true]);
  });
});

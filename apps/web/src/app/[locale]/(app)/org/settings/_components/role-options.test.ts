import { describe, expect, it } from 'vitest';
import { grantableRoles } from './role-options';

describe('grantableRoles', () => {
  it('offers only roles up to the actor’s own, highest first', () => {
    expect(grantableRoles('owner')).toEqual(['owner', 'admin', 'member']);
    expect(grantableRoles('admin')).toEqual(['admin', 'member']);
    expect(grantableRoles('member')).toEqual(['member']);
  });
});

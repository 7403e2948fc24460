import { AUDIT_ACTIONS } from '@repo/contracts';
import { describe, expect, it } from 'vitest';
import en from '../../../../../../messages/en.json';
import { actionLabelKey, TARGET_TYPES, targetHref, targetTypeLabelKey } from './labels';

const lookup = (key: string) =>
  key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], en.AdminAudit);

describe('audit labels', () => {
  it('has an English label for every audited action and known target type', () => {
    for (const action of AUDIT_ACTIONS) {
      const key = actionLabelKey(action);
      expect(key, action).not.toBeNull();
      expect(typeof lookup(key ?? ''), action).toBe('string');
    }
    for (const type of TARGET_TYPES)
      expect(typeof lookup(targetTypeLabelKey(type) ?? ''), type).toBe('string');
  });

  it('falls back to the raw code for what the catalog does not know', () => {
    expect(actionLabelKey('widget.created')).toBeNull();
    expect(targetTypeLabelKey('widget')).toBeNull();
  });

  it('links users, organizations and flags, and nothing it cannot open', () => {
    expect(targetHref('user', 'u-1')).toBe('/admin/users/u-1');
    expect(targetHref('organization', 'o 1')).toBe('/admin/organizations/o%201');
    expect(targetHref('feature_flag', 'new-nav')).toBe('/admin/flags/edit?key=new-nav');
    expect(targetHref('session', 's-1')).toBeNull();
    expect(targetHref('user', null)).toBeNull();
  });
});

import { canGrantRole, type OrgRole, OrgRoles } from '@repo/contracts';

/** Roles `actor` may hand out (never above its own, A8), highest first. */
export function grantableRoles(actor: OrgRole): OrgRole[] {
  return OrgRoles.filter((role) => canGrantRole(actor, role));
}

export { type LogoChange, setOrganizationLogo } from './logo';
export {
  countUsableOwners,
  isUsableAccount,
  lockOrganizations,
  revokeInvitationsSentBy,
  type TransferRefusal,
  transferOwnership,
  USABLE_ACCOUNT,
} from './ownership';
export { createPersonalOrganization, ensurePersonalOrganization, personalOrganizationSlug } from './personal';
export {
  type DepartureCounts,
  type DepartureReason,
  type DepartureResult,
  settleDepartingAccounts,
} from './succession';

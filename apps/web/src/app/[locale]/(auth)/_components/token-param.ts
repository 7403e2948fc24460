import { LinkToken } from '@repo/contracts';

/** The `?token=` of an emailed link, if it is shaped like one; anything else counts as missing. */
export function tokenParam(value: string | string[] | undefined): string | null {
  const parsed = LinkToken.safeParse(Array.isArray(value) ? value[0] : value);
  return parsed.success ? parsed.data : null;
}

import type { MetaResponse } from '@repo/contracts';

export interface MetaDeps {
  version: string;
  features: MetaResponse['features'];
}

/** Services are plain functions of their dependencies: trivial here, the pattern for real modules. */
export function getMeta({ version, features }: MetaDeps): MetaResponse {
  return { name: 'groundwork-api', version, apiVersion: 'v1', features };
}

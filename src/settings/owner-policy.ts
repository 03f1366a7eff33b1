import type { Inputs } from './inputs.ts';
import type { OwnerPolicy } from './settings.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * allowed-owners: object IDs of users, groups or service principals that may own the registration
 * besides the deployer identity, one per line or separated by commas (the owners' "id" in
 * learn.microsoft.com/graph/api/application-list-owners). allow-other-owners: accept any owner.
 */
export function readOwnerPolicy(inputs: Inputs): OwnerPolicy {
  const allowed: string[] = [];
  for (const token of inputs.input('allowed-owners').split(/[\s,]+/).filter((t) => t !== '')) {
    if (!GUID.test(token)) {
      inputs.fail('allowed-owners', `"${token}" is not an object ID (expected GUIDs such as 00000000-0000-0000-0000-000000000000, one per line or separated by commas)`);
    } else if (!allowed.includes(token.toLowerCase())) {
      allowed.push(token.toLowerCase());
    }
  }
  return { allowed, allowOthers: inputs.boolean('allow-other-owners', false) };
}

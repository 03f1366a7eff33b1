import { ActionError } from '../errors.ts';
import type { Directory } from '../graph/directory.ts';
import type { Application, ServicePrincipal } from '../graph/types.ts';
import type { Settings } from '../settings/settings.ts';

export interface FoundRegistration {
  readonly application: Application | undefined;
  readonly foundBy: 'unique-name' | 'display-name' | undefined;
  /** Its service principal, when the lookup already saw it (undefined: not seen, which is not "missing"). */
  readonly servicePrincipal: ServicePrincipal | undefined;
}

/**
 * Finds the portal's registration: by uniqueName (the key this action sets), else by display name,
 * where exactly one match that the deployer identity owns is adopted. Reads only.
 */
export async function findRegistration(directory: Directory, settings: Settings, warn: (m: string) => void): Promise<FoundRegistration> {
  const { uniqueName, displayName } = settings.registration;
  const { byUniqueName, byDisplayName: named, servicePrincipalsByDisplayName } = await directory.lookup(uniqueName, displayName);
  const principalOf = (app: Application) => servicePrincipalsByDisplayName.find((sp) => sp.appId === app.appId);
  if (byUniqueName) return { application: byUniqueName, foundBy: 'unique-name', servicePrincipal: principalOf(byUniqueName) };

  if (named.length === 0) return { application: undefined, foundBy: undefined, servicePrincipal: undefined };
  if (named.length > 1) {
    const list = named.map((a) => `  - object ID ${a.id}, client ID ${a.appId}${a.uniqueName ? `, uniqueName ${a.uniqueName}` : ''}`).join('\n');
    throw new ActionError(`${named.length} app registrations are named "${displayName}", so none is adopted:\n${list}`, {
      hint: 'Rename or delete the extra registrations, or set unique-name to the uniqueName of the one to use, or choose another app-name.',
    });
  }
  const candidate = named[0] as Application;
  const { owned, deployerObjectId } = await directory.ownership(candidate.id, settings.deployerClientId);
  if (!owned) {
    throw new ActionError(
      `The app registration "${displayName}" (client ID ${candidate.appId}, object ID ${candidate.id}) exists, but the deployer identity ${settings.deployerClientId} is not one of its owners, so it may not change it.`,
      {
        hint:
          `Make the deployer identity an owner (an administrator runs once): az ad app owner add --id ${candidate.appId} --owner-object-id ${deployerObjectId ?? '<object ID of the deployer service principal>'}` +
          ' — or choose another app-name to create a new registration.',
      },
    );
  }
  if (candidate.uniqueName !== null && candidate.uniqueName !== uniqueName) {
    warn(`The registration "${displayName}" already has uniqueName ${candidate.uniqueName}; set unique-name: ${candidate.uniqueName} so later runs find it directly.`);
  }
  return { application: candidate, foundBy: 'display-name', servicePrincipal: principalOf(candidate) };
}

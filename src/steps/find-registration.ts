import { ActionError } from '../errors.ts';
import type { Directory, Ownership } from '../graph/directory.ts';
import type { Application, ServicePrincipal } from '../graph/types.ts';
import { deriveLegacyUniqueName } from '../settings/read-settings.ts';
import type { Settings } from '../settings/settings.ts';

export interface FoundRegistration {
  readonly application: Application | undefined;
  readonly foundBy: 'unique-name' | 'display-name' | undefined;
  /** Its service principal, when the lookup already saw it (undefined: not seen, which is not "missing"). */
  readonly servicePrincipal: ServicePrincipal | undefined;
  /** Its owners, when the lookup already read them (found by display name); else read by src/steps/owners.ts. */
  readonly ownership?: Ownership;
}

/**
 * Finds the portal's registration: by uniqueName (the key this action sets, or the one the previous
 * release derived from the same app-name), else by display name, where exactly one match that the
 * deployer identity owns is adopted. Reads only. Whichever way it was found, its owners are judged next
 * (src/steps/owners.ts, from readRegistration).
 */
export async function findRegistration(directory: Directory, settings: Settings, warn: (m: string) => void): Promise<FoundRegistration> {
  const { uniqueName, legacyUniqueName, displayName } = settings.registration;
  const lookup = await directory.lookup(uniqueName, displayName, legacyUniqueName);
  const { byUniqueName, byLegacyUniqueName, byDisplayName: named, servicePrincipalsByDisplayName } = lookup;
  const principalOf = (app: Application) => servicePrincipalsByDisplayName.find((sp) => sp.appId === app.appId);
  // The previous release created this app-name's registration under the legacy key, so that one wins;
  // an application with the new key is then another portal's ("Portal" derived intrexx-portal before).
  if (byLegacyUniqueName) {
    if (byUniqueName && byUniqueName.id !== byLegacyUniqueName.id) {
      warn(
        `Two registrations match "${displayName}": uniqueName ${legacyUniqueName} (client ID ${byLegacyUniqueName.appId}), which the previous release derived from this app-name and which is used, and uniqueName ${uniqueName} (client ID ${byUniqueName.appId}). Set unique-name to the one to use.`,
      );
    }
    return { application: byLegacyUniqueName, foundBy: 'unique-name', servicePrincipal: principalOf(byLegacyUniqueName) };
  }
  if (byUniqueName) {
    refuseDerivedKeyCollision(settings, byUniqueName);
    return { application: byUniqueName, foundBy: 'unique-name', servicePrincipal: principalOf(byUniqueName) };
  }

  if (named.length === 0) return { application: undefined, foundBy: undefined, servicePrincipal: undefined };
  if (named.length > 1) {
    const list = named.map((a) => `  - object ID ${a.id}, client ID ${a.appId}${a.uniqueName ? `, uniqueName ${a.uniqueName}` : ''}`).join('\n');
    throw new ActionError(`${named.length} app registrations are named "${displayName}", so none is adopted:\n${list}`, {
      hint: 'Rename or delete the extra registrations, or set unique-name to the uniqueName of the one to use, or choose another app-name.',
    });
  }
  const candidate = named[0] as Application;
  const ownership = await directory.ownership(candidate.id, settings.deployerClientId);
  const { owned, deployerObjectId } = ownership;
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
  return { application: candidate, foundBy: 'display-name', servicePrincipal: principalOf(candidate), ownership };
}

/**
 * Since the derived key no longer doubles "intrexx-", two app-names can derive the same one ("Portal"
 * and "Intrexx Portal" both give intrexx-portal). A registration found by a derived key whose display
 * name would have derived another key before is another portal's: renaming it would take it over.
 * A change of case or punctuation derives the same key either way and stays a rename.
 */
function refuseDerivedKeyCollision(settings: Settings, found: Application): void {
  const { displayName, uniqueName, uniqueNameDerived } = settings.registration;
  if (!uniqueNameDerived || found.displayName === displayName) return;
  if (deriveLegacyUniqueName(found.displayName) === deriveLegacyUniqueName(displayName)) return;
  throw new ActionError(
    `The registration with uniqueName ${uniqueName} (client ID ${found.appId}) is named "${found.displayName}", another portal's name that derives the same key as app-name "${displayName}". Nothing was written.`,
    { hint: `Set unique-name for this portal (e.g. unique-name: ${uniqueName}-2), or, if "${found.displayName}" is this portal under its old name, set unique-name: ${uniqueName} to rename it.` },
  );
}

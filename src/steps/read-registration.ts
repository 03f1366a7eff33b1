import type { RunContext } from '../context.ts';
import type { ActualState } from '../plan/plan-run.ts';
import { findRegistration } from './find-registration.ts';
import { resolvePermissions } from './resolve-permissions.ts';

/** Reads what Entra holds now: everything the planner compares with. Reads only. */
export async function readRegistration(ctx: RunContext): Promise<ActualState> {
  const { runtime, settings, directory } = ctx;
  const { registration } = settings;
  const [found, catalog] = await Promise.all([
    findRegistration(directory, settings, (m) => runtime.warning(m)),
    registration.apiPermissions.length > 0 ? directory.graphPermissionCatalog() : undefined,
  ]);
  const permissions = catalog ? resolvePermissions(registration.apiPermissions, catalog) : [];
  const app = found.application;
  const servicePrincipal = app ? (found.servicePrincipal ?? (await directory.findServicePrincipal(app.appId))) : undefined;
  runtime.info(
    app
      ? `Found "${app.displayName}" (client ID ${app.appId}, object ID ${app.id}) by ${found.foundBy}${legacyNote(app.uniqueName, registration.legacyUniqueName)}; service principal ${servicePrincipal ? servicePrincipal.id : 'missing'}.`
      : `No app registration with uniqueName ${registration.uniqueName}${registration.legacyUniqueName ? ` (or ${registration.legacyUniqueName})` : ''} or display name "${registration.displayName}" exists.`,
  );
  return { ...found, catalog, permissions, servicePrincipal };
}

function legacyNote(found: string | null, legacy: string | undefined): string {
  return legacy !== undefined && found === legacy ? ` ${legacy}, the key the previous release derived from app-name (kept)` : '';
}

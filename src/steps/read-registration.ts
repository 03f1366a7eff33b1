import type { RunContext } from '../context.ts';
import type { ActualState } from '../plan/plan-run.ts';
import { findRegistration } from './find-registration.ts';
import { ActionError } from '../errors.ts';
import type { PermissionCatalog, ResolvedPermission } from '../graph/types.ts';
import type { ApiPermission } from '../settings/settings.ts';
import { reportOwners, tenantText } from './owners.ts';

/** What Entra holds now, and the registration's owners other than the deployer (one line each, for the job summary). */
export interface RegistrationState extends ActualState {
  readonly otherOwners: readonly string[];
}

/**
 * Reads what Entra holds now: everything the planner compares with. Reads only. A registration found
 * any way (uniqueName, the previous release's key, display name) has its owners judged before anything
 * is written (./owners.ts).
 */
export async function readRegistration(ctx: RunContext): Promise<RegistrationState> {
  const { runtime, settings, directory } = ctx;
  const { registration } = settings;
  const [found, catalog] = await Promise.all([
    findRegistration(directory, settings, (m) => runtime.warning(m)),
    registration.apiPermissions.length > 0 ? directory.graphPermissionCatalog() : undefined,
  ]);
  const permissions = catalog ? resolvePermissions(registration.apiPermissions, catalog) : [];
  const app = found.application;
  const [servicePrincipal, ownership] = await Promise.all([
    app ? (found.servicePrincipal ?? directory.findServicePrincipal(app.appId)) : undefined,
    app ? (found.ownership ?? directory.ownership(app.id, settings.deployerClientId)) : undefined,
  ]);
  runtime.info(
    app
      ? `Found ${tenantText(app.displayName)} (client ID ${app.appId}, object ID ${app.id}) by ${found.foundBy}${legacyNote(app.uniqueName, registration.legacyUniqueName)}; service principal ${servicePrincipal ? servicePrincipal.id : 'missing'}.`
      : `No app registration with uniqueName ${registration.uniqueName}${registration.legacyUniqueName ? ` (or ${registration.legacyUniqueName})` : ''} or display name "${registration.displayName}" exists.`,
  );
  const foundBy = found.foundBy === 'unique-name' ? `uniqueName ${app?.uniqueName ?? registration.uniqueName}` : 'display name';
  const otherOwners = app && ownership ? reportOwners(ctx, app, ownership, foundBy) : [];
  return { ...found, catalog, permissions, servicePrincipal, otherOwners };
}

function legacyNote(found: string | null, legacy: string | undefined): string {
  return legacy !== undefined && found === legacy ? ` ${legacy}, the key the previous release derived from app-name (kept)` : '';
}

export type { ResolvedPermission };

/**
 * Microsoft Graph permissions by name → their IDs, from what Graph's own service principal
 * publishes: delegated ones are oauth2PermissionScopes (type Scope), application ones appRoles (type Role).
 */
export function resolvePermissions(requested: readonly ApiPermission[], catalog: PermissionCatalog): ResolvedPermission[] {
  const unknown: string[] = [];
  const resolved: ResolvedPermission[] = [];
  for (const permission of requested) {
    const match =
      permission.kind === 'delegated'
        ? catalog.oauth2PermissionScopes.find((s) => s.isEnabled !== false && s.value.toLowerCase() === permission.name.toLowerCase())
        : catalog.appRoles.find((r) => r.isEnabled !== false && r.value?.toLowerCase() === permission.name.toLowerCase());
    const type = permission.kind === 'delegated' ? 'Scope' : 'Role';
    if (!match || !match.value) unknown.push(`${permission.kind}:${permission.name}`);
    else if (!resolved.some((p) => p.id === match.id && p.type === type)) resolved.push({ id: match.id, type, name: match.value });
  }
  if (unknown.length > 0) {
    throw new ActionError(`api-permissions: Microsoft Graph publishes no permission ${unknown.join(', ')}.`, {
      hint: 'Use the names from the Microsoft Graph permissions reference, e.g. User.Read, offline_access, Files.ReadWrite.All; prefix application permissions with "application:".',
    });
  }
  return resolved;
}

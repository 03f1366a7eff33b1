// A realistic subset of the Microsoft Graph service principal (appId 00000003-0000-0000-c000-000000000000)
// as a tenant holds it. The ids are the real, published ones: learn.microsoft.com/graph/permissions-reference
// (also GET /servicePrincipals(appId='00000003-0000-0000-c000-000000000000')?$select=appRoles,oauth2PermissionScopes).

export const MS_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';

/** Application permissions (app roles): [value, id, displayName]. */
const ROLES: [string, string, string][] = [
  ['Application.Read.All', '9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30', 'Read all applications'],
  ['Application.ReadWrite.All', '1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9', 'Read and write all applications'],
  ['Application.ReadWrite.OwnedBy', '18a4783c-866b-4cc7-a460-3d5e5662c884', 'Manage apps that this app creates or owns'],
  ['AppRoleAssignment.ReadWrite.All', '06b708a9-e830-4db3-a914-8e69da51d44f', 'Manage app permission grants and app role assignments'],
  ['DelegatedPermissionGrant.ReadWrite.All', '8e8e4742-1d95-4f68-9d56-6ee75648c72a', 'Manage all delegated permission grants'],
  ['Directory.Read.All', '7ab1d382-f21e-4acd-a863-ba3e13f7da61', 'Read directory data'],
  ['Directory.ReadWrite.All', '19dbc75e-c2e2-444c-a770-ec69d8559fc7', 'Read and write directory data'],
  ['User.Read.All', 'df021288-bdef-4463-88db-98f22de89214', "Read all users' full profiles"],
  ['Group.Read.All', '5b567255-7703-4780-807c-7be8301ae99b', 'Read all groups'],
  ['Files.ReadWrite.All', '75359482-378d-4052-8f01-80520e7db3cd', 'Read and write files in all site collections'],
  ['Sites.ReadWrite.All', '9492366f-7969-46a4-8d15-ed1a20078fff', 'Read and write items in all site collections'],
  ['Mail.Send', 'b633e1c5-b582-4048-a93e-9f11b44c7e96', 'Send mail as any user'],
  ['Calendars.ReadWrite', 'ef54d2bf-783f-4e0f-bca1-3210c0444d99', 'Read and write calendars in all mailboxes'],
];

/** Delegated permissions (oauth2PermissionScopes): [value, id, adminConsentDisplayName, type]. */
const SCOPES: [string, string, string, 'User' | 'Admin'][] = [
  ['User.Read', 'e1fe6dd8-ba31-4d61-89e7-88639da4683d', 'Sign in and read user profile', 'User'],
  ['offline_access', '7427e0e9-2fba-42fe-b0c0-848c9e6a8182', 'Maintain access to data you have given it access to', 'User'],
  ['openid', '37f7f235-527c-4136-accd-4a02d197296e', 'Sign users in', 'User'],
  ['profile', '14dad69e-099b-42c9-810b-d002981feec1', "View users' basic profile", 'User'],
  ['email', '64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0', "View users' email address", 'User'],
  ['Files.ReadWrite.All', '863451e7-0667-486c-a5d6-d135439485f0', 'Have full access to all files user can access', 'User'],
  ['Sites.ReadWrite.All', '89fe6a52-be36-487e-b7d8-d061c450a026', 'Edit or delete items in all site collections', 'User'],
  ['Mail.Send', 'e383f46e-2787-4529-855e-0e479a3ffac0', 'Send mail as a user', 'User'],
  ['Calendars.ReadWrite', '1ec239c2-d7c9-4623-a91a-a9775856bb36', 'Have full access to user calendars', 'User'],
  ['User.Read.All', 'a154be20-db9c-4678-8ab7-66f6cc099a59', "Read all users' full profiles", 'Admin'],
  ['Group.Read.All', '5f8c59db-677d-491f-a6b8-5f174b11ec1d', 'Read all groups', 'Admin'],
  ['Application.ReadWrite.All', 'bdfbf15f-ee85-4955-8675-146e8e5296b5', 'Read and write all applications', 'Admin'],
];

export function msGraphServicePrincipalData(id: string): Record<string, unknown> {
  return {
    id,
    deletedDateTime: null,
    accountEnabled: true,
    alternativeNames: [],
    appDisplayName: 'Microsoft Graph',
    appDescription: null,
    appId: MS_GRAPH_APP_ID,
    applicationTemplateId: null,
    appOwnerOrganizationId: 'f8cdef31-a31e-4b4a-93e4-5f571e91255a', // Microsoft's own tenant
    appRoleAssignmentRequired: false,
    createdDateTime: '2019-01-01T00:00:00Z',
    description: null,
    disabledByMicrosoftStatus: null,
    displayName: 'Microsoft Graph',
    homepage: null,
    loginUrl: null,
    logoutUrl: null,
    notes: null,
    notificationEmailAddresses: [],
    preferredSingleSignOnMode: null,
    preferredTokenSigningKeyThumbprint: null,
    replyUrls: [],
    servicePrincipalNames: ['https://graph.microsoft.com', 'https://graph.microsoft.com/', 'https://canary.graph.microsoft.com', MS_GRAPH_APP_ID],
    servicePrincipalType: 'Application',
    signInAudience: 'AzureADMultipleOrgs',
    tags: [],
    tokenEncryptionKeyId: null,
    info: { logoUrl: null, marketingUrl: null, privacyStatementUrl: null, supportUrl: null, termsOfServiceUrl: null },
    addIns: [],
    appRoles: ROLES.map(([value, rid, displayName]) => ({
      allowedMemberTypes: ['Application'],
      description: `Allows the app to ${displayName.toLowerCase()} without a signed-in user.`,
      displayName,
      id: rid,
      isEnabled: true,
      origin: 'Application',
      value,
    })),
    oauth2PermissionScopes: SCOPES.map(([value, sid, displayName, type]) => ({
      adminConsentDescription: `Allows the app to ${displayName.toLowerCase()}.`,
      adminConsentDisplayName: displayName,
      id: sid,
      isEnabled: true,
      type,
      userConsentDescription: `Allows the app to ${displayName.toLowerCase()}.`,
      userConsentDisplayName: displayName,
      value,
    })),
    keyCredentials: [],
    passwordCredentials: [],
    resourceSpecificApplicationPermissions: [],
    verifiedPublisher: { displayName: null, verifiedPublisherId: null, addedDateTime: null },
  };
}

export const roleIdByValue = (value: string): string | undefined => ROLES.find(([v]) => v === value)?.[1];

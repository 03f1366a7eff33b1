/**
 * The Microsoft clouds the action can sign in to. Hosts from learn.microsoft.com "National cloud
 * deployments" (Graph) and "Microsoft Entra authentication endpoints" (login hosts); admin-center
 * hosts from the same pages (learn.microsoft.com/graph/deployments,
 * learn.microsoft.com/entra/identity-platform/authentication-national-cloud).
 */
export const CLOUD_NAMES = ['AzureCloud', 'AzureUSGovernment', 'AzureChinaCloud'] as const;
export type CloudName = (typeof CLOUD_NAMES)[number];

export interface Cloud {
  /** The cloud selected with the cloud input; its hosts may be replaced with allow-custom-endpoints. */
  readonly name: CloudName;
  /** https origin of the Entra authority, no trailing slash. */
  readonly authorityHost: string;
  /** https origin of Microsoft Graph, no trailing slash, no version: where Graph requests go. */
  readonly graphEndpoint: string;
  /**
   * The token scope for Graph: the cloud's production Graph origin plus /.default
   * (learn.microsoft.com/graph/deployments#app-registration-and-token-service-root-endpoints). It names
   * the resource the token is for, so it stays the cloud's even when graphEndpoint is a custom host.
   */
  readonly graphScope: string;
  /** Origin of the Entra admin center, for links in the job summary. */
  readonly adminCenter: string;
}

export const CLOUDS: Readonly<Record<CloudName, Cloud>> = {
  AzureCloud: {
    name: 'AzureCloud',
    authorityHost: 'https://login.microsoftonline.com',
    graphEndpoint: 'https://graph.microsoft.com',
    graphScope: 'https://graph.microsoft.com/.default',
    adminCenter: 'https://entra.microsoft.com',
  },
  AzureUSGovernment: {
    name: 'AzureUSGovernment',
    authorityHost: 'https://login.microsoftonline.us',
    graphEndpoint: 'https://graph.microsoft.us',
    graphScope: 'https://graph.microsoft.us/.default',
    adminCenter: 'https://entra.microsoft.us',
  },
  AzureChinaCloud: {
    name: 'AzureChinaCloud',
    authorityHost: 'https://login.chinacloudapi.cn',
    graphEndpoint: 'https://microsoftgraph.chinacloudapi.cn',
    graphScope: 'https://microsoftgraph.chinacloudapi.cn/.default',
    adminCenter: 'https://entra.microsoftonline.cn',
  },
};

/** Hosts whose authority metadata MSAL knows; anywhere else instance discovery must be off. */
const MICROSOFT_AUTHORITY_HOSTS = new Set(Object.values(CLOUDS).map((c) => new URL(c.authorityHost).host));

export function isMicrosoftAuthority(authorityHost: string): boolean {
  return MICROSOFT_AUTHORITY_HOSTS.has(new URL(authorityHost).host);
}

/** The token scope for Graph in a cloud: its production Graph origin plus /.default, whatever host Graph requests go to. */
export function graphScope(cloud: Cloud): string {
  return cloud.graphScope;
}

/** Link to an app registration's overview blade in the cloud's Entra admin center. */
export function registrationLink(cloud: Cloud, clientId: string): string {
  return `${cloud.adminCenter}/#view/Microsoft_AAD_RegisteredApps/ApplicationMenuBlade/~/Overview/appId/${clientId}`;
}

import { describeChange, type Change } from '../plan/changes.ts';
import { registrationLink, type Cloud } from '../settings/clouds.ts';
import { markdownCode, markdownLines, markdownText } from './markdown.ts';

export interface RunReport {
  readonly displayName: string;
  readonly clientId: string | undefined;
  readonly objectId: string | undefined;
  readonly tenantId: string;
  readonly cloud: Cloud;
  readonly redirectUris: readonly string[];
  readonly changes: readonly Change[];
  readonly dryRun: boolean;
  readonly secret: { readonly keyId: string; readonly expiresAt: string | null } | undefined;
  readonly secretNote: string | undefined;
  readonly holdings?: readonly string[];
  /** The registration's owners other than the deployer identity, one line each (src/steps/owners.ts). */
  readonly otherOwners?: readonly string[];
  /** By when the portal must run on the new secret, in one line. */
  readonly deadline?: string | undefined;
  readonly failure?: string;
}

/** The job summary: what the registration is and what changed. Never a secret's value. */
export function summaryMarkdown(report: RunReport): string {
  const rows: [string, string][] = [
    ['Application', markdownText(report.displayName)],
    ['Client ID', report.clientId ? markdownCode(report.clientId) : '(not created yet)'],
    ['Tenant ID', markdownCode(report.tenantId)],
    ['Object ID', report.objectId ? markdownCode(report.objectId) : '(not created yet)'],
    ['Redirect URIs', report.redirectUris.map(markdownCode).join('<br>') || '(none)'],
  ];
  // The link carries Graph's appId: only a GUID, which cannot end the link or add to it.
  if (report.clientId && GUID.test(report.clientId)) rows.push(['Entra admin center', `[open the registration](${registrationLink(report.cloud, report.clientId)})`]);
  if (report.secret) rows.push(['New client secret', `key ID ${markdownCode(report.secret.keyId)}, expires ${markdownText(report.secret.expiresAt ?? '(unknown)')}`]);
  else if (report.secretNote) rows.push(['Client secret', markdownText(report.secretNote)]);
  if (report.deadline) rows.push(['Reconfigure by', markdownText(report.deadline)]);

  const title = report.dryRun
    ? 'Intrexx Entra registration: plan (dry run, nothing written)'
    : report.failure
      ? 'Intrexx Entra registration: failed'
      : 'Intrexx Entra registration';
  const failure = report.failure ? ['', '> [!CAUTION]', ...markdownLines(report.failure).map((l) => `> ${l}`)] : [];
  const holdings = report.holdings && report.holdings.length > 0 ? ['', '### What each destination holds', '', ...report.holdings.map((h) => `- ${markdownText(h)}`)] : [];
  const owners = report.otherOwners && report.otherOwners.length > 0 ? ['', '### Other owners of the registration', '', ...report.otherOwners.map((o) => `- ${markdownText(o)}`)] : [];
  const changes =
    report.changes.length === 0
      ? '_No changes: the registration already matched._'
      : report.changes.map((c) => `- ${markdownText(describeChange(c))}`).join('\n');
  return [
    `## ${title}`,
    ...failure,
    '',
    '| | |',
    '|---|---|',
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
    '',
    `### ${report.dryRun ? 'Planned changes' : report.failure ? 'Changes made before the failure' : 'Changes'}`,
    '',
    changes,
    ...holdings,
    ...owners,
    '',
  ].join('\n');
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

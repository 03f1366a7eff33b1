import { describeChange, type Change } from '../plan/changes.ts';
import { registrationLink, type Cloud } from '../settings/clouds.ts';

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
  readonly failure?: string;
}

/** The job summary: what the registration is and what changed. Never a secret's value. */
export function summaryMarkdown(report: RunReport): string {
  const rows: [string, string][] = [
    ['Application', escape(report.displayName)],
    ['Client ID', report.clientId ? `\`${report.clientId}\`` : '(not created yet)'],
    ['Tenant ID', `\`${report.tenantId}\``],
    ['Object ID', report.objectId ? `\`${report.objectId}\`` : '(not created yet)'],
    // Inside backticks an entity would show literally; GitHub splits table cells on a bare |.
    ['Redirect URIs', report.redirectUris.map((u) => `\`${u.replace(/\|/g, '\\|')}\``).join('<br>') || '(none)'],
  ];
  if (report.clientId) rows.push(['Entra admin center', `[open the registration](${registrationLink(report.cloud, report.clientId)})`]);
  if (report.secret) rows.push(['New client secret', `key ID \`${report.secret.keyId}\`, expires ${report.secret.expiresAt ?? '(unknown)'}`]);
  else if (report.secretNote) rows.push(['Client secret', escape(report.secretNote)]);

  const title = report.dryRun
    ? 'Intrexx Entra registration: plan (dry run, nothing written)'
    : report.failure
      ? 'Intrexx Entra registration: failed'
      : 'Intrexx Entra registration';
  const failure = report.failure ? ['', '> [!CAUTION]', ...report.failure.split('\n').map((l) => `> ${escape(l)}`)] : [];
  const holdings = report.holdings && report.holdings.length > 0 ? ['', '### What each destination holds', '', ...report.holdings.map((h) => `- ${escape(h)}`)] : [];
  const changes =
    report.changes.length === 0
      ? '_No changes: the registration already matched._'
      : report.changes.map((c) => `- ${escape(describeChange(c))}`).join('\n');
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
    '',
  ].join('\n');
}

function escape(text: string): string {
  return text.replace(/[|<>]/g, (c) => `&#${c.charCodeAt(0)};`);
}

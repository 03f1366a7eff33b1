import type { Application, NewPasswordCredential } from '../graph/types.ts';
import type { Change } from '../plan/changes.ts';
import type { Deadline } from '../plan/deadlines.ts';
import type { Runtime } from '../runtime.ts';
import type { Settings } from '../settings/settings.ts';
import { summaryMarkdown } from './summary.ts';

export interface RunResult {
  readonly application: Application | undefined;
  readonly created: boolean;
  readonly changes: readonly Change[];
  readonly secret: NewPasswordCredential | undefined;
  /** Why no secret was made, when none was. */
  readonly secretNote: string | undefined;
  /** One line per destination: what it holds now. */
  readonly holdings: readonly string[];
  /** The registration's owners other than the deployer identity, one line each. */
  readonly otherOwners?: readonly string[];
  /** This run made a new client secret and it stays (delivered, or possibly delivered). */
  readonly rotated?: boolean;
  /** By when the portal must run on the new secret. */
  readonly reconfigureBy?: Deadline | undefined;
  /** The error, when the run failed: the summary says so, with what had changed. */
  readonly failure?: string;
}

/**
 * Sets the step outputs and writes the job summary. The secret's value is not among them: the secret's
 * delivery to the step outputs sets client-secret itself (secret/life.ts), once the ledger records it.
 */
export async function publish(runtime: Runtime, settings: Settings, result: RunResult): Promise<void> {
  const app = result.application;
  const redirectUris = app?.web?.redirectUris ?? [];
  runtime.setOutput('client-id', app?.appId ?? '');
  runtime.setOutput('tenant-id', settings.tenantId);
  runtime.setOutput('object-id', app?.id ?? '');
  runtime.setOutput('redirect-uris', JSON.stringify(redirectUris));
  runtime.setOutput('secret-key-id', result.secret?.keyId ?? '');
  runtime.setOutput('secret-expires-at', result.secret?.endDateTime ?? '');
  runtime.setOutput('created', String(result.created));
  runtime.setOutput('rotated', String(result.rotated ?? false));
  runtime.setOutput('reconfigure-by', result.reconfigureBy?.by.toISOString() ?? '');
  runtime.setOutput('changes', JSON.stringify(result.changes));
  await runtime.writeSummary(
    summaryMarkdown({
      displayName: app?.displayName ?? settings.registration.displayName,
      clientId: app?.appId,
      objectId: app?.id,
      tenantId: settings.tenantId,
      cloud: settings.cloud,
      redirectUris,
      changes: result.changes,
      dryRun: settings.dryRun,
      secret: result.secret ? { keyId: result.secret.keyId, expiresAt: result.secret.endDateTime } : undefined,
      secretNote: result.secretNote,
      holdings: result.holdings,
      otherOwners: result.otherOwners,
      deadline: result.reconfigureBy ? deadlineLine(result.reconfigureBy, settings.destination.description) : undefined,
      failure: result.failure,
    }),
  );
}

/** The deadline in one line, the same in the log and the job summary. */
export function deadlineLine(deadline: Deadline, destination: string): string {
  const replaced = deadline.replaced.map((c) => c.keyId).join(', ');
  return `Reconfigure the portal of ${destination} by ${deadline.by.toISOString()}: client secret ${replaced}, which the new one replaced there, may stop working after that.`;
}

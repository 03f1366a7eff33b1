import type { Application, PasswordCredential } from '../graph/types.ts';
import { ledgerTags, parseLedger, type Ledger } from '../plan/ledger.ts';
import type { SecretContext } from './context.ts';

export interface SecretsNow {
  readonly credentials: readonly PasswordCredential[];
  readonly ledger: Ledger;
}

/** The application's secrets and ledger as Graph holds them now (another run may have changed both). */
export async function readSecretsNow(ctx: SecretContext): Promise<SecretsNow> {
  const app: Application = await ctx.directory.getApplication(ctx.application.id, { justCreated: ctx.created });
  return { credentials: app.passwordCredentials, ledger: parseLedger(app.tags) };
}

/**
 * Writes the ledger: PATCH replaces the whole tags collection, so the caller builds it from a read
 * made just before (learn.microsoft.com/graph/api/application-update). Repeating it is harmless.
 */
export async function writeLedger(ctx: SecretContext, ledger: Ledger): Promise<void> {
  await ctx.directory.updateApplication(ctx.application.id, { tags: ledgerTags(ledger) }, { justCreated: ctx.created });
}

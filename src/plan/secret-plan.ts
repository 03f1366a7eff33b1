import type { PasswordCredential } from '../graph/types.ts';
import type { Settings } from '../settings/settings.ts';
import { DAY_MS, observeHolding, type DestinationView, type Holding } from './holding.ts';
import type { Ledger } from './ledger.ts';
import { judgeSecrets, removals, type Verdict } from './retirement.ts';

/** Entra allows at most two client secrets where personal Microsoft accounts may sign in (learn.microsoft.com/entra/identity-platform/supported-accounts-validation). */
export const PERSONAL_SECRET_LIMIT = 2;
const PERSONAL = new Set(['AzureADandPersonalMicrosoftAccount', 'PersonalMicrosoftAccount']);

export interface SecretPlan {
  readonly destination: DestinationView;
  readonly holding: Holding;
  readonly rotate: boolean;
  readonly reason: string;
  /** Removed before the new secret is added, to stay within the two-secret limit. */
  readonly room: readonly Verdict[];
  /** Removed now when no new secret is made (leftovers and secrets past their grace period). */
  readonly retire: readonly Verdict[];
  /** Why the new secret cannot be added without removing one that must stay; no write may happen. */
  readonly blocked: string | undefined;
}

export interface SecretState {
  readonly credentials: readonly PasswordCredential[];
  readonly ledger: Ledger;
  readonly signInAudience: string | null;
}

/** Whether the destination needs a new secret: missing, unknown, expired or within rotate-before-days. Pure. */
export function decideRotation(holding: Holding, secret: Settings['secret'], now: Date): { rotate: boolean; reason: string } {
  if (secret.phase === 'retire' || secret.phase === 'confirm') return { rotate: false, reason: `secret-phase is ${secret.phase}` };
  if (secret.rotate === 'always') return { rotate: true, reason: 'rotate is always' };
  if (holding.status !== 'known') return { rotate: true, reason: holding.reason };
  const held = holding.secret;
  if (!held.endDateTime) return { rotate: true, reason: `client secret ${held.keyId} has no expiry date` };
  const daysLeft = (Date.parse(held.endDateTime) - now.getTime()) / DAY_MS;
  if (daysLeft <= 0) return { rotate: true, reason: `the client secret it holds (${held.keyId}) expired on ${held.endDateTime}` };
  if (daysLeft <= secret.rotateBeforeDays) return { rotate: true, reason: `the client secret it holds (${held.keyId}) expires on ${held.endDateTime}, within ${secret.rotateBeforeDays} days` };
  return { rotate: false, reason: `it holds client secret ${held.keyId}, valid until ${held.endDateTime}, more than rotate-before-days (${secret.rotateBeforeDays}) away` };
}

/** The secret's part of the run: rotate or not, and what goes. Pure. */
export function planSecret(settings: Settings, state: SecretState, destination: DestinationView, now: Date): SecretPlan {
  const holding = observeHolding(destination, state.ledger, state.credentials);
  const { rotate, reason } = decideRotation(holding, settings.secret, now);
  const input = { ledger: state.ledger, credentials: state.credentials, destination, holding, policy: settings.secret, now, run: settings.run };
  const retire = removals(judgeSecrets(input));
  if (!rotate) return { destination, holding, rotate, reason, room: [], retire, blocked: undefined };

  const personal = PERSONAL.has(settings.registration.signInAudience) || PERSONAL.has(state.signInAudience ?? '');
  const excess = state.credentials.length - (PERSONAL_SECRET_LIMIT - 1);
  if (!personal || excess <= 0) return { destination, holding, rotate, reason, room: [], retire, blocked: undefined };
  const verdicts = judgeSecrets(input, { ignoreKeep: true });
  const room = removals(verdicts).slice(0, excess);
  if (room.length === excess) {
    return { destination, holding, rotate, reason, room, retire: retire.filter((v) => !room.some((r) => r.credential === v.credential)), blocked: undefined };
  }
  const why = new Map(verdicts.map((v) => [v.credential, v]));
  const stays = state.credentials
    .filter((c) => why.get(c)?.kind === 'kept' || !why.has(c))
    .map((c) => `  - ${c.keyId} ("${c.displayName ?? ''}"): ${why.get(c)?.why ?? 'made by hand; this action never removes it'}`);
  const blocked =
    `the registration allows personal Microsoft accounts, where Entra ID allows at most ${PERSONAL_SECRET_LIMIT} client secrets; ` +
    `it has ${state.credentials.length}, and these must stay:\n${stays.join('\n')}`;
  return { destination, holding, rotate, reason, room: [], retire: [], blocked };
}

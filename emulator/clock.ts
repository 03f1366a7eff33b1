import type { GithubStore } from './github/store.ts';
import type { Directory } from './state.ts';

// Time travel for tests (Emulator.advanceTime): instead of moving a clock forward, every stored
// timestamp moves into the past, so code that compares them with Date.now() — Entra's secret
// expiry check, the secret-propagation and replication windows, a client reading GitHub's
// updated_at — sees that much time as having passed.

/**
 * Moves an ISO 8601 UTC instant `ms` into the past and writes it back in the format it had:
 * with a fraction → millisecond precision (Date#toISOString); without → whole seconds, rounded
 * down, as Graph's passwordCredential dates ('2024-05-01T10:00:00Z') and GitHub's created_at /
 * updated_at ('2019-08-10T14:59:22Z', docs.github.com/rest/actions/secrets) are written. Two
 * whole-second instants therefore always move by the same amount. Unparsable values stay as they are.
 */
export function shiftIso(iso: string, ms: number): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const shifted = new Date(t - ms).toISOString();
  return /\.\d+Z$/.test(iso) ? shifted : shifted.replace(/\.\d+Z$/, 'Z');
}

function shiftField(obj: Record<string, unknown>, key: string, ms: number): void {
  const v = obj[key];
  if (typeof v === 'string') obj[key] = shiftIso(v, ms);
}

/**
 * Every application (soft-deleted ones too): passwordCredentials' startDateTime and endDateTime,
 * the instant a new secret starts to sign in (secretPropagationMs), createdDateTime,
 * deletedDateTime and the replication point; service principals' createdDateTime and replication
 * point; app role assignments' createdDateTime. Access tokens already issued keep their expiry.
 */
export function shiftDirectory(dir: Directory, ms: number): void {
  for (const app of dir.apps.values()) {
    for (const p of app.passwords) {
      p.startDateTime = shiftIso(p.startDateTime, ms);
      p.endDateTime = shiftIso(p.endDateTime, ms);
      p.usableAtMs -= ms;
    }
    shiftField(app.data, 'createdDateTime', ms);
    shiftField(app.data, 'deletedDateTime', ms);
    app.replicatedAtMs -= ms;
    if (app.deletedAtMs !== undefined) app.deletedAtMs -= ms;
  }
  for (const sp of dir.sps.values()) {
    shiftField(sp.data, 'createdDateTime', ms);
    sp.replicatedAtMs -= ms;
  }
  for (const a of dir.assignments) a.createdDateTime = shiftIso(a.createdDateTime, ms);
}

/** created_at and updated_at of every repository, environment and organization secret. */
export function shiftGithub(store: GithubStore, ms: number): void {
  for (const scope of store.allScopes()) {
    for (const s of scope.secrets.values()) {
      s.created_at = shiftIso(s.created_at, ms);
      s.updated_at = shiftIso(s.updated_at, ms);
    }
  }
}

/** Emulator.advanceTime: throws for a negative or non-finite ms, else shifts the directory and the GitHub store. */
export function advanceTime(dir: Directory, store: GithubStore, ms: number): void {
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`advanceTime needs a finite, non-negative number of milliseconds, got ${ms}`);
  shiftDirectory(dir, ms);
  shiftGithub(store, ms);
}

import { createApplications, type Applications } from './applications.ts';
import type { GraphContext } from './calls.ts';
import { createConsent, type Consent } from './consent.ts';
import { createPasswords, type Passwords } from './passwords.ts';
import { createServicePrincipals, type ServicePrincipals } from './service-principals.ts';
export { type Lookup, type Owner, type Ownership, odataString } from './applications.ts';
export type { CallOptions } from './calls.ts';
export type { ApplicationWrite } from './types.ts';

/**
 * Microsoft Graph as the action uses it, one part per kind of object: applications (./applications.ts),
 * their client secrets (./passwords.ts), service principals (./service-principals.ts) and admin
 * consent (./consent.ts).
 */
export interface Directory extends Applications, Passwords, ServicePrincipals, Consent {}

/** The Graph connection, and the run's warnings, masking, clock and retry limits. */
export type DirectoryOptions = GraphContext;

export function createDirectory(options: DirectoryOptions): Directory {
  return {
    ...createApplications(options),
    ...createPasswords(options),
    ...createServicePrincipals(options),
    ...createConsent(options),
  };
}

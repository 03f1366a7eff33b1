import { createHash } from 'node:crypto';
import type { Delivery, Destination } from './settings.ts';

/**
 * The destination a run delivers to, named the same way by every run: GitHub's owner and repository
 * names are case-insensitive, secret names are stored upper-case
 * (docs.github.com/actions/security-guides/using-secrets-in-github-actions#naming-your-secrets).
 */
export function destinationOf(delivery: Delivery, workflowRepository: string): Destination {
  if (delivery.target === 'none') {
    const repository = workflowRepository.toLowerCase() || 'local';
    return make('output', `output:${repository}`, `the step outputs (workflows of ${repository})`);
  }
  const prefix = delivery.names.clientId.slice(0, -'CLIENT_ID'.length);
  const repository = `${delivery.repository.owner}/${delivery.repository.repo}`.toLowerCase();
  const owner = delivery.repository.owner.toLowerCase();
  if (delivery.target === 'environment') {
    return make('github', `environment:${repository}:${delivery.environment ?? ''}:${prefix}`, `environment ${delivery.environment} of ${repository} (${prefix}*)`);
  }
  if (delivery.target === 'organization') return make('github', `organization:${owner}:${prefix}`, `organization ${owner} (${prefix}*)`);
  return make('github', `repository:${repository}:${prefix}`, `repository ${repository} (${prefix}*)`);
}

function make(kind: Destination['kind'], identity: string, description: string): Destination {
  return { kind, identity, description, id: createHash('sha256').update(identity).digest('hex').slice(0, 12) };
}

/**
 * The parts of @actions/core the action uses, imported from the modules that implement them. The
 * package's entry, lib/core.js, also imports its OIDC client (lib/oidc-utils.js) and with it
 * @actions/http-client and undici, 1.3 MB that every run would load and never call: the action asks
 * for its OIDC token itself (entra/id-token.ts). The package exports only its entry
 * (github.com/actions/toolkit, packages/core/package.json), so the modules are named by path; each
 * is the one lib/core.js itself calls for the same job.
 */
export { issue, issueCommand } from '../node_modules/@actions/core/lib/command.js';
export { issueFileCommand, prepareKeyValueMessage } from '../node_modules/@actions/core/lib/file-command.js';
export { summary } from '../node_modules/@actions/core/lib/summary.js';

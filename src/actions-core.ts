/**
 * The parts of @actions/core the action uses, imported from the modules that implement them. The
 * package's entry, lib/core.js, also imports its OIDC client (lib/oidc-utils.js) and with it
 * @actions/http-client and undici, 1.3 MB that every run would load and never call: the action asks
 * for its OIDC token itself (entra/id-token.ts). The package exports only its entry
 * (github.com/actions/toolkit, packages/core/package.json), so the modules are named by path; each
 * is the one lib/core.js itself calls for the same job.
 *
 * This file has the workflow commands, all the entry point needs; actions-core-files.ts has the
 * output and summary files, which load fs/promises and are needed only once a run has results.
 */
export { issue, issueCommand } from '../node_modules/@actions/core/lib/command.js';

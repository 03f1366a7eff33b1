/**
 * @actions/core's output and job-summary files (lib/file-command.js, lib/summary.js), imported by path
 * for the reason actions-core.ts gives; apart from it because they load fs/promises, which the entry
 * point does not need before its first request.
 */
export { issueFileCommand, prepareKeyValueMessage } from '../node_modules/@actions/core/lib/file-command.js';
export { summary } from '../node_modules/@actions/core/lib/summary.js';

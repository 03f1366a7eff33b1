/** The documents whose commands set up what the examples need, relative to the repository root. */
export declare const SETUP_DOCS: readonly string[];
/** Variables that must be environment ones (created with `gh variable set X --env …`). */
export declare const ENVIRONMENT_VARIABLES: readonly string[];
/**
 * Variables and secrets the examples use but the setup documents never create (or create outside an
 * environment where they must be environment ones); one problem per name and file.
 */
export declare function settingsNotCreated(
  examples: readonly { rel: string; text: string }[],
  setupDocs: readonly { rel: string; text: string }[],
  prefix?: string,
): string[];
/** `uses:` references to actions outside this repository that are not pinned by full commit SHA with a `# vX.Y.Z` comment. */
export declare function unpinnedActions(files: readonly { rel: string; text: string }[]): string[];

/** The README section that sets up what the examples need. */
export declare const SETUP_SECTION: string;
/** Variables and secrets the examples use but the README's setup section never creates; one problem per name and file. */
export declare function settingsNotCreated(examples: readonly { rel: string; text: string }[], readme: string): string[];

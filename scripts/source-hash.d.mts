export declare const HASH_FILE: string;
export declare function sourceHash(): Promise<string>;
/** Undefined when dist/ was built from the sources as they are; otherwise why not. */
export declare function staleDist(): Promise<string | undefined>;

export declare function files(dir: string): Promise<string[]>;
export declare function fingerprint(inputs: readonly string[]): Promise<string>;
export declare function staleness(hashFile: string, expected: string, what: { bundle: string; sources: string }): Promise<string | undefined>;

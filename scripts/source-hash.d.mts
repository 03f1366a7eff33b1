export declare const HASH_FILE: string;
export declare function sourceHash(): Promise<string>;
/** Undefined when dist/ was built from the sources as they are; otherwise why not. */
export declare function staleDist(): Promise<string | undefined>;

export declare const HASH_FILE: string;
export declare function sourceHash(): Promise<string>;
/** Undefined when intrexx/dist/ was built from the sources as they are; otherwise why not. */
export declare function staleBundle(): Promise<string | undefined>;

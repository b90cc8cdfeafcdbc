export declare const BUILD_DIR: 'dist';
export declare const CLI_ENTRIES: readonly string[];
export declare const WORKER_ENTRIES: { readonly writer: string; readonly import: string };
export declare function inputsHash(projectDir: string): string;
export declare function nextDistDir(): string;
export declare function stampContent(projectDir: string, inputs: string): string;
export declare function stampPath(projectDir: string): string;
export declare function buildState(projectDir: string): { current: true } | { current: false; reason: string };

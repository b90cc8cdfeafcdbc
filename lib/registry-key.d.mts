export declare const REGISTRY_KEY: unique symbol;
export declare const SLOTS: Readonly<{ directDispatch: 'directDispatch'; logger: 'logger' }>;
export declare function readSlot(name: string): unknown;
export declare function writeSlot(name: string, value: unknown): void;
export declare function processRegistry(): { singletons: Map<string, unknown>; closers: Map<string, unknown> };

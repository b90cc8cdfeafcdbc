export declare const REGISTRY_KEY: unique symbol;
export declare const SLOTS: Readonly<{ directDispatch: 'directDispatch' }>;
export declare function readSlot(name: string): unknown;

export declare function proxyHops(value: string | undefined): number | null;

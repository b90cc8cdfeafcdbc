import type { IncomingMessage } from 'node:http';

export declare function proxyHops(value: string | undefined): number | null;
export declare function applyProxyTrust(req: Pick<IncomingMessage, 'rawHeaders' | 'headers' | 'socket'>, hops: number): void;

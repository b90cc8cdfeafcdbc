import type { IncomingMessage, ServerResponse } from 'node:http';

export declare const ACCESS_LEVEL: 'info' | 'debug';
export declare function pathOnly(url?: string): string;
export declare function logAccess(req: IncomingMessage, res: ServerResponse, reqId: string, started?: number): void;

/** The fields of a Node request that applyProxyTrust reads and rewrites (structural: lib/ imports no node: modules). */
export interface SocketRequest {
  rawHeaders: string[];
  headers: Record<string, string | string[] | undefined>;
  socket: { remoteAddress?: string; encrypted?: boolean };
}

export { proxyHops } from '../../lib/proxy-hops.mjs';
export declare function applyProxyTrust(req: SocketRequest, hops: number): void;

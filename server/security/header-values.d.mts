export declare const BASE_SECURITY_HEADERS: Readonly<Record<string, string>>;
export declare const HSTS: string;
export declare const API_CONTENT_SECURITY_POLICY: string;
export interface HeaderRule {
  source: string;
  has?: { type: 'header'; key: string; value: string }[];
  headers: { key: string; value: string }[];
}
export declare function apiHeaderRules(): HeaderRule[];

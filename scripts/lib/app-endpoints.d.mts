export interface AppEndpoint {
  kind: 'page' | 'api';
  method: string;
  path: string;
  pattern: string;
}
export declare function filesBelow(dir: string): string[];
export declare function appEndpoints(appDir: string, sample: (segment: string) => string): AppEndpoint[];

import type { Logger, LoggerOptions } from 'pino';
import type { LogLevel } from '../lib/log-levels.mjs';

export declare const REDACT_PATHS: string[];
export declare function logLevel(value?: string): LogLevel;
export declare function loggerOptions(level?: string): LoggerOptions;
export declare const log: Logger;
export declare function logToStderr(): void;
export declare function routeConsoleToLog(): void;

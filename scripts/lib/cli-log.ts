/**
 * Imported first by command-line scripts whose stdout is their result (a JSON report, a token):
 * log lines of the code they run go to stderr instead (server/log.mjs), worker threads included.
 */
import { logToStderr } from '@/server/log.mjs';

logToStderr();

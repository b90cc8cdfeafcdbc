/** Server-Sent Events wire format. JSON.stringify escapes newlines, so one data line is enough. */
export function sseFrame(id: number, event: string, data: unknown): string {
  return `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export const SSE_RETRY_MS = 2000;
export const SSE_HEARTBEAT_MS = 15_000;
export const sseComment = (text: string) => `: ${text.replace(/[\r\n]/g, ' ')}\n\n`;

/** A Last-Event-ID value we issued (a non-negative outbox seq), or null. */
export function parseEventId(value: string | null | undefined): number | null {
  if (!value || !/^\d{1,15}$/.test(value.trim())) return null;
  return Number(value.trim());
}

/**
 * Reads a byte stream to the end, counting bytes as they arrive, and gives up as soon as the
 * total passes `maxBytes`: the reader is cancelled (a failed cancel is ignored) and the error
 * from `tooLarge` is thrown. A lying or missing Content-Length therefore cannot exhaust memory.
 */
export async function readCapped(body: ReadableStream<Uint8Array>, maxBytes: number, tooLarge: () => Error): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

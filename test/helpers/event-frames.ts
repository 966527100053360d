/** Split an `application/vnd.amazon.eventstream` body into its frames: headers and JSON payload. */
import { EventStreamCodec } from '@smithy/core/event-streams';
import { fromUtf8, toUtf8 } from '@smithy/core/serde';

const codec = new EventStreamCodec(toUtf8, fromUtf8);

export function decodeFrames(bytes: Buffer): { headers: Record<string, unknown>; payload: Record<string, unknown> }[] {
  const out = [];
  let offset = 0;
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const message = codec.decode(new Uint8Array(bytes.subarray(offset, offset + length)));
    out.push({
      headers: Object.fromEntries(Object.entries(message.headers).map(([k, v]) => [k, v.value])),
      payload: JSON.parse(toUtf8(message.body)),
    });
    offset += length;
  }
  return out;
}

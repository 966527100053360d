/**
 * One frame of an `application/vnd.amazon.eventstream` response, as ConverseStream sends
 * them: headers `:event-type`, `:content-type` and `:message-type`, a JSON payload, encoded
 * with the SDK's own `EventStreamCodec` (prelude, headers, payload and CRCs).
 * https://docs.aws.amazon.com/transcribe/latest/dg/streaming-setting-up.html#streaming-event-stream
 */
import { EventStreamCodec } from '@smithy/core/event-streams';
import { fromUtf8, toUtf8 } from '@smithy/core/serde';

const codec = new EventStreamCodec(toUtf8, fromUtf8);

export function eventFrame(type: string, payload: unknown): Uint8Array {
  return codec.encode({
    headers: {
      ':event-type': { type: 'string', value: type },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'event' },
    },
    body: fromUtf8(JSON.stringify(payload)),
  });
}

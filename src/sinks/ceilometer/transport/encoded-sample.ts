import type { PreEncodedSample } from './notification.js';
import type { WireDict } from './types.js';

/**
 * Samples as bytes, to hand from the thread that converts them to the one that publishes them:
 * each sample's oslo-escaped JSON (see {@link PreEncodedSample}), back to back. Both buffers are
 * the message's own, so they can be transferred rather than copied.
 */
export interface EncodedSamples {
  bytes: ArrayBuffer;
  /** Where each sample's bytes end, in order. */
  ends: Uint32Array<ArrayBuffer>;
}

export function encodeSamples(samples: readonly PreEncodedSample[]): EncodedSamples {
  const ends = new Uint32Array(samples.length);
  let size = 0;
  for (let i = 0; i < samples.length; i++) {
    size += samples[i]!.osloJsonBytes();
    ends[i] = size;
  }
  // Not Buffer.allocUnsafe: a small one is a slice of a shared pool, which cannot be transferred.
  const bytes = new ArrayBuffer(size);
  const target = Buffer.from(bytes);
  let at = 0;
  for (let i = 0; i < samples.length; i++) {
    at = samples[i]!.writeOsloJson(target, at);
    if (at !== ends[i]) throw new Error(`sample ${i} wrote up to byte ${at}, announced ${ends[i]}`);
  }
  return { bytes, ends };
}

/** One wire sample per encoded sample, each a view of its bytes. */
export function decodeSamples({ bytes, ends }: EncodedSamples): EncodedSample[] {
  const buffer = Buffer.from(bytes);
  const samples = new Array<EncodedSample>(ends.length);
  let start = 0;
  for (let i = 0; i < ends.length; i++) {
    samples[i] = new EncodedSample(buffer, start, ends[i]!);
    start = ends[i]!;
  }
  return samples;
}

/**
 * A wire sample that is only its JSON bytes: a notification copies them as they are. Its dict is
 * parsed from them on demand, for publishers that send dicts (HTTP, file), never on the AMQP path.
 */
export class EncodedSample implements PreEncodedSample {
  readonly #bytes: Buffer;
  readonly #start: number;
  readonly #end: number;

  constructor(bytes: Buffer, start: number, end: number) {
    this.#bytes = bytes;
    this.#start = start;
    this.#end = end;
  }

  osloJsonBytes(): number {
    return this.#end - this.#start;
  }

  writeOsloJson(target: Buffer, offset: number): number {
    return offset + this.#bytes.copy(target, offset, this.#start, this.#end);
  }

  dict(): WireDict {
    // The bytes are the content of a JSON string whose value is the sample's JSON text.
    const text = JSON.parse(`"${this.#bytes.toString('utf8', this.#start, this.#end)}"`) as string;
    return JSON.parse(text) as WireDict;
  }
}

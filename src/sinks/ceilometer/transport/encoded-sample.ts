import type { PreEncodedSample } from './notification.js';
import type { WireDict } from './types.js';

/**
 * Samples as text, to hand from the thread that converts them to the one that publishes them:
 * each sample's oslo-escaped JSON (see {@link PreEncodedSample}) as a string, and its size in
 * UTF-8. Strings rather than one transferred buffer: a buffer is external memory to V8, and a
 * cycle's ~300 MB of it made the publishing thread collect its whole heap over and over, where
 * short-lived strings die young, in scavenges that cost next to nothing (bench/ceilometer).
 */
export interface EncodedSamples {
  texts: string[];
  /** Transferable. */
  sizes: Uint32Array<ArrayBuffer>;
}

export function encodeSamples(samples: readonly PreEncodedSample[]): EncodedSamples {
  const texts = new Array<string>(samples.length);
  const sizes = new Uint32Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    texts[i] = samples[i]!.osloJson();
    sizes[i] = samples[i]!.osloJsonBytes();
  }
  return { texts, sizes };
}

/** One wire sample per encoded sample. */
export function decodeSamples({ texts, sizes }: EncodedSamples): EncodedSample[] {
  const samples = new Array<EncodedSample>(texts.length);
  for (let i = 0; i < texts.length; i++) samples[i] = new EncodedSample(texts[i]!, sizes[i]!);
  return samples;
}

/**
 * A wire sample that is only its JSON text: a notification copies it as it is. Its dict is parsed
 * from it on demand, for publishers that send dicts (HTTP, file), never on the AMQP path.
 */
export class EncodedSample implements PreEncodedSample {
  readonly #text: string;
  readonly #size: number;

  constructor(text: string, size: number) {
    this.#text = text;
    this.#size = size;
  }

  osloJson(): string {
    return this.#text;
  }

  osloJsonBytes(): number {
    return this.#size;
  }

  dict(): WireDict {
    // The text is the content of a JSON string whose value is the sample's JSON text.
    return JSON.parse(JSON.parse(`"${this.#text}"`) as string) as WireDict;
  }
}

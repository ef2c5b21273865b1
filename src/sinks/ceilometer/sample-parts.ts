import type { CeilometerType } from '../../metrics/index.js';
import { problemOf, type CeilometerSample } from './sample.js';
import { SampleSigner, type KeyTexts } from './sign.js';
import { jsonStringContent, type PreEncodedSample } from './transport/notification.js';

/**
 * The samples of one conversion, built from parts: what all of them share, what the samples of one
 * meter share, what the resources of one LPAR share and what the ~15 samples about one LPAR, vNIC
 * or disk share. Each part's signature text and JSON text are written once, so a sample costs its
 * two own values (`counter_volume` and `message_id`), one HMAC and the copying of its parts into a
 * notification: a cycle of 10,000 LPARs is ~380,000 samples (bench/ceilometer).
 */
export class SampleParts {
  readonly #common: Common;
  readonly #signer: SampleSigner;
  /** Whether the shared keys pass {@link problemOf}. */
  readonly #sound: boolean;

  constructor(options: {
    source: string;
    /** undefined when the readings' time did not parse: every sample is then rejected. */
    timestamp: string | undefined;
    monotonicTime: boolean;
    /** '' sends an empty signature (signing disabled). */
    secret: string;
  }) {
    const { source, timestamp, monotonicTime } = options;
    this.#common = {
      source,
      // Read only by samples, and there are none when it is undefined: `problem` rejects them all.
      timestamp: timestamp as string,
      monotonicTime,
      jsonAfterId: jsonText(jsonStringContent('","message_signature":"')),
      jsonEnd: jsonText(jsonStringContent(`"${monotonicTime ? ',"monotonic_time":null' : ''}}`)),
      // null for an undefined timestamp: no sample is made then anyway.
      jsonAfterMetadata: jsonStringContent(
        `},"timestamp":${JSON.stringify(timestamp ?? null)},"message_id":"`,
      ),
    };
    this.#signer = new SampleSigner(options.secret);
    this.#sound = soundWith({ source, timestamp });
  }

  meter(name: string, type: CeilometerType, unit: string): MeterPart {
    const keys = { counter_name: name, counter_type: type, counter_unit: unit };
    const json = JSON.stringify({ source: this.#common.source, ...keys });
    return {
      name,
      type,
      unit,
      signed: flat(this.#signer.head(keys)),
      json: jsonText(jsonStringContent(`${json.slice(0, -1)},"counter_volume":`)),
      sound: soundWith(keys),
    };
  }

  /** `metadata` must not change after: its texts are written here, once. */
  lpar(
    userId: string | null,
    projectId: string | null,
    metadata: Readonly<Record<string, unknown>>,
  ): LparPart {
    const { source, timestamp, monotonicTime } = this.#common;
    const keys = { user_id: userId, project_id: projectId };
    const signer = this.#signer;
    return {
      userId,
      projectId,
      metadata,
      signedKeys: signer.keyTexts({
        ...keys,
        source,
        timestamp,
        ...(monotonicTime && { monotonic_time: null }),
      }),
      signedMetadata: signer.keyTexts(metadata, 'resource_metadata:'),
      jsonKeys: jsonStringContent(JSON.stringify(keys).slice(1, -1)),
      jsonMetadata: jsonStringContent(JSON.stringify(metadata).slice(1, -1)),
      sound: soundWith({ ...keys, resource_metadata: metadata }),
    };
  }

  /**
   * The LPAR itself, or one of its vNICs or disks: `ownMetadata` holds the keys its
   * resource_metadata adds to the LPAR's, none of them the LPAR's own.
   */
  resource(lpar: LparPart, id: string, ownMetadata: Readonly<Record<string, unknown>>): ResourcePart {
    const clash = Object.keys(ownMetadata).find((key) => Object.hasOwn(lpar.metadata, key));
    if (clash !== undefined) throw new RangeError(`${clash} is in the LPAR's resource_metadata already`);
    const signer = this.#signer;
    const ownJson = jsonStringContent(JSON.stringify(ownMetadata).slice(1, -1));
    const comma = lpar.jsonMetadata !== '' && ownJson !== '' ? ',' : '';
    return {
      userId: lpar.userId,
      projectId: lpar.projectId,
      id,
      // Frozen: its texts are written here, once, so it must not change under the samples.
      metadata: Object.freeze({ ...lpar.metadata, ...ownMetadata }),
      signed: flat(
        signer.tail(
          lpar.signedKeys,
          signer.keyTexts({ resource_id: id }),
          signer.dictText(
            'resource_metadata',
            lpar.signedMetadata,
            signer.keyTexts(ownMetadata, 'resource_metadata:'),
          ),
        ),
      ),
      json: jsonText(
        `,${lpar.jsonKeys}${jsonStringContent(`,"resource_id":${JSON.stringify(id)},"resource_metadata":{`)}` +
          `${lpar.jsonMetadata}${comma}${ownJson}${this.#common.jsonAfterMetadata}`,
      ),
      sound: lpar.sound && soundWith({ resource_id: id }),
    };
  }

  /** Why Ceilometer would refuse this sample, or undefined if it is fine; checks only the sample's own values when its parts are sound. */
  problem(meter: MeterPart, resource: ResourcePart, volume: number, messageId: string): string | undefined {
    if (this.#sound && meter.sound && resource.sound && Number.isFinite(volume) && messageId !== '') {
      return undefined;
    }
    return problemOf(this.unsigned(meter, resource, volume, messageId));
  }

  /** The sample without its signature, for a rejection to show. */
  unsigned(
    meter: MeterPart,
    resource: ResourcePart,
    volume: number,
    messageId: string,
  ): Partial<CeilometerSample> {
    const { source, timestamp, monotonicTime } = this.#common;
    return {
      source,
      counter_name: meter.name,
      counter_type: meter.type,
      counter_unit: meter.unit,
      counter_volume: volume,
      user_id: resource.userId,
      project_id: resource.projectId,
      resource_id: resource.id,
      resource_metadata: resource.metadata,
      timestamp,
      message_id: messageId,
      ...(monotonicTime && { monotonic_time: null }),
    };
  }

  /** The signed sample; only for one without a {@link problem}. */
  sample(
    meter: MeterPart,
    resource: ResourcePart,
    volume: number,
    messageId: string,
  ): CeilometerSample & PreEncodedSample {
    // A finite number's JSON text is its String(); the signature's text is mostly the same.
    const volumeJson = String(volume);
    const signature = this.#signer.signParts(meter.signed, volume, volumeJson, messageId, resource.signed);
    return new ConvertedSample(this.#common, meter, resource, volume, volumeJson, messageId, signature);
  }
}

/** What one conversion's samples of one meter share. */
export interface MeterPart {
  readonly name: string;
  readonly type: CeilometerType;
  readonly unit: string;
  /** The signature text of the meter's keys (they sort before counter_volume). */
  readonly signed: string;
  /** The sample's JSON text, escaped for `oslo.message`, up to counter_volume's value. */
  readonly json: JsonText;
  readonly sound: boolean;
}

/** What the resources of one LPAR (the LPAR, its vNICs and its disks) share. */
export interface LparPart {
  readonly userId: string | null;
  readonly projectId: string | null;
  /** The resource_metadata keys all its resources carry. */
  readonly metadata: Readonly<Record<string, unknown>>;
  /** The signature texts of the sample's keys that sort after message_id, but the resource's. */
  readonly signedKeys: KeyTexts;
  readonly signedMetadata: KeyTexts;
  /** The JSON text, escaped, of user_id and project_id, and of the metadata's keys. */
  readonly jsonKeys: string;
  readonly jsonMetadata: string;
  readonly sound: boolean;
}

/** What the samples about one LPAR, vNIC or disk share. */
export interface ResourcePart {
  readonly userId: string | null;
  readonly projectId: string | null;
  readonly id: string;
  readonly metadata: Readonly<Record<string, unknown>>;
  /** The signature text of the keys that sort after message_id: these and the conversion's. */
  readonly signed: string;
  /** The JSON text, escaped, from after counter_volume's value up to message_id's text. */
  readonly json: JsonText;
  readonly sound: boolean;
}

interface Common {
  source: string;
  timestamp: string;
  monotonicTime: boolean;
  /** The JSON text, escaped, between `message_id`'s value and the signature, and after the signature. */
  jsonAfterId: JsonText;
  jsonEnd: JsonText;
  /** The JSON text, escaped, from the end of resource_metadata's keys up to message_id's value. */
  jsonAfterMetadata: string;
}

/** A piece of a sample's JSON text, and its size in UTF-8. */
interface JsonText {
  readonly text: string;
  readonly bytes: number;
}

function jsonText(text: string): JsonText {
  return { text: flat(text), bytes: Buffer.byteLength(text) };
}

/**
 * `text`, stored flat. V8 keeps a joined string as a tree of its pieces until something reads it
 * whole, and every sample would walk the tree of a part's text again; converting a string to a
 * number is one read that flattens it in place.
 */
function flat(text: string): string {
  Number(text);
  return text;
}

/** A sample {@link problemOf} accepts, so that a part's own keys can be checked in place of its keys. */
const SOUND: CeilometerSample = {
  source: 'source',
  counter_name: 'name',
  counter_type: 'gauge',
  counter_unit: '',
  counter_volume: 0,
  user_id: null,
  project_id: null,
  resource_id: 'id',
  timestamp: 'time',
  resource_metadata: {},
  message_id: 'id',
  message_signature: '',
};

function soundWith(keys: Partial<CeilometerSample>): boolean {
  return problemOf({ ...SOUND, ...keys }) === undefined;
}

/** Printable ASCII but `"` and `\\`: text that a JSON string holds as it is, escaped or not. */
const PLAIN = /^[ !#-[\]-~]*$/;

/**
 * A converted sample: the wire dict, whose JSON text (see {@link PreEncodedSample}) is joined from
 * its parts' texts when asked for; keeping the parts rather than the text keeps a queued sample
 * small. It must not change after: its signature was made from these values.
 */
class ConvertedSample implements CeilometerSample, PreEncodedSample {
  readonly source: string;
  readonly counter_name: string;
  readonly counter_type: CeilometerType;
  readonly counter_unit: string;
  readonly counter_volume: number;
  readonly user_id: string | null;
  readonly project_id: string | null;
  readonly resource_id: string;
  readonly resource_metadata: Readonly<Record<string, unknown>>;
  readonly timestamp: string;
  readonly message_id: string;
  readonly message_signature: string;
  // Not a class field: before Pike the key does not exist at all.
  declare readonly monotonic_time?: null;

  readonly #common: Common;
  readonly #meter: MeterPart;
  // The resource's JSON text only: its other texts are garbage once its samples are signed.
  readonly #resourceJson: JsonText;
  readonly #volumeJson: string;
  /** message_id as a JSON string holds it, escaped for `oslo.message`. */
  readonly #idJson: string;

  constructor(
    common: Common,
    meter: MeterPart,
    resource: ResourcePart,
    volume: number,
    volumeJson: string,
    messageId: string,
    signature: string,
  ) {
    this.source = common.source;
    this.counter_name = meter.name;
    this.counter_type = meter.type;
    this.counter_unit = meter.unit;
    this.counter_volume = volume;
    this.user_id = resource.userId;
    this.project_id = resource.projectId;
    this.resource_id = resource.id;
    this.resource_metadata = resource.metadata;
    this.timestamp = common.timestamp;
    this.message_id = messageId;
    this.message_signature = signature;
    if (common.monotonicTime) (this as { monotonic_time?: null }).monotonic_time = null;
    this.#common = common;
    this.#meter = meter;
    this.#resourceJson = resource.json;
    this.#volumeJson = volumeJson;
    // An id may hold what a JSON string escapes.
    this.#idJson = PLAIN.test(messageId)
      ? messageId
      : jsonStringContent(JSON.stringify(messageId).slice(1, -1));
  }

  osloJsonBytes(): number {
    const common = this.#common;
    const id = this.#idJson;
    return (
      this.#meter.json.bytes +
      this.#volumeJson.length + // ASCII, as are the signature's hex digits
      this.#resourceJson.bytes +
      (PLAIN.test(id) ? id.length : Buffer.byteLength(id)) +
      common.jsonAfterId.bytes +
      this.message_signature.length +
      common.jsonEnd.bytes
    );
  }

  osloJson(): string {
    const common = this.#common;
    return (
      this.#meter.json.text +
      this.#volumeJson +
      this.#resourceJson.text +
      this.#idJson +
      common.jsonAfterId.text +
      this.message_signature +
      common.jsonEnd.text
    );
  }
}

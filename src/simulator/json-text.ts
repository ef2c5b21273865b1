/**
 * JSON writer for PCM documents. JSON.stringify cannot write the bare 64-bit integers the HMC uses for
 * WWPNs, nor the exponent notation its Java side uses for some cycle counters, so values may be given as
 * `RawNumber`s whose text is written verbatim.
 */

export class RawNumber {
  constructor(readonly text: string) {
    if (!/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text)) throw new Error(`not a JSON number: ${text}`);
  }

  static of(value: bigint): RawNumber {
    return new RawNumber(value.toString());
  }

  /** Java-style `8.0629725893315e+14`, as the HMC writes timeBasedCycles and pool cycles. */
  static exponent(value: number): RawNumber {
    return new RawNumber(value.toExponential());
  }
}

export type JsonValue =
  | string
  | number
  | boolean
  | null
  | RawNumber
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue | undefined };

/** Pretty-printed with two spaces, like the console's files; keys whose value is undefined are left out. */
export function toJsonText(value: JsonValue): string {
  const parts: string[] = [];
  write(value, '', parts);
  return parts.join('');
}

function write(value: JsonValue, indent: string, out: string[]): void {
  if (value === null || typeof value === 'boolean') {
    out.push(String(value));
  } else if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as JSON`);
    out.push(String(value));
  } else if (typeof value === 'string') {
    out.push(JSON.stringify(value));
  } else if (value instanceof RawNumber) {
    out.push(value.text);
  } else if (Array.isArray(value)) {
    writeList(value as readonly JsonValue[], indent, out);
  } else {
    writeObject(value as { readonly [key: string]: JsonValue | undefined }, indent, out);
  }
}

function writeList(items: readonly JsonValue[], indent: string, out: string[]): void {
  if (items.length === 0) {
    out.push('[]');
    return;
  }
  const inner = indent + '  ';
  out.push('[\n');
  items.forEach((item, index) => {
    out.push(inner);
    write(item, inner, out);
    out.push(index < items.length - 1 ? ',\n' : '\n');
  });
  out.push(indent, ']');
}

function writeObject(
  object: { readonly [key: string]: JsonValue | undefined },
  indent: string,
  out: string[],
): void {
  const entries = Object.entries(object).filter(
    (entry): entry is [string, JsonValue] => entry[1] !== undefined,
  );
  if (entries.length === 0) {
    out.push('{}');
    return;
  }
  const inner = indent + '  ';
  out.push('{\n');
  entries.forEach(([key, item], index) => {
    out.push(inner, JSON.stringify(key), ': ');
    write(item, inner, out);
    out.push(index < entries.length - 1 ? ',\n' : '\n');
  });
  out.push(indent, '}');
}

/**
 * JSON text as the console writes it. JSON.stringify cannot write an integer above 2^53 (the client
 * WWPNs of a vFC pointer) nor the exponent form the HMC uses for some cycle counters, so such values
 * are given as `VerbatimNumber`s whose text goes into the output unchanged.
 */
export class VerbatimNumber {
  constructor(readonly text: string) {}

  static unsigned64(value: bigint): VerbatimNumber {
    return new VerbatimNumber(value.toString());
  }

  /** `8.0629725893315e+14`, the form of `timeBasedCycles` and the pool cycle counters in real files. */
  static exponent(value: number): VerbatimNumber {
    return new VerbatimNumber(value.toExponential());
  }
}

// A NUL cannot occur in any generated string, so this marker cannot clash with real content.
const MARKER = '\u0000verbatim:';
const MARKED = /"\\u0000verbatim:(\d+)"/g;

/** Pretty-printed with two spaces, like the pypowervm captures of real files. */
export function toPcmJsonText(value: unknown): string {
  const verbatim: string[] = [];
  const text = JSON.stringify(
    value,
    (_key, item: unknown) =>
      item instanceof VerbatimNumber ? `${MARKER}${verbatim.push(item.text) - 1}` : item,
    2,
  );
  return text.replace(MARKED, (_all, index: string) => verbatim[Number(index)] ?? 'null');
}

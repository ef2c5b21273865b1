import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FormatError } from './errors.js';

/** A parsed XML element: child elements by local name, text in `#text`, attributes prefixed with `@`. */
export type XmlNode = { [name: string]: unknown };

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  // Entries, links and adapters repeat; a feed with one entry must still give an array.
  isArray: (name) => ARRAY_ELEMENTS.has(name),
});

const ARRAY_ELEMENTS = new Set(['entry', 'link', 'category']);

/** Parses XML text, naming what was wrong when it is not well-formed. */
export function parseXml(text: string): XmlNode {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new FormatError(
      `malformed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`,
    );
  }
  return parser.parse(text) as XmlNode;
}

export function child(node: unknown, name: string): XmlNode | undefined {
  if (!isNode(node)) return undefined;
  const value = node[name];
  if (Array.isArray(value)) return isNode(value[0]) ? value[0] : undefined;
  return isNode(value) ? value : undefined;
}

export function children(node: unknown, name: string): XmlNode[] {
  if (!isNode(node)) return [];
  const value = node[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((item) => (isNode(item) ? item : { '#text': item }));
}

/** Text of a leaf element, whether the parser made it a string or an object with attributes. */
export function text(node: unknown, name?: string): string | undefined {
  const target = name === undefined ? node : isNode(node) ? node[name] : undefined;
  const first = Array.isArray(target) ? target[0] : target;
  if (typeof first === 'string') return first;
  if (typeof first === 'number' || typeof first === 'boolean') return String(first);
  if (isNode(first)) {
    const inner = first['#text'];
    if (inner === undefined) return '';
    return String(inner);
  }
  return undefined;
}

export function attr(node: unknown, name: string): string | undefined {
  if (!isNode(node)) return undefined;
  const value = node[`@${name}`];
  return typeof value === 'string' ? value : undefined;
}

function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

import { FormatError } from './errors.js';
import { attr, child, children, parseXml, text, type XmlNode } from './xml.js';

/** One Atom entry, read the way the PowerVM REST server writes them (see powervm-pcm.md §3). */
export interface AtomEntry {
  id: string;
  title: string | undefined;
  updated: string | undefined;
  published: string | undefined;
  /** Links keyed by upper-cased rel; a link without rel is stored under ''. */
  links: ReadonlyMap<string, string[]>;
  category: string | undefined;
  /** The first element inside <content>, i.e. the object (ManagedSystem, ClientNetworkAdapter, …). */
  content: XmlNode | undefined;
}

/** Parses an Atom feed (or a lone entry, which some single-object GETs return) into entries. */
export function parseAtomFeed(xml: string): AtomEntry[] {
  const doc = parseXml(xml);
  const feed = child(doc, 'feed');
  if (feed) return children(feed, 'entry').map(toEntry);
  const entry = child(doc, 'entry');
  if (entry) return [toEntry(entry, 0)];
  throw new FormatError(`expected an Atom <feed> or <entry>, found <${firstElementName(doc) ?? 'nothing'}>`);
}

function toEntry(entry: XmlNode, index: number): AtomEntry {
  const id = text(entry, 'id');
  if (!id) throw new FormatError('Atom entry has no <id>', `entry[${index}]`);
  const links = new Map<string, string[]>();
  for (const link of children(entry, 'link')) {
    const href = attr(link, 'href');
    if (href === undefined) continue;
    const rel = (attr(link, 'rel') ?? '').toUpperCase();
    const list = links.get(rel) ?? [];
    list.push(href);
    links.set(rel, list);
  }
  const contentNode = child(entry, 'content');
  return {
    id,
    title: text(entry, 'title'),
    updated: text(entry, 'updated'),
    published: text(entry, 'published'),
    links,
    category: attr(children(entry, 'category')[0], 'term'),
    content: contentNode ? firstElement(contentNode) : undefined,
  };
}

function firstElement(node: XmlNode): XmlNode | undefined {
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('@') || key === '#text') continue;
    return child(node, key) ?? (value as XmlNode);
  }
  return undefined;
}

function firstElementName(node: XmlNode): string | undefined {
  return Object.keys(node).find((key) => !key.startsWith('@') && !key.startsWith('?') && key !== '#text');
}

/** The server's HttpErrorResponse (Atom entry body of a non-2xx answer), if the body is one. */
export interface HttpErrorResponse {
  status: number | undefined;
  reasonCode: string | undefined;
  message: string | undefined;
}

export function parseHttpErrorResponse(body: string): HttpErrorResponse | undefined {
  if (!body.includes('HttpErrorResponse')) return undefined;
  try {
    const [entry] = parseAtomFeed(body);
    const error = entry?.content;
    if (!error) return undefined;
    const status = Number(text(error, 'HTTPStatus'));
    return {
      status: Number.isFinite(status) ? status : undefined,
      reasonCode: text(error, 'ReasonCode'),
      message: text(error, 'Message'),
    };
  } catch {
    return undefined;
  }
}

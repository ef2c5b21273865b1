/** Namespaces and small builders shared by every XML document the simulated console writes. */

const ATOM_NS = 'http://www.w3.org/2005/Atom';
export const WEB_NS = 'http://www.ibm.com/xmlns/systems/power/firmware/web/mc/2012_10/';
export const UOM_NS = 'http://www.ibm.com/xmlns/systems/power/firmware/uom/mc/2012_10/';
export const PCM_NS = 'http://www.ibm.com/xmlns/systems/power/firmware/pcm/mc/2012_10/';
const K2_NS = 'http://www.w3.org/XML/1998/namespace/k2';

export const CONSOLE_NAME = 'IBM Power Systems Management Console';

/** The console declares these on every feed and standalone entry, used or not. */
export const ATOM_ROOT_ATTRS = `xmlns="${ATOM_NS}" xmlns:ns2="http://a9.com/-/spec/opensearch/1.1/" xmlns:ns3="http://www.w3.org/1999/xhtml"`;

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';

export function esc(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_m, ref: string) => {
    if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[ref] ?? '';
  });
}

/** Text of the first element with this local name (any prefix), unescaped; undefined when absent. */
export function elementText(xml: string, localName: string): string | undefined {
  const m = new RegExp(`<(?:[\\w.-]+:)?${localName}(?:\\s[^>]*)?>([^<]*)</(?:[\\w.-]+:)?${localName}>`).exec(
    xml,
  );
  return m ? unescapeXml(m[1] ?? '').trim() : undefined;
}

/**
 * A leaf with the schema attributes the console puts on every property: `kb` says who may change it
 * (ROR read-only, CUR/CUD/UOD user-changeable, ROO optional), `kxe` whether it is an extended attribute.
 */
export function leaf(name: string, value: string | number | boolean, kb = 'ROR'): string {
  return `<${name} kb="${kb}" kxe="false">${esc(String(value))}</${name}>`;
}

/** A `<Type:Type>` content root in the given namespace, with its Metadata block, as inventory objects have. */
export function objectRoot(
  type: string,
  ns: string,
  schemaVersion: string,
  atomId: string | undefined,
  body: string,
): string {
  const atom =
    atomId === undefined ? '<Atom/>' : `<Atom><AtomID>${atomId}</AtomID><AtomCreated>0</AtomCreated></Atom>`;
  return (
    `<${type}:${type} xmlns:${type}="${ns}" xmlns="${ns}" xmlns:ns2="${K2_NS}" schemaVersion="${schemaVersion}">` +
    `\n    <Metadata>${atom}</Metadata>\n    ${body}\n</${type}:${type}>`
  );
}

/** A nested group element (`<MachineTypeModelAndSerialNumber>` and friends) with its empty Metadata. */
export function group(name: string, schemaVersion: string, children: readonly string[], kb = 'ROR'): string {
  return (
    `<${name} kb="${kb}" kxe="false" schemaVersion="${schemaVersion}">\n        <Metadata><Atom/></Metadata>\n        ` +
    `${children.join('\n        ')}\n    </${name}>`
  );
}

import { parseAtomFeed } from './atom.js';
import { FormatError } from './errors.js';
import { child, parseXml, text, type XmlNode } from './xml.js';

/** A managed system as the ManagedSystem feed describes it (powervm-pcm.md §4.1). */
export interface ManagedSystem {
  uuid: string;
  name: string;
  state: string | undefined;
  machineType: string | undefined;
  model: string | undefined;
  serial: string | undefined;
  /** `MachineType-Model*SerialNumber`, the form PCM file names use. */
  mtms: string | undefined;
  memoryMb: { configurable?: number; available?: number; installed?: number };
  processorUnits: { configurable?: number; available?: number; installed?: number };
}

export function parseManagedSystems(xml: string): ManagedSystem[] {
  return parseAtomFeed(xml).map((entry, index) => {
    const system = entry.content;
    if (!system) throw new FormatError('ManagedSystem entry has no <content>', `entry[${index}]`);
    const mtms = child(system, 'MachineTypeModelAndSerialNumber');
    const memory = child(system, 'AssociatedSystemMemoryConfiguration');
    const processor = child(system, 'AssociatedSystemProcessorConfiguration');
    const machineType = text(mtms, 'MachineType');
    const model = text(mtms, 'Model');
    const serial = text(mtms, 'SerialNumber');
    return {
      uuid: entry.id,
      name: text(system, 'SystemName') ?? entry.id,
      state: text(system, 'State'),
      machineType,
      model,
      serial,
      mtms: machineType && model && serial ? `${machineType}-${model}*${serial}` : undefined,
      memoryMb: numbers(memory, {
        configurable: 'ConfigurableSystemMemory',
        available: 'CurrentAvailableSystemMemory',
        installed: 'InstalledSystemMemory',
      }),
      processorUnits: numbers(processor, {
        configurable: 'ConfigurableSystemProcessorUnits',
        available: 'CurrentAvailableSystemProcessorUnits',
        installed: 'InstalledSystemProcessorUnits',
      }),
    };
  });
}

function numbers<K extends string>(
  node: XmlNode | undefined,
  names: Record<K, string>,
): Partial<Record<K, number>> {
  const out: Partial<Record<K, number>> = {};
  for (const key of Object.keys(names) as K[]) {
    const value = Number(text(node, names[key]));
    if (text(node, names[key]) !== undefined && Number.isFinite(value)) out[key] = value;
  }
  return out;
}

/**
 * Client network adapters of one LPAR: client location code → MAC in Ceilometer's form
 * (`aa:bb:cc:dd:ee:ff`). The PCM data has no MACs; this feed is the only source (§4.2, §12.3).
 */
export function parseClientNetworkAdapters(xml: string): Map<string, string> {
  const macs = new Map<string, string>();
  for (const entry of parseAtomFeed(xml)) {
    const location = text(entry.content, 'LocationCode');
    const mac = text(entry.content, 'MACAddress');
    if (location && mac && /^[0-9A-Fa-f]{12}$/.test(mac)) macs.set(location, formatMac(mac));
  }
  return macs;
}

export function formatMac(raw: string): string {
  return raw.toLowerCase().replace(/(..)(?!$)/g, '$1:');
}

/** PCM preferences of one system (§5). */
export interface PcmPreferences {
  longTermMonitorEnabled: boolean;
  aggregationEnabled: boolean;
  shortTermMonitorEnabled: boolean;
  computeLtmEnabled: boolean;
}

export function parsePcmPreferences(xml: string): PcmPreferences {
  const [entry] = parseAtomFeed(xml);
  const pref = entry?.content;
  if (!pref) throw new FormatError('preferences feed has no ManagedSystemPcmPreference entry');
  const flag = (name: string): boolean => text(pref, name)?.trim().toLowerCase() === 'true';
  return {
    longTermMonitorEnabled: flag('LongTermMonitorEnabled'),
    aggregationEnabled: flag('AggregationEnabled'),
    shortTermMonitorEnabled: flag('ShortTermMonitorEnabled'),
    computeLtmEnabled: flag('ComputeLTMEnabled'),
  };
}

/**
 * The body pypowervm's ensure_ltm_monitors POSTs: the ManagedSystemPcmPreference element on its own,
 * with its namespace declarations, LTM switched on and compute-only LTM off (§5 step 2). Edited as
 * text so every other element and attribute goes back to the console exactly as it came.
 */
export function ltmEnabledPreferenceBody(feedXml: string): string {
  const match = /<([\w.-]+:)?ManagedSystemPcmPreference[\s>][\s\S]*<\/\1?ManagedSystemPcmPreference>/.exec(
    feedXml,
  );
  if (!match) throw new FormatError('preferences feed has no ManagedSystemPcmPreference element');
  let element = match[0];
  element = setBoolean(element, 'LongTermMonitorEnabled', true);
  element = setBoolean(element, 'ComputeLTMEnabled', false);
  return element;
}

function setBoolean(xml: string, name: string, value: boolean): string {
  const pattern = new RegExp(`(<(?:[\\w.-]+:)?${name}(?:\\s[^>]*)?>)\\s*(true|false)\\s*(</)`);
  if (!pattern.test(xml)) throw new FormatError(`preferences element has no <${name}>`);
  return xml.replace(pattern, `$1${String(value)}$3`);
}

/** What a LogonResponse carries: the token itself, or (NovaLink file logon) the path of a file holding it. */
export type LogonResult = { token: string } | { tokenFile: string };

export function parseLogonResponse(xml: string): LogonResult {
  const response = child(parseXml(xml), 'LogonResponse');
  if (!response) throw new FormatError('expected a <LogonResponse>');
  const token = text(response, 'X-API-Session')?.trim();
  if (token) return { token };
  const tokenFile = text(response, 'X-API-SessionFile')?.trim();
  if (tokenFile) return { tokenFile };
  throw new FormatError('LogonResponse carries no session token');
}

export function logonRequestBody(user: string, password: string | undefined): string {
  const credential =
    password === undefined
      ? '<GenerateX-API-SessionFile>true</GenerateX-API-SessionFile>'
      : `<Password>${escapeXml(password)}</Password>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<LogonRequest xmlns="http://www.ibm.com/xmlns/systems/power/firmware/web/mc/2012_10/" schemaVersion="V1_0">' +
    `<UserID>${escapeXml(user)}</UserID>${credential}</LogonRequest>`
  );
}

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

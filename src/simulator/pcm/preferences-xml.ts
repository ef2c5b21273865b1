import type { SystemInfo } from '../console-types.js';
import { uuidFor } from '../prng.js';
import { atomTime } from '../time-format.js';
import { ATOM_ROOT_ATTRS, CONSOLE_NAME, elementText, leaf, PCM_NS } from '../xml.js';
import type { MonitorSettings } from './monitoring.js';

const TITLE = 'Performance and Capacity Monitoring Preferences';

/** The preferences feed (powervm-pcm.md §5, pcm_pref.txt): one entry holding ManagedSystemPcmPreference. */
export function preferencesFeed(
  system: SystemInfo,
  settings: MonitorSettings,
  baseUrl: string,
  now: number,
): string {
  const self = `${baseUrl}/rest/api/pcm/ManagedSystem/${system.uuid}/preferences?group=None`;
  const updated = atomTime(now);
  const flags = [
    leaf('LongTermMonitorEnabled', settings.longTerm, 'UOD'),
    leaf('AggregationEnabled', settings.aggregation, 'UOD'),
    leaf('ShortTermMonitorEnabled', settings.shortTerm, 'UOD'),
    `<ComputeLTMEnabled ksv="V1_1_0" kb="UOD" kxe="false">${settings.computeOnly}</ComputeLTMEnabled>`,
  ];
  return `<feed ${ATOM_ROOT_ATTRS}>
    <id>${system.uuid}</id>
    <title type="text">${TITLE}</title>
    <subtitle type="text"/>
    <link rel="self" href="${self}"/>
    <generator uri="${CONSOLE_NAME}" version="1"/>
    <entry>
        <id>${uuidFor('preferences', system.uuid)}</id>
        <updated>${updated}</updated>
        <title type="text">${TITLE}</title>
        <published>${updated}</published>
        <author>
            <name>${CONSOLE_NAME}</name>
        </author>
        <content type="application/xml">
            <ManagedSystemPcmPreference:ManagedSystemPcmPreference xmlns:ManagedSystemPcmPreference="${PCM_NS}" xmlns="${PCM_NS}" xmlns:ns2="http://www.w3.org/XML/1998/namespace/k2" schemaVersion="V1_2_0">
    <Metadata>
        <Atom>
            <AtomID>${system.uuid}</AtomID>
            <AtomCreated>0</AtomCreated>
        </Atom>
    </Metadata>
    ${leaf('SystemName', system.name)}
    <MachineTypeModelSerialNumber kb="ROR" kxe="false" schemaVersion="V1_2_0">
        <Metadata>
            <Atom/>
        </Metadata>
        ${leaf('MachineType', system.machineType)}
        ${leaf('Model', system.model)}
        ${leaf('SerialNumber', system.serial)}
    </MachineTypeModelSerialNumber>
    ${flags.join('\n    ')}
    <AssociatedManagedSystem kb="ROO" kxe="false" href="${baseUrl}/rest/api/uom/ManagedSystem/${system.uuid}" rel="related"/>
</ManagedSystemPcmPreference:ManagedSystemPcmPreference>
        </content>
    </entry>
</feed>
`;
}

const FLAGS: ReadonlyArray<[element: string, key: keyof MonitorSettings]> = [
  ['LongTermMonitorEnabled', 'longTerm'],
  ['ComputeLTMEnabled', 'computeOnly'],
  ['ShortTermMonitorEnabled', 'shortTerm'],
  ['AggregationEnabled', 'aggregation'],
];

/** The flags present in a POSTed ManagedSystemPcmPreference; undefined when the body is not one. */
export function parsePreferenceUpdate(body: string): Partial<MonitorSettings> | undefined {
  if (!/<(?:[\w.-]+:)?ManagedSystemPcmPreference[\s>]/.test(body)) return undefined;
  const patch: Partial<MonitorSettings> = {};
  for (const [element, key] of FLAGS) {
    const text = elementText(body, element)?.toLowerCase();
    if (text === 'true' || text === 'false') patch[key] = text === 'true';
  }
  return patch;
}

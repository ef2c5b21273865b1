import type { LparDocument, PhypDocument, ViosDocument } from './pcm-json.js';

export interface SystemIdentity {
  uuid: string;
  name: string;
  mtms: string | undefined;
}

/**
 * Everything one poll learns about one managed system at one PCM instant: the unit that flows from
 * the console client to the inspector. `time` is the phyp sample's time (the feed's `updated`, or
 * the file's own timeStamp offline), never the moment we fetched it (§8 step 5 is not copied).
 */
export interface Sample {
  system: SystemIdentity;
  time: number;
  phyp: PhypDocument;
  vios: ViosDocument[];
  lpar: LparDocument | undefined;
  /** Client adapter location code → MAC, from the ClientNetworkAdapter feeds (§4.2). */
  macs: ReadonlyMap<string, string>;
}

import type { Readings } from '../../inspector/index.js';
import type { LparCounts, RejectedSample } from './convert.js';
import type { InstanceIdentity } from './identity/directory.js';
import type { CeilometerProfile } from './profiles.js';
import type { EncodedSamples } from './transport/encoded-sample.js';

/** What the conversion thread is started with: the ConvertOptions that are data, not functions. */
export interface ConversionSettings {
  profile: CeilometerProfile;
  secret: string;
  source?: string;
  unmapped?: 'send' | 'skip';
}

/**
 * A slice of readings to convert, with the identity of each of its LPARs (null: none) looked up on
 * the sink's thread, where the directory and its refreshes live. Slices are answered in order.
 */
export interface ToConversionThread {
  readings: Readings;
  identities: Array<InstanceIdentity | null>;
}

/** What the sink logs about a sample that must not leave. */
export type Rejection = Pick<RejectedSample, 'lpar' | 'meter' | 'reason'>;

export interface FromConversionThread {
  samples: EncodedSamples;
  rejected: Rejection[];
  lpars: LparCounts;
}

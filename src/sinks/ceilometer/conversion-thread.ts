/**
 * The conversion thread's entry point: converts and signs the slices of readings the Ceilometer
 * sink posts, and hands back each slice's samples as their JSON text.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type {
  ConversionSettings,
  FromConversionThread,
  ToConversionThread,
} from './conversion-thread-protocol.js';
import { convertReadings } from './convert.js';
import type { InstanceIdentity } from './identity/directory.js';
import { encodeSamples } from './transport/encoded-sample.js';

const port = parentPort!;
const settings = workerData as ConversionSettings;

port.on('message', ({ readings, identities }: ToConversionThread) => {
  const known = new Map<string, InstanceIdentity | null>();
  readings.lpars.forEach((lpar, i) => known.set(lpar.lpar_uuid, identities[i] ?? null));
  const conversion = convertReadings(readings, {
    ...settings,
    directory: { lookup: ({ uuid }) => known.get(uuid) ?? undefined },
  });
  const samples = encodeSamples(conversion.samples);
  const message: FromConversionThread = {
    samples,
    rejected: conversion.rejected.map(({ lpar, meter, reason }) => ({ lpar, meter, reason })),
    lpars: conversion.lpars,
  };
  port.postMessage(message, [samples.sizes.buffer]);
});

// Ceilometer publisher: the pure half (signature, profiles, conversion, identity).
export { signSample, signaturePairs, verifySample } from './sign.js';

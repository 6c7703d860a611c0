// The test oracle of murmur3.ts (no types of its own).
declare module 'murmurhash3js-revisited' {
  const murmurHash3: {
    x86: { hash128(bytes: Uint8Array, seed?: number): string };
    inputValidation: boolean;
  };
  export default murmurHash3;
}

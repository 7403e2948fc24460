export * from './fragments';
export * from './load';
export * from './trust-proxy';

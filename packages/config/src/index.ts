export * from './load';
export * from './fragments';

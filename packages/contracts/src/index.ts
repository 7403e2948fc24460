export * from './errors';
export * from './health';
export * from './jobs';
export * from './events';
export * from './waitlist';

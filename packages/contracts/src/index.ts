export * from './auth';
export * from './errors';
export * from './events';
export * from './health';
export * from './jobs';
export * from './meta';
export * from './waitlist';

export * from './errors.js';
export * from './health.js';
export * from './jobs.js';
export * from './events.js';
export * from './waitlist.js';

export * from './connection';
export * from './job-stats';
export * from './producers';
export * from './queues';
export * from './registry';

export * from './connection';
export * from './producers';
export * from './queues';
export * from './registry';

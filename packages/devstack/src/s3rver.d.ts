// s3rver ships no type declarations; this covers the part of its API we use.
declare module 's3rver' {
  import type { AddressInfo } from 'node:net';

  interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    directory?: string;
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
    vhostBuckets?: boolean;
    configureBuckets?: { name: string; configs?: (string | Buffer)[] }[];
  }

  export default class S3rver {
    constructor(options?: S3rverOptions);
    /** Koa's middleware stack; the router is the last entry. */
    middleware: ((ctx: never, next: () => Promise<void>) => unknown)[];
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }
}

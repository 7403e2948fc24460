// @fastify/rate-limit ships its stores as untyped CommonJS files; fallback-store.ts composes them.
declare module '@fastify/rate-limit/store/*' {
  type Callback = (err: Error | null, res?: { current: number; ttl: number }) => void;
  interface Store {
    incr(key: string, cb: Callback, timeWindow: number, max: number): void;
    read(key: string, cb: Callback, timeWindow: number, max: number): void;
    child(routeOptions: object): Store;
  }
  const StoreCtor: new (continueExceeding: boolean, exponentialBackoff: boolean, ...rest: unknown[]) => Store;
  export default StoreCtor;
}

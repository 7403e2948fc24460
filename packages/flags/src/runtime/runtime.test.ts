import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFlagRuntime } from './runtime';

const flag = (key: string, test: 'on' | 'off') => ({
  key,
  kind: 'boolean',
  variants: [{ name: 'off' }, { name: 'on' }],
  defaults: { development: 'off', test, production: 'off' },
});

function fakeChannel() {
  const handlers: { onChange?: (m: string) => void; onReconnect?: () => void } = {};
  return {
    subscribe: (h: { onChange: (m: string) => void; onReconnect: () => void }) => {
      Object.assign(handlers, h);
      return { close: async () => {} };
    },
    send: (message: string) => handlers.onChange?.(message),
    reconnect: () => handlers.onReconnect?.(),
  };
}

const logger = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() });

describe('createFlagRuntime', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('loads at start and evaluates in its environment', async () => {
    const runtime = createFlagRuntime({ load: async () => [flag('a', 'on')], environment: 'test' });
    await runtime.start();
    expect(runtime.evaluate('a', {})).toMatchObject({ variant: 'on', value: true, reason: 'default' });
    expect(runtime.evaluate('missing', {})).toBeUndefined();
    expect(runtime.evaluateAll({})).toEqual({ a: expect.objectContaining({ variant: 'on' }) });
    await runtime.close();
  });

  it('debounces a burst of messages into one reload', async () => {
    const channel = fakeChannel();
    let value: 'on' | 'off' = 'off';
    const load = vi.fn(async () => [flag('a', value)]);
    const runtime = createFlagRuntime({
      load,
      subscribe: channel.subscribe,
      environment: 'test',
      debounceMs: 20,
    });
    await runtime.start();
    expect(load).toHaveBeenCalledTimes(1);
    value = 'on';
    for (let i = 0; i < 10; i++) channel.send('a');
    await vi.advanceTimersByTimeAsync(19);
    expect(load).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    await runtime.settled();
    expect(load).toHaveBeenCalledTimes(2);
    expect(runtime.evaluate('a', {})?.variant).toBe('on');
    await runtime.close();
  });

  it('reloads again when a message arrives during a reload (the running one may be stale)', async () => {
    const channel = fakeChannel();
    const releases: Array<() => void> = [];
    let value: 'on' | 'off' = 'off';
    const load = vi.fn(async () => {
      const snapshot = value;
      if (load.mock.calls.length > 1) await new Promise<void>((resolve) => releases.push(resolve));
      return [flag('a', snapshot)];
    });
    const runtime = createFlagRuntime({
      load,
      subscribe: channel.subscribe,
      environment: 'test',
      debounceMs: 5,
    });
    await runtime.start();
    channel.send('a');
    await vi.advanceTimersByTimeAsync(5); // reload #2 starts and reads "off"
    value = 'on';
    channel.send('a'); // committed after #2 read
    await vi.advanceTimersByTimeAsync(5);
    releases.shift()?.();
    await vi.advanceTimersByTimeAsync(0);
    releases.shift()?.();
    await runtime.settled();
    expect(load).toHaveBeenCalledTimes(3);
    expect(runtime.evaluate('a', {})?.variant).toBe('on');
    await runtime.close();
  });

  it('polls as a safety net and reloads when the channel reconnects', async () => {
    const channel = fakeChannel();
    const load = vi.fn(async () => [flag('a', 'on')]);
    const runtime = createFlagRuntime({
      load,
      subscribe: channel.subscribe,
      environment: 'test',
      pollMs: 30_000,
    });
    await runtime.start();
    await vi.advanceTimersByTimeAsync(30_000 + 20);
    expect(load).toHaveBeenCalledTimes(2);
    channel.reconnect();
    await vi.advanceTimersByTimeAsync(20);
    expect(load).toHaveBeenCalledTimes(3);
    await runtime.close();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(load).toHaveBeenCalledTimes(3);
  });

  it('keeps the last known set when loading fails or a definition is invalid, and logs once per outage', async () => {
    const log = logger();
    let mode: 'ok' | 'down' | 'invalid' = 'ok';
    const runtime = createFlagRuntime({
      load: async () => {
        if (mode === 'down') throw new Error('connection refused');
        return mode === 'invalid' ? [flag('a', 'off'), { key: 'b', kind: 'nope' }] : [flag('a', 'on')];
      },
      environment: 'test',
      logger: log,
    });
    await runtime.start();
    mode = 'down';
    expect(await runtime.reload()).toBe(false);
    expect(await runtime.reload()).toBe(false);
    mode = 'invalid';
    expect(await runtime.reload()).toBe(false);
    expect(runtime.evaluate('a', {})?.variant).toBe('on');
    expect(log.warn).toHaveBeenCalledTimes(1);
    mode = 'ok';
    expect(await runtime.reload()).toBe(true);
    expect(log.info).toHaveBeenCalledTimes(1);
    await runtime.close();
  });

  it('starts with an empty set when the first load fails, and fills it on the next successful reload', async () => {
    let up = false;
    const runtime = createFlagRuntime({
      load: async () => {
        if (!up) throw new Error('down');
        return [flag('a', 'on')];
      },
      environment: 'test',
    });
    await runtime.start();
    expect(runtime.flags.size).toBe(0);
    up = true;
    runtime.requestReload();
    await vi.advanceTimersByTimeAsync(20);
    await runtime.settled();
    expect(runtime.flags.size).toBe(1);
    await runtime.close();
  });

  it('subscribes before loading, and reloads once a late subscription is up', async () => {
    const order: string[] = [];
    let markReady: () => void = () => {};
    const load = vi.fn(async () => {
      order.push('load');
      return [flag('a', 'on')];
    });
    const runtime = createFlagRuntime({
      load,
      environment: 'test',
      subscribeTimeoutMs: 1_000,
      subscribe: () => {
        order.push('subscribe');
        return { ready: new Promise<void>((resolve) => (markReady = resolve)), close: async () => {} };
      },
    });
    const started = runtime.start();
    await vi.advanceTimersByTimeAsync(999);
    expect(order).toEqual(['subscribe']);
    await vi.advanceTimersByTimeAsync(1); // Redis is slow: load anyway
    await started;
    expect(order).toEqual(['subscribe', 'load']);
    markReady();
    await vi.advanceTimersByTimeAsync(20);
    await runtime.settled();
    expect(load).toHaveBeenCalledTimes(2);
    await runtime.close();
  });
});

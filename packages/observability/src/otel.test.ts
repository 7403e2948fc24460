import { describe, expect, it } from 'vitest';
import { initTelemetry } from './otel';

describe('initTelemetry', () => {
  it('is a no-op without an endpoint', async () => {
    const telemetry = await initTelemetry({ serviceName: 'test', endpoint: undefined });
    expect(telemetry.enabled).toBe(false);
    await expect(telemetry.shutdown()).resolves.toBeUndefined();
  });
});

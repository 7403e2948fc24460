import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { baseEnv, ConfigError, databaseEnv, loadEnv } from './index';

const Env = z.object({ ...baseEnv, ...databaseEnv });

describe('loadEnv', () => {
  it('parses valid input and applies defaults', () => {
    const env = loadEnv(Env, { DATABASE_URL: 'postgres://u:p@localhost:5432/db' });
    expect(env.NODE_ENV).toBe('development');
    expect(env.DATABASE_POOL_MAX).toBe(10);
  });

  it('names every missing or invalid variable', () => {
    let caught: unknown;
    try {
      loadEnv(Env, { NODE_ENV: 'staging', DATABASE_POOL_MAX: 'many' });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const err = caught as ConfigError;
    expect(err.variables.sort()).toEqual(['DATABASE_POOL_MAX', 'DATABASE_URL', 'NODE_ENV']);
    expect(err.message).toContain('DATABASE_URL');
  });

  it('treats empty strings as unset', () => {
    const env = loadEnv(Env, { DATABASE_URL: 'postgres://localhost/db', LOG_LEVEL: '' });
    expect(env.LOG_LEVEL).toBe('info');
  });

  it('rejects a non-postgres database URL', () => {
    expect(() => loadEnv(Env, { DATABASE_URL: 'mysql://localhost/db' })).toThrow(/DATABASE_URL/);
  });
});

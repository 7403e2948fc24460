import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyHeader, parseCopyHeader } from '../backup/format';
import { parseMajor } from '../backup/pg-tools';
import { compareCatalogs } from './catalog';
import { migrationDirName } from './create';
import { migrationExtensions } from './drift';
import { toLegacySchema } from './schema-diff';

describe('toLegacySchema', () => {
  it('adds the url Prisma 6 requires and drops generator blocks', () => {
    const out = toLegacySchema(
      'generator client {\n  provider = "prisma-client"\n  previewFeatures = ["x"]\n}\n\ndatasource db {\n  provider = "postgresql"\n}\n',
    );
    expect(out).not.toContain('generator');
    expect(out).toMatch(
      /datasource db \{\n {2}url = env\("DIFF_DATABASE_URL"\)\n {2}provider = "postgresql"/,
    );
  });
});

describe('migrationExtensions', () => {
  it('lists the extensions the migrations create, ignoring comments', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-ext-'));
    try {
      const write = (name: string, sql: string) => {
        mkdirSync(join(dir, name));
        writeFileSync(join(dir, name, 'migration.sql'), sql);
      };
      write('1_a', 'CREATE EXTENSION IF NOT EXISTS "pg_trgm";\nCREATE INDEX x ON t (a);');
      write('2_b', '-- CREATE EXTENSION hstore;\ncreate extension citext;');
      writeFileSync(join(dir, 'migration_lock.toml'), '');
      expect(migrationExtensions(dir)).toEqual(['citext', 'pg_trgm']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('migrationDirName', () => {
  it('prefixes a UTC timestamp and slugs the name', () => {
    expect(migrationDirName('Add User-Avatar!', new Date('2030-05-06T07:08:09.999Z'))).toBe(
      '20300506070809_add_user_avatar',
    );
  });
  it('rejects a name with no usable characters', () => {
    expect(() => migrationDirName('!!!', new Date())).toThrow(/Invalid migration name/);
  });
});

describe('compareCatalogs', () => {
  it('lists what each side lacks, and nothing when equal', () => {
    expect(compareCatalogs(['a', 'b'], ['a', 'b'])).toBe('');
    expect(compareCatalogs(['a', 'b'], ['a', 'c'])).toBe(
      '  only in schema.prisma: b\n  only in migrations:   c',
    );
  });
});

describe('backup format helpers', () => {
  it('round-trips COPY headers, including quotes in names', () => {
    expect(parseCopyHeader(copyHeader('public', 'we"ird', ['id', 'na"me']))).toEqual({ table: 'we"ird' });
    expect(parseCopyHeader('DROP TABLE users;')).toBeNull();
  });
  it('parses pg_dump --version output', () => {
    expect(parseMajor('pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)')).toBe(15);
    expect(parseMajor('pg_dump (PostgreSQL) 18.1')).toBe(18);
    expect(parseMajor('nonsense')).toBeNull();
  });
});

import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveMigrationsDir } from './local';

/** The integration harness's per-worker database URL (the server allows CREATE DATABASE). */
export function serverUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run under the vitest integration project');
  return url;
}

export const repoMigrationsDir = resolveMigrationsDir();
export const repoSchemaPath = join(repoMigrationsDir, '..', 'schema.prisma');

/** A private copy of prisma/ (schema + migrations) that a test may modify. */
export function copyPrismaDir(): { root: string; migrationsDir: string; schemaPath: string } {
  const root = mkdtempSync(join(tmpdir(), 'groundwork-prisma-'));
  cpSync(join(repoMigrationsDir, '..'), root, { recursive: true, filter: (src) => !src.endsWith('.ts') });
  return { root, migrationsDir: join(root, 'migrations'), schemaPath: join(root, 'schema.prisma') };
}

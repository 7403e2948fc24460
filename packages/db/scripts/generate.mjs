// Runs `prisma generate` offline-safe.
//
// Every Prisma 7 CLI command first makes sure the native schema engine is present and
// downloads it from binaries.prisma.sh otherwise — which fails without internet (and is
// useless here: `generate` runs entirely in wasm). The CLI accepts any existing file as
// PRISMA_SCHEMA_ENGINE_BINARY and only checks that it exists, so when the variable is
// unset we point it at the Node executable. A value set by the user is left alone.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(pkgDir, 'package.json'));
const prismaCli = join(dirname(require.resolve('prisma/package.json')), 'build', 'index.js');

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath,
  // No update check / telemetry calls to the network.
  CHECKPOINT_DISABLE: process.env.CHECKPOINT_DISABLE ?? '1',
  PRISMA_HIDE_UPDATE_MESSAGE: process.env.PRISMA_HIDE_UPDATE_MESSAGE ?? '1',
};

const result = spawnSync(
  process.execPath,
  [prismaCli, 'generate', '--config', join(pkgDir, 'prisma.config.ts'), ...process.argv.slice(2)],
  { cwd: pkgDir, env, stdio: 'inherit' },
);
process.exit(result.status ?? 1);

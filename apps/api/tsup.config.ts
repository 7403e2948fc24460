import { createRequire } from 'node:module';
import { defineConfig, type Options } from 'tsup';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

const requireFromApi = createRequire(new URL('./package.json', import.meta.url));

/**
 * npm packages stay external (node_modules is deployed next to dist/), workspace packages
 * (@repo/*, which export TypeScript source) are bundled in. An external import is resolved at
 * runtime from apps/api, so every npm package a bundled workspace package imports must also be a
 * dependency of @repo/api: this plugin fails the build naming the missing one instead of letting
 * `node dist/server.js` crash at startup.
 */
const externals: Plugin = {
  name: 'externals-resolvable-from-api',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@repo/') || args.path.startsWith('node:')) return undefined;
      const name = args.path.startsWith('@')
        ? args.path.split('/').slice(0, 2).join('/')
        : args.path.split('/')[0];
      try {
        requireFromApi.resolve(`${name}/package.json`);
      } catch {
        try {
          requireFromApi.resolve(args.path);
        } catch {
          return {
            errors: [{ text: `"${name}" (imported by ${args.importer}) must be a dependency of @repo/api` }],
          };
        }
      }
      return { path: args.path, external: true };
    });
  },
};

export default defineConfig({
  entry: { server: 'src/server.ts', migrate: 'src/migrate.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  outDir: 'dist',
  clean: true,
  sourcemap: true,
  // Code splitting keeps `await import('./app')` a real deferred import, so OpenTelemetry is
  // initialised before http/pg/ioredis are loaded (server.ts).
  splitting: true,
  noExternal: [/^@repo\//],
  esbuildPlugins: [externals],
});

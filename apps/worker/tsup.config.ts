import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { defineConfig, type Options } from 'tsup';

// One ESM file for `node dist/main.js`. Workspace packages (@repo/*) export TypeScript source,
// so they are bundled; npm packages stay external and load from node_modules at runtime. An npm
// import reached through a workspace package must therefore be a dependency of this app too:
// the plugin below fails the build when one is not, instead of silently inlining it (inlined
// pino loses its transports, inlined Prisma its engine files).
const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const declared = new Set(Object.keys(pkg.dependencies ?? {}));
const builtins = new Set(builtinModules);

const packageName = (specifier: string) =>
  specifier.startsWith('@')
    ? specifier.split('/').slice(0, 2).join('/')
    : (specifier.split('/')[0] ?? specifier);

type Plugin = NonNullable<Options['esbuildPlugins']>[number];
const externalizeNpm: Plugin = {
  name: 'externalize-npm',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      const name = packageName(args.path);
      if (name.startsWith('@repo/')) return undefined;
      if (args.path.startsWith('node:') || builtins.has(name)) return { path: args.path, external: true };
      if (declared.has(name)) return { path: args.path, external: true };
      return {
        errors: [{ text: `"${name}" (imported by ${args.importer}) must be a dependency of apps/worker` }],
      };
    });
  },
};

export default defineConfig({
  entry: ['src/main.ts'],
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  clean: true,
  sourcemap: true,
  splitting: false,
  noExternal: [/^@repo\//],
  esbuildPlugins: [externalizeNpm],
});

import { DevstackError } from '../types';

export interface CliArgs {
  mode: 'dev' | 'start';
  build: boolean;
  ephemeral: boolean;
  writeUrls: string | undefined;
}

export const USAGE = `Usage: cli.ts <dev|start> [--no-build] [--ephemeral] [--write-urls <file>]

  dev                 services + migrations + seed, apps in watch mode (pnpm dev)
  start               same with production builds (pnpm start; used by Playwright)
  --no-build          start: skip \`turbo run build\`
  --ephemeral         throw-away data in a temp dir and free ports (e2e runs)
  --write-urls <file> write the resolved URLs as JSON once everything answers`;

export function parseArgs(argv: string[]): CliArgs {
  const [mode, ...rest] = argv;
  if (mode !== 'dev' && mode !== 'start') throw new DevstackError(USAGE);
  const args: CliArgs = { mode, build: true, ephemeral: false, writeUrls: undefined };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--no-build') args.build = false;
    else if (arg === '--ephemeral') args.ephemeral = true;
    else if (arg === '--write-urls' && rest[i + 1]) args.writeUrls = rest[++i];
    else if (arg?.startsWith('--write-urls=')) args.writeUrls = arg.slice('--write-urls='.length);
    else throw new DevstackError(`Unknown argument: ${arg}\n\n${USAGE}`);
  }
  return args;
}

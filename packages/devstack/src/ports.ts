import getPort, { portNumbers } from 'get-port';
import { DEFAULT_PORTS, type ServiceName } from './types';

/**
 * Picks a listening port. An explicit port is used as is (a clash then fails loudly: the user
 * asked for it). Otherwise dev takes `preferred` or the next free one, so a second stack or a test
 * run beside `pnpm dev` never collides; ephemeral stacks take any free port.
 */
export async function pickPort(opts: {
  label: string;
  preferred: number;
  requested?: number | undefined;
  ephemeral: boolean;
  log: (line: string) => void;
}): Promise<number> {
  const { label, preferred, requested, ephemeral, log } = opts;
  if (requested !== undefined && requested !== 0) return requested;
  if (requested === 0 || ephemeral) return getPort();
  const port = await getPort({ port: portNumbers(preferred, preferred + 100) });
  if (port !== preferred) log(`${label}: port ${preferred} is busy, using ${port}`);
  return port;
}

export function resolvePort(
  name: ServiceName,
  requested: number | undefined,
  ephemeral: boolean,
  log: (line: string) => void,
): Promise<number> {
  return pickPort({ label: name, preferred: DEFAULT_PORTS[name], requested, ephemeral, log });
}

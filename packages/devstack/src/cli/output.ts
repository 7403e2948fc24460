import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

const useColor = process.stdout.isTTY === true && !process.env.NO_COLOR;
const CODES = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, gray: 90, bold: 1 } as const;
export type Color = keyof typeof CODES;

export const paint = (color: Color, text: string) =>
  useColor ? `\x1b[${CODES[color]}m${text}\x1b[0m` : text;

/** `name │ line` with the name padded so the output of all processes lines up. */
export function prefixer(name: string, color: Color) {
  const label = paint(color, name.padEnd(8));
  return (line: string) => process.stdout.write(`${label}│ ${line}\n`);
}

export function pipeLines(stream: Readable, write: (line: string) => void): void {
  createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', write);
}

export { useColor };

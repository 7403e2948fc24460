type Messages = { [key: string]: string | Messages };

/** Dotted paths of every leaf message, e.g. `Home.features.jobs.title`. */
export function messageKeys(messages: Messages, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'string' ? [path] : messageKeys(value, path);
  });
}

/** ICU argument names used by a message (`{ms, number}` → `ms`), sorted. */
export function messageArguments(message: string): string[] {
  return [...message.matchAll(/\{\s*([A-Za-z_][\w]*)\s*[,}]/g)].map((m) => m[1] ?? '').sort();
}

/** Keys present in `reference` but missing from `other` (and the reverse), for diagnostics. */
export function diffKeys(reference: Messages, other: Messages): { missing: string[]; extra: string[] } {
  const ref = new Set(messageKeys(reference));
  const oth = new Set(messageKeys(other));
  return {
    missing: [...ref].filter((k) => !oth.has(k)),
    extra: [...oth].filter((k) => !ref.has(k)),
  };
}

export function lookup(messages: Messages, path: string): string | undefined {
  let node: string | Messages | undefined = messages;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

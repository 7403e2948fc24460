/** A one-line error under a list or section (forms use FormAlert); renders nothing without one. */
export function InlineError({ error, testId }: { error: string | null | undefined; testId?: string }) {
  if (!error) return null;
  return (
    <p role="alert" className="text-destructive text-sm" data-testid={testId}>
      {error}
    </p>
  );
}

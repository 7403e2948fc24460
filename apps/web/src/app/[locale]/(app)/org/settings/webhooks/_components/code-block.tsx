import { cn } from '@/lib/utils';

/**
 * Preformatted text (JSON, headers) that scrolls inside its own labelled box, never the page;
 * focusable so keyboard users can scroll it too. Always left-to-right, also in Arabic.
 */
export function CodeBlock({
  label,
  text,
  testId,
  className,
}: {
  label: string;
  text: string;
  testId?: string;
  className?: string;
}) {
  return (
    <section
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be keyboard-reachable (WCAG 2.1.1).
      tabIndex={0}
      dir="ltr"
      className={cn('max-h-64 overflow-auto rounded-md border bg-muted/40 text-start', className)}
      data-testid={testId}
    >
      <pre className="p-3 font-mono text-xs">
        <code>{text}</code>
      </pre>
    </section>
  );
}

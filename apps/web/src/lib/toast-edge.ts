/**
 * The screen edge away from a control: one in the lower half of the viewport gets its toast at
 * the top, one in the upper half at the bottom, so the toast never covers the button it reports
 * on (components/ui/toaster.tsx).
 */
export function edgeAwayFrom(
  control: { top: number; bottom: number },
  viewportHeight: number,
): 'top' | 'bottom' {
  return (control.top + control.bottom) / 2 > viewportHeight / 2 ? 'top' : 'bottom';
}

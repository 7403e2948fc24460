import { describe, expect, it } from 'vitest';
import { edgeAwayFrom } from './toast-edge';

describe('edgeAwayFrom', () => {
  it('puts the toast at the edge opposite the control', () => {
    expect(edgeAwayFrom({ top: 700, bottom: 740 }, 844)).toBe('top');
    expect(edgeAwayFrom({ top: 80, bottom: 120 }, 844)).toBe('bottom');
  });

  it('decides by the control centre, a control across the middle going by where most of it is', () => {
    expect(edgeAwayFrom({ top: 340, bottom: 400 }, 720)).toBe('top');
    expect(edgeAwayFrom({ top: 320, bottom: 390 }, 720)).toBe('bottom');
  });

  it('sends a control above or below the viewport (scrolled away) to the far edge too', () => {
    expect(edgeAwayFrom({ top: -200, bottom: -160 }, 720)).toBe('bottom');
    expect(edgeAwayFrom({ top: 900, bottom: 940 }, 720)).toBe('top');
  });
});

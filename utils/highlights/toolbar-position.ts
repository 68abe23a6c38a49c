/** Where the highlight toolbar goes: centred above what it is for, below it when there is no room above, always in the viewport. */

interface Box {
  top: number;
  bottom: number;
  left: number;
  width: number;
}

const gap = 8;

/** The bar's top-left corner in viewport pixels, for an anchor box, the bar's size and the viewport's. */
export function toolbarPosition(
  anchor: Box,
  bar: { width: number; height: number },
  viewport: { width: number; height: number },
): { top: number; left: number } {
  const above = anchor.top - bar.height - gap;
  const top = Math.min(Math.max(gap, above >= gap ? above : anchor.bottom + gap), viewport.height - bar.height - gap);
  const left = Math.min(Math.max(gap, anchor.left + anchor.width / 2 - bar.width / 2), viewport.width - bar.width - gap);
  return { top: Math.round(top), left: Math.round(left) };
}

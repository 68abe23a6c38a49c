/**
 * Our page UI above whatever else is on the page. Other extensions and sites put their own fixed
 * overlays at the largest z-index (2147483647) too, and between equal z-indexes the later element
 * wins, so z-index alone cannot promise the reader is seen. A manual popover is shown in the
 * browser's top layer, above every z-index, without light dismiss or moving focus (Chrome 114+,
 * Firefox 125+); older browsers keep the z-index.
 */
export function showInTopLayer(host: HTMLElement): void {
  if (typeof host.showPopover !== 'function' || !host.isConnected) return;
  host.setAttribute('popover', 'manual');
  try {
    host.showPopover();
  } catch {
    // already shown, or the page made the element unable to be one: the z-index still applies
  }
}

/** Takes `host` out of the top layer (a no-op when it is not there), e.g. to show it again as the newest. */
export function hidePopover(host: HTMLElement): void {
  try {
    if (host.hasAttribute('popover') && host.matches(':popover-open')) host.hidePopover();
  } catch {
    // a browser without popovers: nothing to hide
  }
}

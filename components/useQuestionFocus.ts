import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/**
 * Focus for a question asked in place (role=alertdialog, e.g. 覆盖 / 另存为新文件 / 取消): when it
 * appears the focus goes to `first` (its least destructive answer), so the keyboard is at the question;
 * when it goes, the focus goes back to what had it before, if it was left in the removed buttons (on
 * the body).
 */
export function useQuestionFocus(open: boolean, first: RefObject<HTMLElement | null>): void {
  const before = useRef<HTMLElement | null>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open && !wasOpen.current) {
      before.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      first.current?.focus();
    } else if (!open && wasOpen.current) {
      const active = document.activeElement;
      if ((!active || active === document.body) && before.current?.isConnected) before.current.focus();
    }
    wasOpen.current = open;
  }, [open]);
}

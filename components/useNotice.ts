import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

/** A short confirmation (已复制, 已保存…): `flash` shows it, and it goes away by itself after `ms`. */
export function useNotice(ms = 2500): [string | null, (text: string) => void] {
  const [notice, setNotice] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const flash = useCallback(
    (text: string) => {
      setNotice(text);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setNotice(null), ms);
    },
    [ms],
  );
  return [notice, flash];
}

/**
 * Reader mode in headless Chromium with the built extension (`npm run build` first): time from the
 * shortcut's handler (Alt+Shift+R, run in the service worker) to the reader painted in the page,
 * median over 20 (the first open, which loads the engine, reported apart), and the layout shift the
 * page records while it opens. `npm run bench:reader`
 */
import { launch } from '../tools/browser-harness';

const runs = Number(process.env.BENCH_RUNS ?? 20);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const s = await launch();
try {
  const { page } = await s.openSite('https://www.woshipm.com/zhichang/6025589.html');
  await page.bringToFront();
  await page.evaluate('window.__name = (f) => f'); // tsx names inner functions with a helper the page lacks
  await page.evaluate(() => {
    const w = window as unknown as { shift: number };
    w.shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
        if (!entry.hadRecentInput) w.shift += entry.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const shiftBefore = await page.evaluate(() => (window as unknown as { shift: number }).shift);
  const worker = s.context.serviceWorkers()[0] ?? (await s.context.waitForEvent('serviceworker'));
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    // Wait in the page for the reader host to appear and two frames to be painted.
    const painted = page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const done = () => requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
          const ready = () => document.querySelector('woshipm-reader')?.shadowRoot?.querySelector('.reader .body p');
          if (ready()) return done();
          const observer = new MutationObserver(() => {
            if (ready()) {
              observer.disconnect();
              done();
            }
          });
          observer.observe(document.body, { childList: true });
        }),
    );
    const start = performance.now();
    await worker.evaluate(() =>
      (globalThis as unknown as { woshipmReader: { onCommand(c: string): Promise<unknown> } }).woshipmReader.onCommand('toggle-reader'),
    );
    await painted;
    times.push(performance.now() - start);
    await worker.evaluate(() =>
      (globalThis as unknown as { woshipmReader: { onCommand(c: string): Promise<unknown> } }).woshipmReader.onCommand('toggle-reader'),
    );
    await page.locator('woshipm-reader').waitFor({ state: 'detached' });
  }
  const shift = (await page.evaluate(() => (window as unknown as { shift: number }).shift)) - shiftBefore;
  console.log(`Reader mode, shortcut handler -> reader painted (headless Chromium, 2 cores)`);
  console.log(`  first open (engine loads): ${times[0]!.toFixed(0)} ms`);
  console.log(`  next ${runs} opens: median ${median(times.slice(1)).toFixed(0)} ms, max ${Math.max(...times.slice(1)).toFixed(0)} ms`);
  console.log(`  layout shift recorded by the page over ${runs + 1} opens and closes: ${shift.toFixed(4)}`);
} finally {
  await s.close();
}

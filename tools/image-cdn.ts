/**
 * A stand-in for woshipm's image CDNs (image.woshipm.com, static.woshipm.com) for browser tests:
 * a local HTTPS server (self-signed certificate made with `openssl` at start) that, like the real
 * ones, answers 403 unless the request's Referer is a woshipm page. Point the browser at it with
 * `cdnArgs(port)`. Each image's bytes are derived from its path, and every answer is recorded, so a
 * test can compare saved files with what was served and see the Referer each request carried.
 *
 *   /…/missing.*   404, whatever the Referer
 *   /…/error.*     200 with an HTML error page (what some CDNs send instead of a 404)
 *   other paths    an image whose type follows the extension (png, jpg, gif), distinct bytes per path
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const cdnHosts = ['image.woshipm.com', 'static.woshipm.com'];

const signatures: Record<string, { type: string; head: Buffer }> = {
  png: { type: 'image/png', head: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  jpg: { type: 'image/jpeg', head: Buffer.from([0xff, 0xd8, 0xff, 0xe0]) },
  gif: { type: 'image/gif', head: Buffer.from('GIF89a') },
};

/**
 * Image bytes for a path: the format's signature, then bytes from its hash (binary, so never mistaken
 * for text); a name ending in `-<N>k` (`photo-500k.jpg`) weighs N kB, for benchmarks.
 */
export function imageBytes(pathname: string): { bytes: Buffer; type: string } {
  const ext = /\.(png|jpg|gif)(?:$|!)/i.exec(pathname)?.[1]?.toLowerCase() ?? 'png';
  const { type, head } = signatures[ext]!;
  const kb = Number(/-(\d+)k\.[a-z]+(?:$|!)/i.exec(pathname)?.[1] ?? 0);
  const seed = createHash('sha256').update(pathname).digest();
  const body = kb
    ? Buffer.concat(Array.from({ length: Math.ceil((kb * 1024) / 32) }, (_, i) => seed.map((b, j) => b ^ ((i * 31 + j * 7) & 0xff))))
    : Buffer.concat(Array.from({ length: 8 }, (_, i) => createHash('sha256').update(`${i}:${pathname}`).digest()));
  return { bytes: Buffer.concat([head, body]), type };
}

const woshipmPage = /^https?:\/\/([a-z0-9-]+\.)*woshipm\.com\//i;

export interface CdnRequest {
  url: string;
  referer: string | undefined;
  status: number;
}

export interface ImageCdn {
  port: number;
  /** Every request, in order. */
  requests: CdnRequest[];
  /** URL -> the image bytes answered with 200. */
  served: Map<string, Buffer>;
  /** Milliseconds each answer waits (to watch progress); 0 by default. */
  delayMs: number;
  close(): Promise<void>;
}

/** `port`: 0 for any free one (Chromium reaches it through `cdnArgs`); 443 where the browser can only be told the host (Firefox: `firefoxCdnPrefs`). */
export async function startImageCdn({ port = 0 }: { port?: number } = {}): Promise<ImageCdn> {
  const dir = mkdtempSync(path.join(tmpdir(), 'wr-cdn-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      '/CN=image.woshipm.com',
      '-addext',
      `subjectAltName=${cdnHosts.map((h) => `DNS:${h}`).join(',')},IP:127.0.0.1`,
    ],
    { stdio: 'ignore' },
  );
  const requests: CdnRequest[] = [];
  const served = new Map<string, Buffer>();
  const server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    const url = `https://${req.headers.host?.replace(/:\d+$/, '')}${req.url}`;
    const referer = req.headers.referer;
    const { pathname } = new URL(url);
    const answer = (status: number, type: string, body: Buffer | string) => {
      requests.push({ url, referer, status });
      setTimeout(() => {
        res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
        res.end(body);
      }, cdn.delayMs);
    };
    if (/\/missing\.[a-z]+$/i.test(pathname)) return answer(404, 'text/html; charset=utf-8', '<h1>404 Not Found</h1>');
    if (!referer || !woshipmPage.test(referer)) return answer(403, 'text/html; charset=utf-8', '<h1>403 Forbidden</h1><p>hotlink</p>');
    if (/\/error\.[a-z]+$/i.test(pathname)) return answer(200, 'text/html; charset=utf-8', '<!doctype html><title>出错了</title><p>图片暂时无法访问</p>');
    const { bytes, type } = imageBytes(pathname);
    served.set(url, bytes);
    return answer(200, type, bytes);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const cdn: ImageCdn = {
    port: (server.address() as AddressInfo).port,
    requests,
    served,
    delayMs: 0,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
  return cdn;
}

/** Chromium flags that send the CDN hosts to the local server and accept its certificate. */
export const cdnArgs = (port: number) => [
  `--host-resolver-rules=${cdnHosts.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(', ')}`,
  '--ignore-certificate-errors',
];

/** Firefox prefs that send the CDN hosts to this machine (a stand-in on port 443); its certificate is then accepted by the session. */
export const firefoxCdnPrefs = { 'network.dns.localDomains': cdnHosts.join(',') };

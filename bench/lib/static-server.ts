import http from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.json': 'application/json',
};
const VENDOR: Record<string, string> = {
  'leaflet.css': 'node_modules/leaflet/dist/leaflet.css',
  'leaflet.js': 'node_modules/leaflet/dist/leaflet.js',
  'MarkerCluster.css': 'node_modules/leaflet.markercluster/dist/MarkerCluster.css',
  'MarkerCluster.Default.css': 'node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css',
  'leaflet.markercluster.js': 'node_modules/leaflet.markercluster/dist/leaflet.markercluster.js',
};

/** Loopback server for the Leaflet.markercluster comparison page and its points (fixed routes only). */
export function startStaticServer(port: number, pointsJson: string): Promise<{ url: string; close(): void }> {
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    let file: string | null = null;
    let body: string | Buffer | null = null;
    if (path === '/points.json') body = pointsJson;
    else if (path === '/markercluster.html' || path === '/markercluster.js') file = join('bench/browser', path.slice(1));
    else if (path.startsWith('/vendor/images/') && /^[\w-]+\.png$/.test(path.slice(15)))
      file = join('node_modules/leaflet/dist/images', path.slice(15));
    else if (path.startsWith('/vendor/')) file = VENDOR[path.slice(8)] ?? null;
    if (file) body = readFileSync(file);
    if (body === null) {
      res.writeHead(404).end();
      return;
    }
    const ext = path.slice(path.lastIndexOf('.'));
    res.writeHead(200, { 'content-type': TYPES[ext] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
  });
  return new Promise((resolve) =>
    server.listen(port, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${port}`, close: () => server.close() })),
  );
}

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { processSingleton } from '@/lib/registry';
import {
  buildMapIndex,
  decodeFeatures,
  pointArrays,
  viewportFeatures,
  type MapFeature,
  type MapIndex,
  type MapPoint,
  type Viewport,
} from '@/lib/map/cluster';

/** Indexes the worker keeps (least recently used beyond this are dropped and rebuilt on demand). */
export const WORKER_INDEXES = 8;
const WORKER_FILE = join(process.cwd(), 'server', 'map', 'cluster-worker.mjs');

type Reply = { id: number; error?: string; missing?: boolean; result?: { zoom: number; records: number[] } };

/**
 * Builds and queries cluster indexes in a worker thread, so a build (about a second per 100k
 * points) never blocks the server's event loop; requests wait on a promise instead. When no
 * worker can run (its file is absent, or it died), indexes are built in this thread as before.
 */
class ClusterWorker {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  private nextId = 1;

  private ensure(): Worker | null {
    if (this.worker) return this.worker;
    if (!existsSync(WORKER_FILE)) return null;
    const w = new Worker(WORKER_FILE, { workerData: { capacity: WORKER_INDEXES } });
    w.unref();
    w.on('message', (r: Reply) => {
      const p = this.pending.get(r.id);
      this.pending.delete(r.id);
      if (!p) return;
      if (r.error) p.reject(new Error(`cluster worker: ${r.error}`));
      else p.resolve(r);
    });
    const fail = (err: Error) => {
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
      if (this.worker === w) this.worker = null;
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`cluster worker exited (${code})`)));
    return (this.worker = w);
  }

  call(message: Record<string, unknown>, transfer: ArrayBuffer[] = []): Promise<Reply> | null {
    const w = this.ensure();
    if (!w) return null;
    const id = this.nextId++;
    return new Promise<Reply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      w.postMessage({ ...message, id }, transfer);
    });
  }
}

const worker = processSingleton('clusterWorker', () => new ClusterWorker());
let builds = 0;

/** A built index: in the worker (by key) or, without a worker, in this thread. */
export interface ClusterHandle {
  key: string;
  points: readonly MapPoint[];
  local: MapIndex | null;
}

export async function buildClusters(points: readonly MapPoint[]): Promise<ClusterHandle> {
  const key = `b${++builds}`;
  const { lon, lat, killed } = pointArrays(points);
  const reply = worker.call({ type: 'build', key, lon, lat, killed }, [lon.buffer, lat.buffer, killed.buffer] as ArrayBuffer[]);
  if (!reply) return { key, points, local: buildMapIndex(points) };
  await reply;
  return { key, points, local: null };
}

/** Features in the viewport; null when the worker no longer holds the index (rebuild it). */
export async function queryClusters(
  h: ClusterHandle,
  view: Viewport,
  zoom: number,
  max: number,
): Promise<{ zoom: number; features: MapFeature[] } | null> {
  if (h.local) return viewportFeatures(h.local, view, zoom, max);
  const reply = worker.call({ type: 'query', key: h.key, view, zoom, max });
  if (!reply) return null;
  const r = await reply;
  if (r.missing || !r.result) return null;
  return { zoom: r.result.zoom, features: decodeFeatures(h.points, r.result.records) };
}

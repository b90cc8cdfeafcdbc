// Worker thread that builds and queries map cluster indexes off the server's event loop: a build
// over 100k points takes about a second, a million several. Messages: { id, type: 'build', key,
// lon, lat, killed } → { id }; { id, type: 'query', key, view, zoom, max } → { id, result } or
// { id, missing: true } when the index was evicted. Indexes are kept least-recently-used.
import { parentPort, workerData } from 'node:worker_threads';
import { buildIndex, queryIndex } from '../../lib/map/cluster-engine.mjs';

const capacity = workerData?.capacity ?? 8;
const indexes = new Map();

parentPort.on('message', (m) => {
  try {
    if (m.type === 'build') {
      indexes.delete(m.key);
      indexes.set(m.key, buildIndex(m.lon, m.lat, m.killed));
      while (indexes.size > capacity) indexes.delete(indexes.keys().next().value);
      parentPort.postMessage({ id: m.id });
    } else if (m.type === 'query') {
      const index = indexes.get(m.key);
      if (!index) return parentPort.postMessage({ id: m.id, missing: true });
      indexes.delete(m.key);
      indexes.set(m.key, index);
      parentPort.postMessage({ id: m.id, result: queryIndex(index, m.view, m.zoom, m.max) });
    } else parentPort.postMessage({ id: m.id, error: `unknown message type ${m.type}` });
  } catch (err) {
    parentPort.postMessage({ id: m.id, error: String(err && err.stack ? err.stack : err) });
  }
});

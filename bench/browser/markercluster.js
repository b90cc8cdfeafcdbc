/* global L -- Leaflet and its markercluster plugin are loaded by <script> tags before this file. */
// Same points, same viewport, the classic way: one L.marker per incident in a markerClusterGroup.
(async () => {
  const q = new URLSearchParams(location.search);
  L.Icon.Default.imagePath = '/vendor/images/';
  const map = L.map('map', { preferCanvas: true, maxZoom: 18 }).setView(
    [Number(q.get('lat')), Number(q.get('lon'))],
    Number(q.get('zoom')),
  );
  const res = await fetch('/points.json');
  const text = await res.text();
  const tData = performance.now();
  const points = JSON.parse(text);
  const group = L.markerClusterGroup({ chunkedLoading: false });
  group.addLayers(points.map((p) => L.marker(p)));
  map.addLayer(group);
  requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () =>
      (window.__mcResult = {
        points: points.length,
        renderMs: performance.now() - tData,
        nodes: document.getElementsByTagName('*').length,
      });
    ch.port2.postMessage(0);
  });
})();

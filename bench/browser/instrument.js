// Injected before any page script: records frames, DOM/canvas activity in the map, long
// tasks, LCP, CLS, server-sent events and inputs, all on the page's performance clock.
(() => {
  const fw = (window.__fw = {
    frames: [],
    mapMutations: [],
    // DOM changes in the dashboard's four result views (map, count, list, timeline).
    viewMutations: [],
    draws: [],
    longTasks: [],
    lcp: 0,
    cls: 0,
    sse: [],
    inputs: [],
    seen: {},
    alertItems: [],
  });
  const loop = () => {
    fw.frames.push(performance.now());
    if (fw.frames.length > 20000) fw.frames.splice(0, 10000);
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  const observe = (type, fn) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(fn)).observe({ type, buffered: true });
    } catch {
      // This browser does not report that entry type: the metric is simply absent.
    }
  };
  observe('longtask', (e) => fw.longTasks.push({ start: e.startTime, duration: e.duration }));
  observe('largest-contentful-paint', (e) => (fw.lcp = e.startTime));
  observe('layout-shift', (e) => {
    if (!e.hadRecentInput) fw.cls += e.value;
  });
  const proto = window.CanvasRenderingContext2D && CanvasRenderingContext2D.prototype;
  if (proto) {
    for (const name of ['arc', 'fillText', 'drawImage']) {
      const orig = proto[name];
      proto[name] = function (...args) {
        fw.draws.push(performance.now());
        if (fw.draws.length > 50000) fw.draws.splice(0, 25000);
        return orig.apply(this, args);
      };
    }
  }
  const watchText = (node) => {
    const text = node.textContent || '';
    for (const key of Object.keys(fw.seen))
      if (fw.seen[key] === 0 && text.includes(key)) fw.seen[key] = performance.timeOrigin + performance.now();
  };
  new MutationObserver((records) => {
    const now = performance.now();
    for (const r of records) {
      const el = r.target.nodeType === 1 ? r.target : r.target.parentElement;
      if (el && el.closest && el.closest('.leaflet-container')) fw.mapMutations.push(now);
      if (el && el.closest && el.closest('.leaflet-container, [data-testid="incident-count"], .fw-list, [data-testid="timeline"]'))
        fw.viewMutations.push(now);
      r.addedNodes.forEach((n) => {
        if (n.nodeType === 1 && (n.matches('[data-testid="alert-item"]') || n.querySelector('[data-testid="alert-item"]')))
          fw.alertItems.push(performance.timeOrigin + now);
      });
      if (Object.keys(fw.seen).length) {
        r.addedNodes.forEach(watchText);
        if (r.type === 'characterData') watchText(r.target);
      }
    }
    if (fw.mapMutations.length > 50000) fw.mapMutations.splice(0, 25000);
    if (fw.viewMutations.length > 50000) fw.viewMutations.splice(0, 25000);
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  // Requests the page has made and not yet had an answer for (a view is not painted while one runs).
  fw.inflight = 0;
  const fetchOrig = window.fetch;
  if (fetchOrig)
    window.fetch = function (...args) {
      fw.inflight++;
      return fetchOrig.apply(this, args).finally(() => fw.inflight--);
    };
  const ES = window.EventSource;
  if (ES) {
    window.EventSource = function (url, init) {
      const es = new ES(url, init);
      for (const type of ['incident', 'alert'])
        es.addEventListener(type, (e) =>
          fw.sse.push({ type, at: performance.timeOrigin + performance.now(), data: String(e.data).slice(0, 2000) }),
        );
      return es;
    };
    window.EventSource.prototype = ES.prototype;
    Object.assign(window.EventSource, { CONNECTING: 0, OPEN: 1, CLOSED: 2 });
  }
  for (const type of ['wheel', 'pointerdown', 'pointermove', 'change'])
    addEventListener(type, (e) => fw.inputs.push({ type, at: e.timeStamp }), { capture: true, passive: true });
})();

import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import type { GeoBounds } from '@/lib/map/bounds';
import type { MapFeature } from '@/lib/map/cluster';

/** The map's current view as the navigator publishes it: `west,south,east,north@zoom`. */
async function mapView(page: Page): Promise<GeoBounds & { zoom: number; raw: string }> {
  const raw = (await page.getByTestId('map-navigator').getAttribute('data-view')) ?? '';
  const [box, zoom] = raw.split('@');
  const [west, south, east, north] = box.split(',').map(Number);
  return { west, south, east, north, zoom: Number(zoom), raw };
}

/** Waits for the map to stop at a view other than `before`. */
async function movedFrom(page: Page, before: string) {
  await expect.poll(async () => (await mapView(page)).raw, { timeout: 10_000 }).not.toBe(before);
  // flyToBounds ends with one moveend; a second read confirms the view has settled.
  let last = '';
  await expect
    .poll(async () => {
      const now = (await mapView(page)).raw;
      const same = now === last;
      last = now;
      return same;
    })
    .toBe(true);
  return mapView(page);
}

const inside = (b: GeoBounds, lat: number, lon: number) => lon >= b.west && lon <= b.east && lat >= b.south && lat <= b.north;

async function labelCount(page: Page): Promise<number> {
  await expect(page.getByTestId('place-labels')).toHaveAttribute('data-count', /^[1-9]/);
  return Number(await page.getByTestId('place-labels').getAttribute('data-count'));
}

async function open(page: Page, search: string) {
  await page.goto(`/${search}`);
  await expect(page.getByTestId('map-status')).not.toHaveAttribute('data-total', '');
  await expect(page.getByTestId('map-navigator')).toBeVisible();
}

/**
 * No place label overlaps a cluster's count (DOM boxes; the cluster discs are on the canvas below
 * the same point), once the labels have been re-placed for the markers on screen.
 */
async function expectLabelsClearOfClusters(page: Page) {
  const overlaps = () =>
    page.evaluate(() => {
      const boxes = (sel: string) => [...document.querySelectorAll(sel)].map((e) => e.getBoundingClientRect());
      const labels = boxes('.fw-place-label .fw-place-name');
      const clusters = boxes('.fw-cluster-label');
      return labels.filter((l) => clusters.some((c) => l.left < c.right && c.left < l.right && l.top < c.bottom && c.top < l.bottom))
        .length;
    });
  await expect.poll(overlaps, { timeout: 3000 }).toBe(0);
}

async function shot(page: Page, testInfo: TestInfo, name: string) {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

test('"Zoom to results" fits every incident of the filter, wherever the map was', async ({ page }) => {
  const filter = 'region=kp&from=2024-01-01';
  await open(page, `?${filter}`);
  const bounds = (await (await page.request.get(`/api/incidents/bounds?${filter}`)).json()) as { total: number; bounds: GeoBounds };
  expect(bounds.total).toBeGreaterThan(0);
  // Start far from the results (Tajikistan), then ask for them.
  let before = (await mapView(page)).raw;
  await page.getByTestId('zoom-region-tajikistan').click();
  before = (await movedFrom(page, before)).raw;
  await page.getByTestId('zoom-to-results').click();
  const view = await movedFrom(page, before);
  expect(inside(view, bounds.bounds.south, bounds.bounds.west) && inside(view, bounds.bounds.north, bounds.bounds.east)).toBe(true);
  // Every cluster and incident of the filter (the whole world's answer) lies in the view.
  const world = (await (await page.request.get(`/api/map?${filter}&zoom=${Math.round(view.zoom)}&bbox=-180,-90,180,90`)).json()) as {
    total: number;
    features: MapFeature[];
  };
  expect(world.features.filter((f) => !inside(view, f.lat, f.lon))).toEqual([]);
  // …and the map shows them all.
  await expect(page.getByTestId('map-status')).toHaveAttribute('data-total', String(world.total));
});

test('each region button moves the map onto that region', async ({ page }) => {
  await open(page, '?from=2024-01-01');
  for (const id of ['kp', 'balochistan', 'barmal', 'tajikistan']) {
    const button = page.getByTestId(`zoom-region-${id}`);
    const [west, south, east, north] = ((await button.getAttribute('data-bounds')) ?? '').split(',').map(Number);
    const frame = { id, bounds: { west, south, east, north } };
    const before = (await mapView(page)).raw;
    await button.click();
    const view = await movedFrom(page, before);
    const centre = { lat: (view.north + view.south) / 2, lon: (view.east + view.west) / 2 };
    expect(inside(frame.bounds, centre.lat, centre.lon), `${frame.id} centred`).toBe(true);
    expect(inside(view, frame.bounds.south, frame.bounds.west) && inside(view, frame.bounds.north, frame.bounds.east)).toBe(true);
  }
});

test('place names: some at zoom 5, more at zoom 9, never over a cluster; scale and coordinates', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await open(page, '?from=2024-01-01');
  expect((await mapView(page)).zoom).toBe(5);
  const at5 = await labelCount(page);
  expect(at5).toBeGreaterThanOrEqual(8);
  await expectLabelsClearOfClusters(page);
  await expect(page.locator('.leaflet-control-scale-line')).toBeVisible();
  const map = page.getByTestId('map').locator('.leaflet-container');
  const box = (await map.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.getByTestId('map-coords')).toHaveText(/^\d+\.\d\d° [NS] \d+\.\d\d° [EW]$/);

  let before = (await mapView(page)).raw;
  await page.getByTestId('zoom-region-kp').click();
  let view = await movedFrom(page, before);
  while (view.zoom < 9) {
    before = view.raw;
    await page.getByRole('button', { name: 'Zoom in' }).click();
    view = await movedFrom(page, before);
  }
  expect(view.zoom).toBe(9);
  await expect.poll(() => labelCount(page)).toBeGreaterThan(at5);
  await expectLabelsClearOfClusters(page);
  await shot(page, testInfo, 'map-zoom9-1366x768');
});

for (const scheme of ['light', 'dark'] as const) {
  test(`dashboard map in ${scheme}: no serious axe violation; screenshots at 1366×768 and 390×844`, async ({ page }, testInfo) => {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [w, h] of [
      [1366, 768],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await open(page, '?from=2024-01-01');
      await labelCount(page);
      await expectLabelsClearOfClusters(page);
      await shot(page, testInfo, `map-${scheme}-${w}x${h}`);
    }
    await page.setViewportSize({ width: 1366, height: 768 });
    const result = await new AxeBuilder({ page }).analyze();
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}

import { request, type FullConfig } from '@playwright/test';
import { e2eAdmin, e2eStorageState } from '../../playwright.config';

/**
 * Signs in once as the admin that serve.ts created from ADMIN_EMAIL/ADMIN_PASSWORD and saves the
 * session cookie, so every spec's `page` starts signed in (specs that test sign-in itself open a
 * fresh `browser.newContext()`). Runs after the webServer is up.
 */
export default async function globalSetup(config: FullConfig): Promise<void> {
  const baseURL = config.projects[0].use.baseURL!;
  const ctx = await request.newContext({ baseURL });
  const res = await ctx.post('/api/auth/sign-in', {
    data: { email: e2eAdmin.email, password: e2eAdmin.password },
    headers: { origin: baseURL },
  });
  if (!res.ok()) throw new Error(`e2e global setup: admin sign-in failed with ${res.status()}: ${await res.text()}`);
  await ctx.storageState({ path: e2eStorageState });
  await ctx.dispose();
}

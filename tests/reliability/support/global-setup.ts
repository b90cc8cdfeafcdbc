import { ensureBuild } from './build';

/** One production build (in its own folder) shared by every scenario. */
export default function setup(): void {
  if (process.env.REL_SKIP_BUILD !== '1') ensureBuild();
}

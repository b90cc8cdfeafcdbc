import type { Linter } from 'eslint';

/** The layer rule as ESLint config for the project at `root` (this project by default). */
export declare function layerConfig(root?: string): Linter.Config[];

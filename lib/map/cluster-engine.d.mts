import type Supercluster from 'supercluster';

export declare const MAX_FEATURES: number;
export declare const CLUSTER_MAX_ZOOM: number;
export declare const POINT: 0;
export declare const CLUSTER: 1;

export type ClusterIndex = Supercluster<{ i: number; k: number }, { k: number }>;

export declare function buildIndex(lon: ArrayLike<number>, lat: ArrayLike<number>, killed: ArrayLike<number>): ClusterIndex;

export declare function queryIndex(
  index: ClusterIndex,
  view: { west: number; south: number; east: number; north: number },
  zoom: number,
  max: number,
): { zoom: number; records: number[] };

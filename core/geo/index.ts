export * from './geometry.ts';
export * from './bounding-box.ts';
export * from './point-in-polygon.ts';
export * from './area.ts';
export * from './centroid.ts';
export * from './distance.ts';
export * from './china-datums.ts';
export * from './validity.ts';

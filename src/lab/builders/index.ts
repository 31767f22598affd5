/** Fixture builders for Cluster API, CAPV and core objects (Velero `pkg/builder` style). */
export * from './bootstrap.js';
export * from './capi.js';
export * from './cluster.js';
export * from './cluster-secrets.js';
export * from './core.js';
export * from './health-check.js';
export * from './machine.js';
export * from './object-builder.js';
export * from './seeded.js';
export * from './topology.js';
export * from './vsphere.js';
export * from './workers.js';

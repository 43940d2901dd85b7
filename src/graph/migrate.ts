/**
 * Keeps old graph files loading: each schema version bump adds a step here that upgrades the previous shape.
 */
import { SCHEMA_VERSION } from '../schema/index.js';
import { NewsgraphError } from '../errors.js';
import type { SerializedNewsGraph } from './news-graph.js';

type Migration = (data: SerializedNewsGraph) => SerializedNewsGraph;

const withVersion = (data: SerializedNewsGraph, schemaVersion: number): SerializedNewsGraph =>
  ({ ...data, attributes: { ...data.attributes!, schemaVersion } });

/** MIGRATIONS[v] upgrades a version-v file to version v + 1. */
const MIGRATIONS: Record<number, Migration> = {
  // 2 added open relations (`open`, a phrase as `label`, keys with the phrase). Version 1 had none: its edges are
  // version-2 edges as they stand.
  1: (data) => withVersion(data, 2),
};

export function migrateGraphData(data: SerializedNewsGraph, file: string): SerializedNewsGraph {
  let version = data.attributes?.schemaVersion ?? 0;
  if (version > SCHEMA_VERSION) {
    throw new NewsgraphError(`${file}: graph schema version ${version} is newer than this newsgraph understands (${SCHEMA_VERSION}); upgrade newsgraph`);
  }
  let out = data;
  while (version < SCHEMA_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) throw new NewsgraphError(`${file}: not a newsgraph graph: unsupported schema version ${version}`);
    out = step(out);
    version += 1;
  }
  return out;
}

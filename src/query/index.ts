/** The query API: find entities by name, walk their neighbourhoods and paths, search text, count things. */
export { findEntity, FIND_ENTITY_DEFAULTS, type EntityMatch, type FindEntityOptions, type MatchKind } from './find-entity.js';
export { resolveEntity, requireEntity, EntityLookupError, FUZZY_LEAD, type Resolution, type ResolveStatus } from './resolve.js';
export { neighbours, NEIGHBOURS_DEFAULTS, type NeighboursOptions, type NeighboursResult, type NeighbourNode } from './neighbours.js';
export { path, PATH_DEFAULTS, type PathOptions, type PathResult, type PathHop } from './path.js';
export { search, SEARCH_DEFAULTS, type SearchOptions, type SearchResult, type NodeHit, type EvidenceHit, type EdgeRef } from './search.js';
export { stats, STATS_DEFAULTS, type StatsOptions, type GraphStats, type DegreeEntry } from './stats.js';
export { normalise } from './text.js';
export { DIRECTIONS, type Direction, type EdgeView, type NodeSummary } from './types.js';

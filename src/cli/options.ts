/** Option parsers shared by the commands. */
import { InvalidArgumentError } from 'commander';
import { ENTITY_KINDS, RELATION_IDS, isEntityKind, isRelationId, type EntityKind, type RelationId } from '../schema/index.js';

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of 1 or more');
  return n;
}

export function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535');
  return n;
}

/** Repeatable `--relation R` with validation against the relation table. */
export function collectRelation(value: string, previous: RelationId[] = []): RelationId[] {
  if (!isRelationId(value)) throw new InvalidArgumentError(`unknown relation (one of ${RELATION_IDS.join(', ')})`);
  return [...previous, value];
}

/** Repeatable `--kind K` with validation against the entity kinds. */
export function collectKind(value: string, previous: EntityKind[] = []): EntityKind[] {
  if (!isEntityKind(value)) throw new InvalidArgumentError(`unknown kind (one of ${ENTITY_KINDS.join(', ')})`);
  return [...previous, value];
}

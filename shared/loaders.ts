import DataLoader from 'dataloader';
import {
  In,
  type DataSource,
  type FindOptionsOrder,
  type FindOptionsWhere,
  type ObjectLiteral,
  type Repository,
} from 'typeorm';
import { runPrepared, type PreparedStatement } from './database';

/**
 * A loader of at most one row per key: `fetch` gets the distinct keys of one batch and returns the
 * rows found in any order; the loader answers in key order, with null for keys not found.
 * Create loaders per request, never share them across users.
 */
export function createRowLoader<K, R>(
  fetch: (keys: readonly K[]) => Promise<R[]>,
  keyOf: (row: R) => K,
): DataLoader<K, R | null> {
  return new DataLoader<K, R | null>(async (keys) => {
    const byKey = new Map<K, R>();
    for (const row of await fetch(keys)) byKey.set(keyOf(row), row);
    return keys.map((k) => byKey.get(k) ?? null);
  });
}

/**
 * A loader of every row sharing a key (one-to-many): answers each key with its rows, in the order
 * `fetch` returned them, or an empty list.
 */
export function createGroupLoader<K, R>(
  fetch: (keys: readonly K[]) => Promise<R[]>,
  keyOf: (row: R) => K,
): DataLoader<K, R[]> {
  return new DataLoader<K, R[]>(async (keys) => {
    const byKey = new Map<K, R[]>();
    for (const row of await fetch(keys)) {
      const key = keyOf(row);
      const group = byKey.get(key);
      if (group) group.push(row);
      else byKey.set(key, [row]);
    }
    return keys.map((k) => byKey.get(k) ?? []);
  });
}

/**
 * A group loader over one table by a key column: every row whose `key` is one of the batch's keys,
 * in `order`, in one statement. The usual "records of a person" access path.
 */
export function createRowsByLoader<E extends ObjectLiteral, K extends keyof E & string>(
  repository: Repository<E>,
  key: K,
  order: FindOptionsOrder<E>,
): DataLoader<E[K], E[]> {
  return createGroupLoader<E[K], E>(
    (keys) => repository.find({ where: { [key]: In([...keys]) } as FindOptionsWhere<E>, order }),
    (row) => row[key],
  );
}

/**
 * A loader of one row per key from a prepared statement taking the batch's keys as `$1::text[]`
 * (shared/database.ts `prepared`): the shape of a hot read that returns each person's records in
 * one row, a list per column (`json_agg` subqueries), so a batch of any size is one statement.
 * `key` names the column holding the key; the loader answers null for a key with no row.
 */
export function createPreparedRowLoader<R extends Record<string, unknown>>(
  dataSource: DataSource,
  statement: PreparedStatement,
  key: keyof R & string,
): DataLoader<string, R | null> {
  return createRowLoader<string, R>(
    (keys) => runPrepared<R>(dataSource, statement, [[...keys]]),
    (row) => row[key] as string,
  );
}

/**
 * Collects the requests made in one turn of the event loop for one key (a gateway request, a subgraph request) and
 * sends them together: `send` gets every request collected and answers each, in order.
 */
export class TurnBatcher<K extends object, Q, A> {
  private readonly pending = new WeakMap<K, { items: Q[]; answers: Promise<A[]> }>();

  constructor(private readonly send: (items: Q[]) => Promise<A[]>) {}

  /** Joins `item` to `key`'s batch of this turn and answers with its own part. */
  async add(key: K, item: Q): Promise<A> {
    let batch = this.pending.get(key);
    if (!batch) {
      const created: { items: Q[]; answers: Promise<A[]> } = {
        items: [],
        answers: new Promise<A[]>((resolve, reject) => {
          // After every fetch of this plan step has been started.
          setImmediate(() => {
            this.pending.delete(key);
            this.send(created.items).then(resolve, reject);
          });
        }),
      };
      this.pending.set(key, created);
      batch = created;
    }
    const at = batch.items.push(item) - 1;
    return (await batch.answers)[at];
  }
}

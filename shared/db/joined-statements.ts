import DataLoader from 'dataloader';

export interface JoinOptions<Row> {
  /** Whether these rows may share one statement; those that may not are written one by one. */
  joinable?: (rows: readonly Row[]) => boolean;
  /** Join across the I/O callbacks of one pass of the event loop, not only one callback's. */
  acrossIo?: boolean;
}

/**
 * Writes that arrive during one turn of the event loop go to MySQL as one statement (`together`):
 * one socket write, one wake-up of a MariaDB thread and one commit instead of one each. A statement
 * fails whole, so if it does each write is tried alone, and only one that fails alone is refused.
 */
export function joinedStatements<Row, Result>(
  together: (rows: readonly Row[]) => Promise<Result[]>,
  { joinable = () => true, acrossIo = false }: JoinOptions<Row> = {},
): DataLoader<Row, Result> {
  const oneByOne = (rows: readonly Row[]) =>
    Promise.all(rows.map((row) => together([row]).then(([result]) => result!, (error: Error) => error)));
  return new DataLoader<Row, Result>(
    (rows) => (rows.length === 1 || !joinable(rows) ? oneByOne(rows) : together(rows).catch(() => oneByOne(rows))),
    { cache: false, maxBatchSize: 50, ...(acrossIo ? { batchScheduleFn: (write: () => void) => setImmediate(write) } : {}) },
  );
}

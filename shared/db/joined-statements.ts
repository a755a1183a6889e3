import DataLoader from 'dataloader';

export interface JoinOptions<Row> {
  /** Whether these rows may share one statement; those that may not are written one by one. */
  joinable?: (rows: readonly Row[]) => boolean;
  /**
   * Join beyond one callback: while a statement of these writes runs, those that arrive wait for it
   * and then go as one, with all that arrive in that pass of the event loop (a group commit). Nothing
   * waits while MySQL keeps up; under load each statement carries more writes instead of more
   * statements queueing for the CPU.
   */
  groupCommit?: boolean;
}

const ignore = () => undefined;

/**
 * A `joinable` for statements that move one row of another table per write (a conversation's
 * counters or summary): such a row moves once a statement however often it is joined, so writes that
 * share one go one by one.
 */
export const oneWritePer = <Row>(keyOf: (row: Row) => string) => (rows: readonly Row[]): boolean =>
  new Set(rows.map(keyOf)).size === rows.length;

/** Holds each new batch until the statement sent last has answered, then to the end of the loop pass. */
function afterTheRunningStatement() {
  let running: Promise<unknown> = Promise.resolve();
  return {
    batchScheduleFn: (dispatch: () => void) => void running.then(() => setImmediate(dispatch)),
    sent: <T>(statement: Promise<T>): Promise<T> => {
      running = statement.then(ignore, ignore);
      return statement;
    },
  };
}

/**
 * Writes that arrive during one callback (or a group commit's wait) go to MySQL as one statement
 * (`together`): one socket write, one wake-up of a MariaDB thread and one commit instead of one each.
 * A statement fails whole, so if it does each write is tried alone, and only one that fails alone is
 * refused.
 */
export function joinedStatements<Row, Result>(
  together: (rows: readonly Row[]) => Promise<Result[]>,
  { joinable = () => true, groupCommit = false }: JoinOptions<Row> = {},
): DataLoader<Row, Result> {
  const oneByOne = (rows: readonly Row[]) =>
    Promise.all(rows.map((row) => together([row]).then(([result]) => result!, (error: Error) => error)));
  const write = (rows: readonly Row[]) => (rows.length === 1 || !joinable(rows) ? oneByOne(rows) : together(rows).catch(() => oneByOne(rows)));
  if (!groupCommit) return new DataLoader<Row, Result>(write, { cache: false, maxBatchSize: 50 });
  const { batchScheduleFn, sent } = afterTheRunningStatement();
  return new DataLoader<Row, Result>((rows) => sent(write(rows)), { cache: false, maxBatchSize: 50, batchScheduleFn });
}

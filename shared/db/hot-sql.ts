import type { Connection as MysqlConnection, ResultSetHeader, RowDataPacket } from 'mysql2';
import type { Infra } from '../infra.js';

/** MySQL's answer to a duplicate key and to a missing parent row. */
export const DUPLICATE_KEY = 'ER_DUP_ENTRY';
export const MISSING_PARENT = 'ER_NO_REFERENCED_ROW_2';

export const sqlErrorCode = (error: unknown): string | undefined => (error as { code?: string } | null)?.code;

/**
 * The few statements every chat turn runs (and the rolling summary's fold, every eighth turn of a
 * long chat) go straight to mysql2 on Sequelize's own pool (same connections, UTC and type casts):
 * measured under load, Sequelize's query pipeline cost more CPU than the statement it sent.
 * Everything else goes through the models.
 */
async function run<T>(infra: Infra, sql: string, values: unknown[]): Promise<T> {
  const pool = infra.sequelize.connectionManager;
  const connection = (await pool.getConnection({ type: 'write' })) as unknown as MysqlConnection;
  try {
    return await new Promise<T>((resolve, reject) => {
      connection.query({ sql, values }, (error, result) => (error ? reject(error) : resolve(result as T)));
    });
  } finally {
    pool.releaseConnection(connection as never);
  }
}

export const hotSelect = <Row>(infra: Infra, sql: string, values: unknown[]): Promise<Row[]> =>
  run<RowDataPacket[]>(infra, sql, values) as Promise<Row[]>;

/** Rows changed by an INSERT or UPDATE. */
export const hotWrite = async (infra: Infra, sql: string, values: unknown[]): Promise<number> =>
  (await run<ResultSetHeader>(infra, sql, values)).affectedRows;

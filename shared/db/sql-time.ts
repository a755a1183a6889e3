/**
 * A Date as a DATETIME(3) literal in UTC, for hand-written statements: Sequelize's own escaping of a
 * bare Date drops the milliseconds, which would reorder messages stored within one second.
 */
export const sqlTime = (date: Date): string => date.toISOString().slice(0, 23).replace('T', ' ');

import { DataTypes, type ModelAttributeColumnOptions, type Model } from 'sequelize';

/**
 * A JSON column that reads back as a value on both MySQL 8 (native JSON) and MariaDB, where JSON
 * is LONGTEXT and the mysql dialect hands back the raw string.
 */
export function jsonColumn(field: string, allowNull = false): ModelAttributeColumnOptions<Model> {
  return {
    type: DataTypes.JSON,
    allowNull,
    get(this: Model) {
      const raw = this.getDataValue(field);
      if (typeof raw !== 'string') return raw;
      try {
        return JSON.parse(raw);
      } catch {
        return raw;
      }
    },
  };
}

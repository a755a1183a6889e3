import type { Infra } from './infra.js';

/**
 * A value per process connection set, built on first use: handlers and helpers receive only the
 * Infra, and a test stack's Infra gets its own, dropped with it.
 */
export function perInfra<T>(create: (infra: Infra) => T): (infra: Infra) => T {
  const values = new WeakMap<Infra, T>();
  return (infra) => {
    let value = values.get(infra);
    if (value === undefined) values.set(infra, (value = create(infra)));
    return value;
  };
}

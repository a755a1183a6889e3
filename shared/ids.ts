import { v7 } from 'uuid';

/** Opaque, time-ordered ids (UUIDv7): index-friendly and sortable by creation. */
export const newId = (): string => v7();

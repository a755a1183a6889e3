/**
 * A running generation publishes a heartbeat this often on its JetStream subject, even while the
 * provider is still thinking; a relay that hears nothing for SILENCE_MS declares the worker dead.
 * Together they bound API.md's "error within 5 s" for a worker that dies mid-reply.
 */
export const HEARTBEAT_MS = 1000;
export const SILENCE_MS = 3500;

/** How long a generation's Redis liveness mark outlives its last heartbeat. */
export const ALIVE_TTL_MS = 5000;

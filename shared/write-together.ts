import type { Socket } from 'node:net';

const uncork = (socket: Socket) => socket.uncork();

/**
 * Holds a socket's writes until the next tick, so whatever this tick writes to it leaves in one
 * write: on loopback every write also pays for waking its reader. Node's HTTP and the NATS client
 * join their writes this way already.
 */
export function writeTogetherThisTick(socket: Socket): void {
  if (socket.writableCorked) return;
  socket.cork();
  process.nextTick(uncork, socket);
}

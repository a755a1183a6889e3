import Razorpay from 'razorpay';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';

/** The SDK keeps its axios client here; its type declarations do not say so. */
interface SdkInternals {
  rq: { defaults: { baseURL?: string; timeout?: number } };
}

/** Time left for Razorpay inside one worker request, so the edge never gives up first. */
const requestTimeoutMs = (config: Config) => Math.max(1000, config.RPC_TIMEOUT_MS - 1000);

/**
 * The official SDK, pointed at RAZORPAY_API_BASE: its host is hard-coded, so the base URL of its
 * axios client is replaced after construction (NOTES.md). Without keys billing is `unavailable`.
 */
export function createRazorpay(config: Config): Razorpay {
  if (!config.RAZORPAY_KEY_ID || !config.RAZORPAY_KEY_SECRET) {
    throw new AppError('unavailable', 'Billing is not configured on this server');
  }
  const instance = new Razorpay({ key_id: config.RAZORPAY_KEY_ID, key_secret: config.RAZORPAY_KEY_SECRET });
  const internals = instance.api as unknown as SdkInternals;
  internals.rq.defaults.baseURL = config.RAZORPAY_API_BASE;
  internals.rq.defaults.timeout = requestTimeoutMs(config);
  return instance;
}

interface SdkError {
  statusCode?: number | string;
  error?: { code?: string; description?: string };
}

/**
 * Calls Razorpay and turns its failures into the catalogue: the SDK rejects with plain
 * `{statusCode, error}` objects when Razorpay answers, and with a TypeError from inside the SDK
 * when nothing answered (refused, timed out). Razorpay down → `unavailable`; refused → `upstream_error`.
 */
export async function razorpayCall<T>(log: Logger, action: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (thrown) {
    const sdkError = thrown as SdkError;
    const status = Number(sdkError?.statusCode);
    if (!Number.isFinite(status) || status >= 500) {
      const reason = Number.isFinite(status) ? { status } : { reason: (thrown as Error)?.message };
      log.warn({ action, ...reason }, 'razorpay unreachable');
      throw new AppError('unavailable', 'The payment provider is not reachable; try again shortly');
    }
    log.warn({ action, status, code: sdkError.error?.code, description: sdkError.error?.description }, 'razorpay refused a request');
    throw new AppError('upstream_error', 'The payment provider refused the request', {
      provider_code: sdkError.error?.code ?? null,
    });
  }
}

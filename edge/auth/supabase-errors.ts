import {
  isAuthApiError, isAuthError, isAuthRetryableFetchError, isAuthSessionMissingError, isAuthWeakPasswordError, type AuthError,
} from '@supabase/supabase-js';
import { AppError } from '../../shared/errors.js';

/** Supabase Auth (GoTrue) error codes → API.md's catalogue. */
const byCode: Record<string, () => AppError> = {
  invalid_credentials: () => new AppError('invalid_credentials', 'The email or password is wrong'),
  email_not_confirmed: () => new AppError('invalid_credentials', 'Confirm your email address before logging in'),
  user_already_exists: () => new AppError('conflict', 'An account with this email already exists'),
  email_exists: () => new AppError('conflict', 'An account with this email already exists'),
  weak_password: () => new AppError('validation_failed', 'The password is too weak', { issues: [{ path: 'password', message: 'too weak' }] }),
  email_address_invalid: () => new AppError('validation_failed', 'The email address is not accepted', { issues: [{ path: 'email', message: 'not accepted' }] }),
  validation_failed: () => new AppError('validation_failed', 'Supabase refused the request', { issues: [] }),
  refresh_token_not_found: () => new AppError('unauthorized', 'The refresh token is invalid, used or expired'),
  refresh_token_already_used: () => new AppError('unauthorized', 'The refresh token is invalid, used or expired'),
  session_not_found: () => new AppError('unauthorized', 'This session has been logged out'),
  session_expired: () => new AppError('unauthorized', 'This session has expired'),
  user_banned: () => new AppError('unauthorized', 'This account is suspended'),
  signup_disabled: () => new AppError('forbidden', 'Sign-up is closed'),
  over_request_rate_limit: () => new AppError('rate_limited', 'Too many attempts; try again shortly', undefined, { 'Retry-After': '60' }),
};

export function toAppError(error: AuthError | Error): AppError {
  if (isAuthError(error) && !isAuthRetryableFetchError(error)) {
    const mapped = error.code ? byCode[error.code] : undefined;
    if (mapped) return mapped();
    if (isAuthWeakPasswordError(error)) return byCode.weak_password!();
    if (isAuthSessionMissingError(error)) return byCode.session_not_found!();
    if (isAuthApiError(error)) {
      if (error.status === 400 || error.status === 401 || error.status === 403) {
        return new AppError('unauthorized', 'Supabase refused the credentials');
      }
      if (error.status === 422) return new AppError('validation_failed', 'Supabase refused the request', { issues: [] });
      if (error.status === 429) return byCode.over_request_rate_limit!();
    }
  }
  return new AppError('unavailable', 'The identity service is not answering; try again shortly');
}

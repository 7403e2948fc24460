import { AppError } from '../errors';

/**
 * The one answer to a cursor a list cannot continue from (garbage, forged, another sort's, another
 * organization's row): every list says it the same way, so a client needs one rule — drop the
 * cursor and start again from the first page.
 */
export function invalidCursor(): AppError {
  return new AppError('validation_failed', 'Invalid cursor: start again from the first page.', {
    errors: [{ path: 'querystring.cursor', code: 'invalid_cursor', message: 'Invalid cursor.' }],
  });
}

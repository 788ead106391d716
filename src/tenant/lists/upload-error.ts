// The error of a calling-list upload that cannot start or whose file cannot
// be read (nothing of it was written), shared by the upload and the thread
// that reads its rows.
import { TableFileError } from '../table-file.js';

/** An upload that cannot start or whose file cannot be read: nothing of it was written. */
export class ListUploadError extends TableFileError {
  override name = 'ListUploadError';
}

export function asUploadError(err: unknown): unknown {
  return err instanceof TableFileError ? new ListUploadError(err.message, err.diagnostics) : err;
}

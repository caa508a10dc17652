/** The upload of an allowed file failed: OneDrive refused the bytes or could not be reached. */
export class FileUploadError extends Error {
  readonly code = 'FILE_UPLOAD_FAILED';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FileUploadError';
  }
}

// A 5,000-line export is well under a megabyte; OneDrive answers in seconds.
const UPLOAD_TIMEOUT_MS = 30_000;

/**
 * Puts a whole file to the upload URL Teams gave on consent, in one request: the URL is a
 * pre-authorised OneDrive upload session, which wants the range of bytes sent in
 * `Content-Range` (all of them here).
 */
export async function uploadFile(
  uploadUrl: string,
  bytes: Uint8Array,
  fetchImpl: typeof fetch = fetch,
): Promise<void> {
  const size = bytes.byteLength;
  let response: Response;
  try {
    response = await fetchImpl(uploadUrl, {
      method: 'PUT',
      headers: {
        'content-length': String(size),
        'content-range': `bytes 0-${size - 1}/${size}`,
      },
      body: bytes,
      signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
    });
  } catch (error) {
    throw new FileUploadError('The file upload could not reach OneDrive.', { cause: error });
  }
  // Drained either way, so the connection is freed.
  await response.arrayBuffer().catch(() => undefined);
  if (!response.ok) {
    throw new FileUploadError(`OneDrive refused the file upload (HTTP ${response.status}).`);
  }
}

import { describe, expect, it } from 'vitest';
import { FileUploadError, uploadFile } from '../../../src/bot/files/upload-file.ts';

describe('uploading an allowed file', () => {
  it('puts every byte in one request, with the whole range named', async () => {
    const seen: { url: unknown; init: RequestInit }[] = [];
    const fake: typeof fetch = (url, init) => {
      seen.push({ url, init: init! });
      return Promise.resolve(new Response('{}', { status: 201 }));
    };
    await uploadFile('https://upload.example/session', new Uint8Array([1, 2, 3, 4]), fake);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.url).toBe('https://upload.example/session');
    expect(seen[0]!.init.method).toBe('PUT');
    expect(seen[0]!.init.headers).toMatchObject({
      'content-length': '4',
      'content-range': 'bytes 0-3/4',
    });
  });

  it('is a FileUploadError when OneDrive refuses or cannot be reached', async () => {
    const refused: typeof fetch = () => Promise.resolve(new Response('', { status: 403 }));
    await expect(uploadFile('https://u.example', new Uint8Array([1]), refused)).rejects.toThrow(
      new FileUploadError('OneDrive refused the file upload (HTTP 403).'),
    );
    const down: typeof fetch = () => Promise.reject(new TypeError('fetch failed'));
    const error: unknown = await uploadFile('https://u.example', new Uint8Array([1]), down).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FileUploadError);
    expect((error as FileUploadError).code).toBe('FILE_UPLOAD_FAILED');
  });
});

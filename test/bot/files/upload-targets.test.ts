import { describe, expect, it } from 'vitest';
import {
  isAllowedUploadUrl,
  ONEDRIVE_UPLOAD_TARGETS,
} from '../../../src/bot/files/upload-targets.ts';

const demo = { ...ONEDRIVE_UPLOAD_TARGETS, loopbackHttp: true };

describe('where an allowed file may be uploaded', () => {
  it("takes OneDrive for work or school: https on the tenant's SharePoint", () => {
    const session =
      'https://contoso-my.sharepoint.com/personal/meganb_contoso_com/_api/v2.0/drive/items/01X/uploadSession?guid=abc';
    expect(isAllowedUploadUrl(session, ONEDRIVE_UPLOAD_TARGETS)).toBe(true);
    expect(isAllowedUploadUrl('https://CONTOSO-MY.SharePoint.com/x', ONEDRIVE_UPLOAD_TARGETS)).toBe(
      true,
    );
  });

  it('refuses http, other hosts, look-alikes, credentials and what is not a URL', () => {
    for (const url of [
      'http://contoso-my.sharepoint.com/upload',
      'https://sharepoint.com/upload',
      'https://contoso-my.sharepoint.com.attacker.example/upload',
      'https://attackersharepoint.com/upload',
      'https://user:pw@contoso-my.sharepoint.com/upload',
      'https://graph.microsoft.com/v1.0/me/drive',
      'http://127.0.0.1:8080/upload',
      'file:///etc/passwd',
      'not a url',
    ]) {
      expect(isAllowedUploadUrl(url, ONEDRIVE_UPLOAD_TARGETS), url).toBe(false);
    }
  });

  it('takes plain http on loopback only where the composition root allows it (the demo)', () => {
    expect(isAllowedUploadUrl('http://127.0.0.1:5000/upload/1', demo)).toBe(true);
    expect(isAllowedUploadUrl('http://localhost:5000/upload/1', demo)).toBe(true);
    expect(isAllowedUploadUrl('http://[::1]:5000/upload/1', demo)).toBe(true);
    expect(isAllowedUploadUrl('http://10.0.0.5/upload', demo)).toBe(false);
    expect(isAllowedUploadUrl('http://169.254.169.254/latest', demo)).toBe(false);
    expect(isAllowedUploadUrl('https://contoso-my.sharepoint.com/x', demo)).toBe(true);
  });
});

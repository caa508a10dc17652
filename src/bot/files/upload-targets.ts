/**
 * Where License Desk may PUT a file the user allowed. The upload URL comes in the
 * `fileConsent/invoke`, which the caller controls (a tampered client, or anyone in the anonymous
 * demo): without this check the bot would send the export to any address it names.
 */
export interface UploadTargets {
  /** Host name endings accepted over https, each starting with a dot. */
  httpsHostSuffixes: readonly string[];
  /** Also plain http on a loopback address: the embedded demo's and the tests' upload server. */
  loopbackHttp: boolean;
}

/**
 * OneDrive for work or school, where Teams puts a file a bot sends in a personal chat: the
 * tenant's SharePoint (`contoso-my.sharepoint.com`). Bots cannot send files in GCC High, DoD or
 * 21Vianet clouds, so their SharePoint hosts are not needed.
 */
export const ONEDRIVE_UPLOAD_TARGETS: UploadTargets = {
  httpsHostSuffixes: ['.sharepoint.com'],
  loopbackHttp: false,
};

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Whether `uploadUrl` is one of `targets`: https on an accepted host, or loopback if allowed. */
export function isAllowedUploadUrl(uploadUrl: string, targets: UploadTargets): boolean {
  let url: URL;
  try {
    url = new URL(uploadUrl);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') {
    return false;
  }
  const host = url.hostname.toLowerCase();
  if (url.protocol === 'https:') {
    return targets.httpsHostSuffixes.some(
      (suffix) => host.endsWith(suffix.toLowerCase()) && host.length > suffix.length,
    );
  }
  return url.protocol === 'http:' && targets.loopbackHttp && LOOPBACK_HOSTS.has(host);
}

/**
 * Whether a file someone sent may be fetched from `downloadUrl`. Teams keeps a file sent in a
 * personal chat in the sender's OneDrive and hands the bot a pre-authorised link to it there, so
 * the hosts, and the demo's loopback exception, are the uploads' own. The link comes in the
 * activity, which a forged message could point anywhere, the bot's own network included.
 */
export function isAllowedDownloadUrl(downloadUrl: string, targets: UploadTargets): boolean {
  return isAllowedUploadUrl(downloadUrl, targets);
}

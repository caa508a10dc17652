import { describe, expect, it } from 'vitest';
import { sentFilesOf } from '../../../src/bot/files/sent-files.ts';

describe('files sent with a message', () => {
  it('reads Teams file attachments and ignores the rest', () => {
    const files = sentFilesOf({
      attachments: [
        { contentType: 'text/html', content: '<p>prices</p>' },
        {
          contentType: 'application/vnd.microsoft.teams.file.download.info',
          name: 'Prices.CSV',
          content: { downloadUrl: 'https://contoso-my.sharepoint.com/x', uniqueId: 'u' },
        },
        {
          contentType: 'application/vnd.microsoft.teams.file.download.info',
          name: 'list.xlsx',
          content: { downloadUrl: 'https://contoso-my.sharepoint.com/y', fileType: 'XLSX' },
        },
        { contentType: 'application/vnd.microsoft.teams.file.download.info', name: 'broken' },
      ],
    });
    expect(files).toEqual([
      { name: 'Prices.CSV', downloadUrl: 'https://contoso-my.sharepoint.com/x', fileType: 'csv' },
      { name: 'list.xlsx', downloadUrl: 'https://contoso-my.sharepoint.com/y', fileType: 'xlsx' },
    ]);
    expect(sentFilesOf({})).toEqual([]);
  });
});

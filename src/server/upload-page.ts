/** `<`, `>`, `&` and quotes as HTML entities, for text put in the page. */
function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!,
  );
}

/**
 * The upload page of the embedded demo: a file input and a button, nothing loaded from anywhere.
 * The file goes as its text (`text/csv`) to the page's own URL, its name in `X-File-Name`; the
 * answer, one line, replaces the form.
 */
export function uploadPage(purpose: string, maxBytes: number): string {
  const megabytes = Math.floor(maxBytes / (1024 * 1024));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>License Desk: send a file</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}</style>
</head>
<body>
<h1>Send a CSV file to License Desk</h1>
<p>For: ${escapeHtml(purpose)}</p>
<form id="upload">
<p><input type="file" id="file" name="file" accept=".csv,text/csv,text/plain" required></p>
<p><button type="submit">Send</button></p>
</form>
<p id="answer" role="status"></p>
<script>
const form = document.getElementById('upload');
const answer = document.getElementById('answer');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const file = document.getElementById('file').files[0];
  if (!file) { return; }
  if (file.size > ${maxBytes}) {
    answer.textContent = 'That file is over ${megabytes} MB: send a smaller one.';
    return;
  }
  form.querySelector('button').disabled = true;
  try {
    const response = await fetch(location.pathname, {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv', 'X-File-Name': encodeURIComponent(file.name) },
      body: await file.text(),
    });
    answer.textContent = await response.text();
    if (response.ok || response.status === 410) { form.remove(); }
  } catch {
    answer.textContent = 'The file could not be sent: is License Desk still running?';
  } finally {
    form.querySelector('button')?.removeAttribute('disabled');
  }
});
</script>
</body>
</html>
`;
}

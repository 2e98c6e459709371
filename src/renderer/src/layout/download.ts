/** Saves text (or its parts, e.g. UTF-8 chunks) as a file through the browser's download (works in Electron's window too). */
export function downloadText(fileName: string, text: string | readonly BlobPart[], mimeType: string): void {
  const url = URL.createObjectURL(new Blob(typeof text === 'string' ? [text] : [...text], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // why: revoking at once can cancel the download in some browsers; a tick later is safe.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

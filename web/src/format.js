export function bytes(n) {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** The API's own status word, as text; the colour only repeats it. */
export function statusBadge(status) {
  const badge = document.createElement('span');
  badge.className = `badge badge-${status.toLowerCase()}`;
  badge.textContent = status;
  return badge;
}

export function when(iso) {
  return new Date(iso).toLocaleString();
}

/** "45% · 3 of 9 chunks · about 20 s left": how far a transcode is, from the upload's progress. */
export function progressText(progress) {
  const parts = [`${progress.percent}%`];
  if (progress.chunksTotal) parts.push(`${progress.chunksDone} of ${progress.chunksTotal} chunks`);
  if (progress.etaSeconds !== undefined) parts.push(`about ${progress.etaSeconds} s left`);
  return parts.join(' · ');
}

/** What a status word leaves out: a transcode's progress, or a queued video's place in line. */
export function statusDetail(upload) {
  if (upload.status === 'Processing') return progressText(upload.progress);
  if (upload.status === 'Queued' && upload.queuePosition) {
    return `waiting for an encoding slot, ${ordinal(upload.queuePosition)} in line`;
  }
  return '';
}

function ordinal(n) {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : { 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] || 'th';
  return `${n}${suffix}`;
}

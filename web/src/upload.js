import { BlockBlobClient } from '@azure/storage-blob';
import { bytes, statusBadge, statusDetail } from './format.js';

// The server checks the declared type against the bytes; browsers leave File.type empty for some files.
const TYPES = { mp4: 'video/mp4', mov: 'video/quicktime', webm: 'video/webm', jpg: 'image/jpeg', jpeg: 'image/jpeg',
  png: 'image/png', pdf: 'application/pdf' };

export function contentTypeOf(file) {
  return file.type || TYPES[file.name.split('.').pop().toLowerCase()] || 'application/octet-stream';
}

/** One file: create the upload, send the bytes straight to Blob Storage with progress, follow its processing. */
export async function uploadFile(api, file, list, onFinished) {
  const transfer = new Transfer(list, file.name);
  try {
    const contentType = contentTypeOf(file);
    const created = await api.createUpload(file, contentType);
    transfer.show('Uploading', `0 of ${bytes(file.size)}`);
    // Large files go as blocks (Put Block + Put Block List) through the same SAS URL.
    await new BlockBlobClient(created.uploadUrl).uploadData(file, {
      blobHTTPHeaders: { blobContentType: created.headers['Content-Type'] },
      metadata: metadataOf(created.headers),
      blockSize: 4 * 1024 * 1024,
      concurrency: 4,
      onProgress: ({ loadedBytes }) => transfer.progress(loadedBytes, file.size),
    });
    transfer.bar.value = 100;
    onFinished(await transfer.follow(api, created.statusUrl));
  } catch (error) {
    transfer.show('Failed', error.message);
  }
}

/** A file the service fetches itself from a URL: the bar shows the bytes it has received, then processing. */
export async function importFromUrl(api, url, contentType, list, onFinished) {
  const transfer = new Transfer(list, decodeURIComponent(new URL(url).pathname.split('/').pop() || url));
  try {
    const created = await api.importFromUrl(url, contentType);
    transfer.show('Fetching', created.sourceUrl);
    onFinished(await transfer.follow(api, created.statusUrl));
  } catch (error) {
    transfer.show('Failed', error.message);
  }
}

/** One row of the transfers list: the name, a progress bar, the status and a detail. */
class Transfer {
  constructor(list, name) {
    const item = document.createElement('li');
    item.className = 'transfer';
    item.innerHTML = `<span class="name"></span>
      <label class="visually-hidden"></label><progress max="100" value="0"></progress>
      <span class="status"></span><span class="detail"></span>`;
    item.querySelector('.name').textContent = name;
    this.bar = item.querySelector('progress');
    const label = item.querySelector('label');
    this.bar.id = `progress-${crypto.randomUUID()}`;
    label.htmlFor = this.bar.id;
    label.textContent = `Upload progress of ${name}`;
    this.status = item.querySelector('.status');
    this.detail = item.querySelector('.detail');
    list.prepend(item);
  }

  show(text, extra = '') {
    this.status.replaceChildren(statusBadge(text));
    this.detail.textContent = extra;
  }

  progress(loaded, total) {
    if (total) this.bar.value = Math.round((100 * loaded) / total);
    this.detail.textContent = total ? `${bytes(loaded)} of ${bytes(total)}` : bytes(loaded);
  }

  /** Follows the status URL to the end; while an import fetches, its bytes drive the bar. */
  async follow(api, statusUrl) {
    const done = await api.follow(statusUrl, (upload) => {
      if (upload.stage === 'fetching') {
        this.show('Fetching');
        this.progress(upload.progress.bytesReceived ?? 0, upload.progress.bytesTotal);
        return;
      }
      this.bar.value = Math.max(this.bar.value, upload.status === 'AwaitingUpload' ? 0 : 100);
      this.show(upload.status, upload.status === 'Queued' ? statusDetail(upload)
        : [upload.stage, statusDetail(upload)].filter(Boolean).join(' '));
    });
    this.show(done.status, done.error ? done.error.message : '');
    return done;
  }
}

/** The blob metadata the service asked for: every x-ms-meta-* header of the created upload (correlation id, trace). */
function metadataOf(headers) {
  return Object.fromEntries(Object.entries(headers)
    .filter(([name]) => name.startsWith('x-ms-meta-'))
    .map(([name, value]) => [name.slice('x-ms-meta-'.length), value]));
}

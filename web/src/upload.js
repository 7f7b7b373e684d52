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
  const item = document.createElement('li');
  item.className = 'transfer';
  item.innerHTML = `<span class="name"></span>
    <label class="visually-hidden"></label><progress max="100" value="0"></progress>
    <span class="status"></span><span class="detail"></span>`;
  item.querySelector('.name').textContent = file.name;
  const bar = item.querySelector('progress');
  const label = item.querySelector('label');
  bar.id = `progress-${crypto.randomUUID()}`;
  label.htmlFor = bar.id;
  label.textContent = `Upload progress of ${file.name}`;
  const status = item.querySelector('.status');
  const detail = item.querySelector('.detail');
  list.prepend(item);
  const show = (text, extra = '') => {
    status.replaceChildren(statusBadge(text));
    detail.textContent = extra;
  };
  try {
    const contentType = contentTypeOf(file);
    const created = await api.createUpload(file, contentType);
    show('Uploading', `0 of ${bytes(file.size)}`);
    // Large files go as blocks (Put Block + Put Block List) through the same SAS URL.
    await new BlockBlobClient(created.uploadUrl).uploadData(file, {
      blobHTTPHeaders: { blobContentType: created.headers['Content-Type'] },
      metadata: metadataOf(created.headers),
      blockSize: 4 * 1024 * 1024,
      concurrency: 4,
      onProgress: ({ loadedBytes }) => {
        bar.value = Math.round((100 * loadedBytes) / file.size);
        detail.textContent = `${bytes(loadedBytes)} of ${bytes(file.size)}`;
      },
    });
    bar.value = 100;
    const done = await api.follow(created.statusUrl, (upload) => {
      show(upload.status, upload.status === 'Queued' ? statusDetail(upload)
        : [upload.stage, statusDetail(upload)].filter(Boolean).join(' '));
    });
    show(done.status, done.error ? done.error.message : '');
    onFinished(done);
  } catch (error) {
    show('Failed', error.message);
  }
}

/** The blob metadata the service asked for: every x-ms-meta-* header of the created upload (correlation id, trace). */
function metadataOf(headers) {
  return Object.fromEntries(Object.entries(headers)
    .filter(([name]) => name.startsWith('x-ms-meta-'))
    .map(([name, value]) => [name.slice('x-ms-meta-'.length), value]));
}

import Hls from 'hls.js';
import { Captions } from './captions.js';
import { bytes, statusBadge, statusDetail, when } from './format.js';
import { Scrubber } from './scrubber.js';

/** The tenant's uploads, paged, with playback, previews, downloads under the file's name, and delete. */
export class Library {
  constructor(api, showError) {
    this.api = api;
    this.showError = showError;
    this.rows = document.getElementById('uploads');
    this.more = document.getElementById('more');
    this.filter = document.getElementById('status-filter');
    this.tagFilter = document.getElementById('tag-filter');
    this.editor = document.getElementById('edit-dialog');
    this.viewer = document.getElementById('viewer');
    this.hls = null;
    this.scrubber = new Scrubber(document.getElementById('player'));
    this.captions = new Captions(api, (uploadId) => this.open(uploadId));
    this.next = null;
    document.getElementById('refresh').addEventListener('click', () => this.load());
    this.filter.addEventListener('change', () => this.load());
    this.tagFilter.addEventListener('change', () => this.load());
    this.more.addEventListener('click', () => this.load(this.next));
    document.getElementById('close-viewer').addEventListener('click', () => this.closeViewer());
  }

  async load(continuationToken = null) {
    try {
      const query = new URLSearchParams({ limit: '20' });
      if (this.filter.value) query.set('status', this.filter.value);
      if (this.tagFilter.value.trim()) query.set('tag', this.tagFilter.value.trim());
      if (continuationToken) query.set('continuationToken', continuationToken);
      const page = await this.api.json(`/uploads?${query}`);
      if (!continuationToken) this.rows.replaceChildren();
      page.items.forEach((upload) => this.rows.append(this.row(upload)));
      this.next = page.continuationToken || null;
      this.more.hidden = !this.next;
      document.getElementById('library-empty').hidden = this.rows.children.length > 0;
    } catch (error) {
      this.showError(error.message);
    }
  }

  row(upload) {
    const tr = document.createElement('tr');
    // A clip uploaded nothing: its size says what it is instead.
    const size = upload.clipOf ? `clip · ${Math.round(upload.media?.durationSeconds ?? 0)} s` : bytes(upload.sizeBytes);
    const cells = [upload.fileName, null, size, when(upload.createdAt)];
    cells.forEach((text, i) => {
      const td = document.createElement('td');
      if (i === 1) td.append(statusBadge(upload.status)); else td.textContent = text;
      if (i === 0) {
        td.prepend(thumb(upload));
        td.append(...details(upload));
      }
      if (i === 1 && upload.error) td.append(` ${upload.error.message}`);
      if (i === 1 && statusDetail(upload)) td.append(` ${statusDetail(upload)}`);
      tr.append(td);
    });
    const actions = document.createElement('td');
    if (upload.status === 'Succeeded') {
      const open = upload.contentType.startsWith('video/') ? 'Play' : 'Preview';
      actions.append(button(`${open} ${upload.fileName}`, open, () => this.open(upload.uploadId)));
      if (!upload.clipOf) {
        // A clip has no original to download; it plays from its own HLS.
        actions.append(button(`Download ${upload.fileName}`, 'Download', () => this.download(upload.uploadId)));
      }
    }
    if (upload.status === 'Processing' && upload.progress.chunksDone > 0) {
      // The first chunks play while the rest are encoded: the upload's preview playlist grows.
      actions.append(button(`Watch ${upload.fileName} so far`, 'Watch so far', () => this.open(upload.uploadId)));
    }
    if (upload.status === 'Succeeded' && upload.contentType.startsWith('video/')) {
      actions.append(button(`Clip ${upload.fileName}`, 'Clip', () => this.clip(upload)));
    }
    if (upload.status !== 'Deleted') {
      actions.append(button(`Edit details of ${upload.fileName}`, 'Edit', () => this.edit(upload)));
      actions.append(button(`Delete ${upload.fileName}`, 'Delete', () => this.remove(upload, tr)));
    }
    tr.append(actions);
    return tr;
  }

  /** The title and tags in a dialog; saved from the revision read, so a concurrent edit is reported, not lost. */
  edit(upload) {
    const form = document.getElementById('edit-form');
    const name = document.getElementById('edit-name');
    const tags = document.getElementById('edit-tags');
    const problem = document.getElementById('edit-error');
    document.getElementById('edit-title').textContent = `Details of ${upload.fileName}`;
    name.value = upload.title ?? '';
    tags.value = (upload.tags ?? []).join(', ');
    problem.hidden = true;
    form.onsubmit = async (event) => {
      if (event.submitter?.value !== 'save') return;
      event.preventDefault();
      try {
        await this.api.editDetails(upload.uploadId, {
          title: name.value.trim() || null,
          tags: tags.value.split(',').map((t) => t.trim()).filter((t) => t),
        });
        this.editor.close();
        await this.load();
      } catch (error) {
        problem.textContent = error.message;
        problem.hidden = false;
      }
    };
    this.editor.showModal();
  }

  /** A clip of a transcoded video: the service cuts it into a new upload, which the list then shows. */
  clip(upload) {
    const dialog = document.getElementById('clip-dialog');
    const form = document.getElementById('clip-form');
    const problem = document.getElementById('clip-error');
    document.getElementById('clip-title').textContent = `Clip of ${upload.fileName}`;
    document.getElementById('clip-start').value = '0';
    document.getElementById('clip-end').value = String(Math.floor(upload.media?.durationSeconds ?? 1));
    problem.hidden = true;
    form.onsubmit = async (event) => {
      if (event.submitter?.value !== 'save') return;
      event.preventDefault();
      try {
        const clip = await this.api.json(`/uploads/${upload.uploadId}/clips`, {
          method: 'POST',
          body: {
            start: Number(document.getElementById('clip-start').value),
            end: Number(document.getElementById('clip-end').value),
            mode: document.getElementById('clip-mode').value,
          },
        });
        dialog.close();
        await this.api.follow(clip.statusUrl, () => {});
        await this.load();
      } catch (error) {
        problem.textContent = error.message;
        problem.hidden = false;
      }
    };
    dialog.showModal();
  }

  async details(uploadId) {
    return this.api.json(`/uploads/${uploadId}`);
  }

  async open(uploadId) {
    try {
      const upload = await this.details(uploadId);
      this.closeViewer();
      const output = (kind) => upload.outputs.find((o) => o.kind === kind);
      document.getElementById('viewer-title').textContent = upload.fileName;
      this.viewer.hidden = false;
      if (upload.contentType.startsWith('video/')) {
        const video = document.getElementById('player');
        video.hidden = false;
        video.poster = output('poster')?.url || output('thumbnail')?.url || '';
        const master = upload.status === 'Succeeded' ? output('hls').url : upload.preview;
        if (!master) {
          throw new Error(`${upload.fileName} has nothing to play yet; try again in a few seconds.`);
        }
        if (Hls.isSupported()) {
          this.hls = new Hls();
          this.hls.loadSource(master);
          this.hls.attachMedia(video);
        } else {
          video.src = master;
        }
        if (upload.status === 'Succeeded') {
          this.captions.show(this.hls, uploadId);
        }
        video.play().catch(() => { /* Autoplay may be refused; the controls remain. */ });
        if (output('storyboard')) {
          await this.scrubber.show(output('storyboard').url, upload.outputs.filter((o) => o.kind === 'sprite'),
            upload.media?.durationSeconds ?? 0);
        }
      } else if (upload.contentType.startsWith('image/')) {
        const img = document.getElementById('picture');
        img.alt = upload.fileName;
        img.src = output('original').url;
        img.hidden = false;
      } else {
        // The original is served as an attachment (it downloads under its name), so preview a local copy.
        const blob = await (await fetch(output('original').url)).blob();
        const frame = document.getElementById('document');
        frame.src = URL.createObjectURL(blob);
        frame.hidden = false;
      }
      this.viewer.scrollIntoView({ block: 'nearest' });
    } catch (error) {
      this.showError(error.message);
    }
  }

  closeViewer() {
    this.hls?.destroy();
    this.hls = null;
    this.scrubber.hide();
    this.captions.hide();
    const video = document.getElementById('player');
    video.removeAttribute('src');
    video.hidden = true;
    document.getElementById('picture').hidden = true;
    document.getElementById('document').hidden = true;
    this.viewer.hidden = true;
  }

  async download(uploadId) {
    const upload = await this.details(uploadId);
    // Storage names the file (Content-Disposition from the SAS), so a plain navigation downloads it.
    window.location.assign(upload.outputs.find((o) => o.kind === 'original').url);
  }

  async remove(upload, tr) {
    try {
      await this.api.request(`/uploads/${upload.uploadId}`, { method: 'DELETE' });
      tr.children[1].replaceChildren(statusBadge('Deleted'));
      tr.lastChild.replaceChildren();
      this.closeViewer();
    } catch (error) {
      this.showError(error.message);
    }
  }
}

function button(label, text, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.setAttribute('aria-label', label);
  b.addEventListener('click', onClick);
  return b;
}

/** The tenant's title and tags under the file name, when it gave any. */
function details(upload) {
  const parts = [];
  if (upload.title) {
    const title = document.createElement('div');
    title.className = 'upload-title';
    title.textContent = upload.title;
    parts.push(title);
  }
  (upload.tags ?? []).forEach((tag) => {
    const chip = document.createElement('span');
    chip.className = 'tag';
    chip.textContent = tag;
    parts.push(chip);
  });
  return parts;
}

/** A transcoded video's poster (a frame past its lead-in, neither black nor blank), or a badge of the file's kind. */
function thumb(upload) {
  if (upload.poster) {
    const img = document.createElement('img');
    img.className = 'poster';
    img.src = upload.poster;
    img.alt = `Poster of ${upload.fileName}`;
    img.loading = 'lazy';
    return img;
  }
  const icon = document.createElement('span');
  icon.className = 'type-icon';
  const type = upload.contentType;
  icon.textContent = type.startsWith('video/') ? 'VIDEO' : type.startsWith('image/') ? 'IMAGE'
    : type === 'application/pdf' ? 'PDF' : 'FILE';
  icon.title = type;
  return icon;
}

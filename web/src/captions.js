import Hls from 'hls.js';

// The player's caption menu: the subtitle tracks hls.js found in the master playlist, "Off" first, and a form to add
// a WebVTT or SRT file to the video (POST /api/uploads/{id}/captions with the file as the body).

export class Captions {
  constructor(api, onAdded) {
    this.api = api;
    this.onAdded = onAdded;
    this.panel = document.getElementById('captions');
    this.menu = document.getElementById('caption-menu');
    this.form = document.getElementById('caption-add');
    this.problem = document.getElementById('caption-problem');
    this.menu.addEventListener('change', () => this.choose(Number(this.menu.value)));
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.add();
    });
  }

  /** Shows the menu for a video playing through hls.js; tracks appear once the master playlist is parsed. */
  show(hls, uploadId) {
    this.hls = hls;
    this.uploadId = uploadId;
    this.problem.hidden = true;
    this.panel.hidden = false;
    this.fill([]);
    hls?.on(Hls.Events.SUBTITLE_TRACKS_UPDATED, (_event, data) => this.fill(data.subtitleTracks));
    hls?.on(Hls.Events.SUBTITLE_TRACK_SWITCH, (_event, data) => {
      this.menu.value = String(data.id);
    });
  }

  hide() {
    this.hls = null;
    this.panel.hidden = true;
  }

  fill(tracks) {
    const off = new Option('Off', '-1');
    this.menu.replaceChildren(off, ...tracks.map((track, index) =>
      new Option(track.name || track.lang || `Track ${index + 1}`, String(index))));
    this.menu.value = String(this.hls?.subtitleTrack ?? -1);
  }

  choose(index) {
    if (!this.hls) return;
    this.hls.subtitleTrack = index;
    this.hls.subtitleDisplay = index >= 0;
  }

  async add() {
    const file = document.getElementById('caption-file').files[0];
    const language = document.getElementById('caption-language').value.trim();
    const type = file.name.toLowerCase().endsWith('.srt') ? 'application/x-subrip' : 'text/vtt';
    try {
      this.problem.hidden = true;
      await this.api.sendFile(`/uploads/${this.uploadId}/captions?language=${encodeURIComponent(language)}`,
        file, type);
      this.form.reset();
      await this.onAdded(this.uploadId);
    } catch (error) {
      this.problem.textContent = error.message;
      this.problem.hidden = false;
    }
  }
}

/**
 * Seeking with a preview: a range under the player that, while dragged, shows the storyboard tile of the time under
 * the thumb. The storyboard is a WebVTT file whose cues name a sprite sheet and a rectangle in it
 * (`sprite-001.jpg#xywh=x,y,w,h`); sheets are matched by name to the upload's signed `sprite` outputs.
 */
export class Scrubber {
  constructor(video) {
    this.video = video;
    this.box = document.getElementById('scrub');
    this.range = document.getElementById('scrubber');
    this.preview = document.getElementById('scrub-preview');
    this.label = document.getElementById('scrub-time');
    this.cues = [];
    this.range.addEventListener('input', () => this.showTile(Number(this.range.value)));
    this.range.addEventListener('change', () => {
      this.video.currentTime = Number(this.range.value);
      this.preview.hidden = true;
    });
    this.video.addEventListener('timeupdate', () => {
      if (document.activeElement !== this.range) this.range.value = String(this.video.currentTime);
    });
  }

  async show(vttUrl, sprites, duration) {
    const text = await (await fetch(vttUrl)).text();
    const urls = new Map(sprites.map((s) => [s.label, s.url]));
    this.cues = parseCues(text).map((cue) => ({ ...cue, url: urls.get(cue.sheet) })).filter((cue) => cue.url);
    this.range.max = String(duration || this.cues.at(-1)?.end || 0);
    this.box.hidden = this.cues.length === 0;
  }

  hide() {
    this.cues = [];
    this.box.hidden = true;
    this.preview.hidden = true;
  }

  showTile(seconds) {
    const cue = this.cues.find((c) => seconds >= c.start && seconds < c.end) ?? this.cues.at(-1);
    if (!cue) return;
    Object.assign(this.preview.style, {
      width: `${cue.w}px`,
      height: `${cue.h}px`,
      backgroundImage: `url("${cue.url}")`,
      backgroundPosition: `-${cue.x}px -${cue.y}px`,
      left: `${(seconds / Number(this.range.max)) * (this.range.clientWidth - cue.w)}px`,
    });
    this.label.textContent = clock(seconds);
    this.preview.hidden = false;
  }
}

/** The cues of a storyboard WebVTT: times in seconds, the sheet's name and the tile's rectangle. */
export function parseCues(vtt) {
  const cues = [];
  const blocks = vtt.replace(/\r\n/g, '\n').split(/\n\n+/);
  for (const block of blocks) {
    const lines = block.trim().split('\n');
    const timing = lines.findIndex((line) => line.includes('-->'));
    if (timing < 0 || !lines[timing + 1]) continue;
    const [start, end] = lines[timing].split('-->').map((t) => seconds(t.trim()));
    const match = /^(.+)#xywh=(\d+),(\d+),(\d+),(\d+)$/.exec(lines[timing + 1].trim());
    if (!match) continue;
    cues.push({ start, end, sheet: match[1], x: +match[2], y: +match[3], w: +match[4], h: +match[5] });
  }
  return cues;
}

function seconds(timestamp) {
  const parts = timestamp.split(':').map(Number);
  return parts.reduce((total, part) => total * 60 + part, 0);
}

function clock(value) {
  const whole = Math.floor(value);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

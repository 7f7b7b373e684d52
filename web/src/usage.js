import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { bytes } from './format.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const TOTALS = [
  ['uploads', 'Uploads', String], ['uploadedBytes', 'Uploaded', bytes], ['videosTranscoded', 'Videos transcoded', String],
  ['transcodedSeconds', 'Seconds transcoded', (s) => s.toFixed(1)], ['outputBytes', 'Output', bytes],
  ['rejected', 'Rejected', String], ['failed', 'Failed', String],
];

const KINDS = [['originals', 'Originals', '#2f6fb3'], ['renditions', 'Renditions', '#9bc1e6'],
  ['thumbnails', 'Thumbnails', '#e0a43a'], ['captions', 'Captions', '#6a9a4f']];

/** "Transcoding today: 12.5 of 60 minutes · 2 of 3 encoding · 1 waiting": fair use, as the report shows it now. */
function transcodingText(use) {
  const minutes = use.dailyQuotaMinutes ? `${use.minutesUsed} of ${use.dailyQuotaMinutes} minutes`
    : `${use.minutesUsed} minutes (no daily limit)`;
  return `Transcoding today: ${minutes} · ${use.active} of ${use.maxActive} encoding · ${use.queued} waiting`;
}

/**
 * The usage report for a range (a chart per day, the totals, how fresh it is, the same rows as CSV), and beside it
 * the storage report: what is stored at each day's end by kind, what is stored now, and the range's GB-days.
 */
export class Usage {
  constructor(api, showError) {
    this.api = api;
    this.showError = showError;
    this.chart = null;
    this.storageChart = null;
    const today = new Date();
    const from = new Date(today.getTime() - 13 * 86400000);
    document.getElementById('to').value = today.toISOString().slice(0, 10);
    document.getElementById('from').value = from.toISOString().slice(0, 10);
    document.getElementById('usage-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.load();
    });
    document.getElementById('csv').addEventListener('click', () => this.csv());
    // Reports fill in as events are folded: refresh while the view is open.
    setInterval(() => {
      if (!document.getElementById('view-usage').hidden) this.load();
    }, 5000);
  }

  range() {
    return new URLSearchParams({ from: document.getElementById('from').value, to: document.getElementById('to').value });
  }

  async load() {
    try {
      const report = await this.api.json(`/reports/usage?${this.range()}`);
      document.getElementById('as-of').textContent = report.asOf
        ? `Includes everything up to ${new Date(report.asOf).toLocaleString()}.` : 'No activity counted yet.';
      document.getElementById('transcoding').textContent = transcodingText(report.transcoding);
      const body = document.querySelector('#totals tbody');
      body.replaceChildren(...TOTALS.map(([key, label, format]) => {
        const tr = document.createElement('tr');
        tr.innerHTML = '<th scope="row"></th><td></td>';
        tr.firstChild.textContent = label;
        tr.lastChild.textContent = format(report.totals[key]);
        return tr;
      }));
      this.draw(report.days);
      await this.loadStorage();
    } catch (error) {
      this.showError(error.message);
    }
  }

  draw(days) {
    this.chart?.destroy();
    this.chart = new Chart(document.getElementById('usage-chart'), {
      type: 'bar',
      data: {
        labels: days.map((d) => d.day),
        datasets: [
          { label: 'Uploads', data: days.map((d) => d.uploads), backgroundColor: '#2f6fb3', yAxisID: 'count' },
          { label: 'Uploaded (MB)', data: days.map((d) => d.uploadedBytes / 1048576), backgroundColor: '#9bc1e6', yAxisID: 'mb' },
        ],
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        scales: { count: { position: 'left', beginAtZero: true, ticks: { precision: 0 } },
          mb: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false } } },
      },
    });
  }

  async loadStorage() {
    const [report, current] = await Promise.all([this.api.json(`/reports/storage?${this.range()}`),
      this.api.json('/reports/storage/current')]);
    const rows = [...KINDS.map(([key, label]) => [`${label} stored now`, bytes(current.bytes[key])]),
      ['Stored now', bytes(current.bytes.total)], ['GB-days in the range', Number(report.totals.gbDays).toFixed(6)]];
    document.querySelector('#storage-totals tbody').replaceChildren(...rows.map(([label, value]) => {
      const tr = document.createElement('tr');
      tr.innerHTML = '<th scope="row"></th><td></td>';
      tr.firstChild.textContent = label;
      tr.lastChild.textContent = value;
      return tr;
    }));
    this.storageChart?.destroy();
    this.storageChart = new Chart(document.getElementById('storage-chart'), {
      type: 'bar',
      data: {
        labels: report.days.map((d) => d.day),
        datasets: KINDS.map(([key, label, color]) => ({
          label: `${label} (MB)`, data: report.days.map((d) => d.bytes[key] / 1048576), backgroundColor: color })),
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } },
      },
    });
  }

  async csv() {
    try {
      const response = await this.api.request(`/reports/usage?${this.range()}`, { accept: 'text/csv' });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(await response.blob());
      link.download = `usage-${this.range().get('from')}-${this.range().get('to')}.csv`;
      link.click();
    } catch (error) {
      this.showError(error.message);
    }
  }
}

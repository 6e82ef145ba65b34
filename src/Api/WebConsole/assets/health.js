import { api } from './api.js';
import { barChart } from './charts.js';
import { count, h, replace, table } from './dom.js';

const pollMilliseconds = 1000;
const binLabel = (bin, unit = '') => bin.to === null ? `≥ ${bin.from}${unit}` : `${bin.from}–${bin.to}${unit}`;

/** A verdict (ok, warning, problem) as a badge, with the job states' colours. */
function verdictBadge(verdict) {
  const tone = { ok: 'succeeded', warning: 'queued', problem: 'failed' }[verdict] ?? 'queued';
  return h('span', { class: `state state-${tone}` }, verdict);
}

function reportView(report) {
  const exactPairs = report.exactDuplicates.listed.map(group => [group.images.map(image => image.name).join(' = '), group.acrossSplits ? 'across splits' : 'within a split']);
  const nearPairs = report.nearDuplicates.listed.map(pair => [pair.first.name, pair.second.name, pair.distance]);
  return [
    h('p', { id: 'health-verdict' }, 'Verdict: ', verdictBadge(report.verdict), ` (${count(report.images)} images read in ${report.seconds.toFixed(1)} s)`),
    table(['Verdict', 'Check', 'Finding'], report.findings.map(finding => [verdictBadge(finding.verdict), finding.check, finding.message]),
      { caption: 'Findings' }),
    exactPairs.length ? table(['Identical images', 'Where'], exactPairs, { caption: `Identical images (${count(report.exactDuplicates.groups)} sets)` }) : null,
    nearPairs.length ? table(['Earlier split', 'Later split', 'Bits apart'], nearPairs,
      { caption: `Near-duplicates across splits (${count(report.nearDuplicates.pairs)} pairs)`, numeric: [2] }) : null,
    report.unreadable.listed.length ? table(['Unreadable file', 'Why'], report.unreadable.listed.map(file => [file.image.name, file.reason]),
      { caption: `Unreadable files (${count(report.unreadable.count)})` }) : null,
    h('div', { class: 'charts' },
      barChart({ title: 'Images by shorter side (pixels)', categories: report.sizes.shorterSide.map(bin => binLabel(bin)),
        series: [{ name: 'images', color: '#0b5cad', values: report.sizes.shorterSide.map(bin => bin.images) }] }),
      barChart({ title: 'Images by aspect ratio (width / height)', categories: report.sizes.aspectRatio.map(bin => binLabel(bin)),
        series: [{ name: 'images', color: '#116329', values: report.sizes.aspectRatio.map(bin => bin.images) }] })),
  ];
}

/** The dataset's health report, following its progress while a worker computes it. */
export function healthSection(datasetId) {
  const section = h('section', { id: 'health', 'aria-live': 'polite', 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading the health report…'));
  async function refresh() {
    if (!section.isConnected && section.dataset.started) return;
    section.dataset.started = 'true';
    try {
      const health = await api(`/datasets/${encodeURIComponent(datasetId)}/health`);
      if (health.state === 'done') {
        replace(section, reportView(health.report));
        section.removeAttribute('aria-busy');
      } else if (health.state === 'failed') {
        replace(section, h('p', { role: 'alert', class: 'problem' }, `The health check failed: ${health.error}`));
        section.removeAttribute('aria-busy');
      } else {
        replace(section, h('p', {}, health.state === 'queued' ? 'The health check waits for a worker…' : 'Checking the images…'),
          h('progress', { id: 'health-progress', max: Math.max(health.progress.total, 1), value: health.progress.scanned }));
        setTimeout(refresh, pollMilliseconds);
      }
    } catch (error) {
      replace(section, h('p', { class: 'muted' }, error.explanation ?? error.message));
      section.removeAttribute('aria-busy');
    }
  }
  refresh();
  return section;
}

/** The problems of a dataset's health report, as the job form shows them; empty until the report is done. */
export async function datasetProblems(datasetId) {
  try {
    const health = await api(`/datasets/${encodeURIComponent(datasetId)}/health`);
    return health.state === 'done' ? health.report.findings.filter(finding => finding.verdict === 'problem') : [];
  } catch {
    return [];
  }
}

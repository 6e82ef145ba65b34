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

const maxNamedThumbnails = 100;

/** Each duplicate pair's two images side by side, fetched by name from the samples endpoint. */
function pairGallery(datasetId, report) {
  const pairs = [
    ...report.exactDuplicates.listed.map(group => ({ first: group.images[0], second: group.images[1], note: 'identical' })),
    ...report.nearDuplicates.listed.map(pair => ({ first: pair.first, second: pair.second, note: `${pair.distance} bits apart` })),
  ];
  if (!pairs.length) return null;
  const gallery = h('div', { class: 'samples pairs', 'aria-busy': 'true' });
  const names = [...new Set(pairs.flatMap(pair => [pair.first.name, pair.second.name]))].slice(0, maxNamedThumbnails);
  const query = names.map(name => `name=${encodeURIComponent(name)}`).join('&');
  api(`/datasets/${encodeURIComponent(datasetId)}/samples?size=64&${query}`).then(samples => {
    const byName = new Map(samples.map(sample => [sample.name, sample]));
    const thumbnail = image => byName.has(image.name)
      ? h('img', { src: `data:image/png;base64,${byName.get(image.name).png}`, alt: image.name, width: 64, height: 64 })
      : h('span', { class: 'muted' }, 'not readable');
    replace(gallery, pairs.map(pair => h('figure', { class: 'pair' },
      h('figcaption', {}, pair.note),
      thumbnail(pair.first), thumbnail(pair.second),
      h('p', { class: 'muted' }, `${pair.first.name} · ${pair.second.name}`))));
  }).catch(error => replace(gallery, h('p', { class: 'muted' }, error.explanation ?? error.message)))
    .finally(() => gallery.removeAttribute('aria-busy'));
  return [h('h3', {}, 'Duplicate pairs'), gallery];
}

function reportView(datasetId, report) {
  const exactPairs = report.exactDuplicates.listed.map(group => [group.images.map(image => image.name).join(' = '), group.acrossSplits ? 'across splits' : 'within a split']);
  const nearPairs = report.nearDuplicates.listed.map(pair => [pair.first.name, pair.second.name, pair.distance]);
  return [
    h('p', { id: 'health-verdict' }, 'Verdict: ', verdictBadge(report.verdict), ` (${count(report.images)} images read in ${report.seconds.toFixed(1)} s)`),
    table(['Verdict', 'Check', 'Finding'], report.findings.map(finding => [verdictBadge(finding.verdict), finding.check, finding.message]),
      { caption: 'Findings' }),
    exactPairs.length ? table(['Identical images', 'Where'], exactPairs, { caption: `Identical images (${count(report.exactDuplicates.groups)} sets)` }) : null,
    nearPairs.length ? table(['Earlier split', 'Later split', 'Bits apart'], nearPairs,
      { caption: `Near-duplicates across splits (${count(report.nearDuplicates.pairs)} pairs)`, numeric: [2] }) : null,
    pairGallery(datasetId, report),
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
        replace(section, reportView(datasetId, health.report));
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

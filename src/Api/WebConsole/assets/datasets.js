import { api, newestPage, upload } from './api.js';
import { barChart } from './charts.js';
import { count, h, problemSlot, replace, shape, shownOf, table, when } from './dom.js';
import { healthSection } from './health.js';

const splitColours = { train: '#0b5cad', validation: '#bf5700', test: '#116329' };
const splitOrder = ['train', 'validation', 'test'];
const splitsOf = dataset => splitOrder.filter(split => dataset.counts[split]);

function countsText(dataset) {
  return splitsOf(dataset).map(split => `${split} ${count(dataset.counts[split].total)}`).join(', ');
}

export async function datasetsPage(main) {
  const problem = problemSlot();
  const progress = h('progress', { id: 'upload-progress', max: 1, value: 0, 'aria-label': 'Upload progress', hidden: true });
  const status = h('span', { role: 'status', class: 'muted' });
  const file = h('input', { type: 'file', accept: '.zip,.tar,.tgz,.gz,application/zip,application/x-tar,application/gzip', required: true });
  const name = h('input', { type: 'text', placeholder: 'from the file name' });
  const button = h('button', { type: 'submit' }, 'Upload');
  const list = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));

  const form = h('form', { class: 'panel', 'aria-labelledby': 'upload-heading' },
    h('h2', { id: 'upload-heading' }, 'Upload a dataset'),
    h('p', { class: 'muted' }, 'A zip, tar or tar.gz of image folders (one folder per class, optionally under train/, val/ and test/), MNIST-style IDX files, or CIFAR-10/100 binaries.'),
    h('div', { class: 'grid' },
      h('div', { class: 'field' }, h('label', { for: 'upload-file' }, 'Archive'), Object.assign(file, { id: 'upload-file' })),
      h('div', { class: 'field' }, h('label', { for: 'upload-name' }, 'Name (optional)'), Object.assign(name, { id: 'upload-name' }))),
    h('div', { class: 'actions' }, button, progress, status),
    problem);

  form.addEventListener('submit', async event => {
    event.preventDefault();
    problem.clear();
    if (!file.files.length) { problem.show(new Error('Choose an archive first.')); return; }
    const data = new FormData();
    data.append('file', file.files[0]);
    if (name.value.trim()) data.append('name', name.value.trim());
    button.disabled = true;
    progress.hidden = false;
    progress.value = 0;
    status.textContent = 'Uploading…';
    try {
      const dataset = await upload('/datasets', data, share => {
        progress.value = share;
        status.textContent = share < 1 ? `Uploading… ${Math.round(100 * share)} %` : 'Reading the dataset…';
      });
      status.textContent = `Registered “${dataset.name}” with ${dataset.classes.length} classes.`;
      form.reset();
      await refresh();
    } catch (error) {
      status.textContent = '';
      problem.show(error);
    } finally {
      button.disabled = false;
      progress.hidden = true;
    }
  });

  async function refresh() {
    const { items: datasets, total } = await newestPage('/datasets');
    replace(list, datasets.length === 0
      ? h('p', {}, 'No datasets yet: upload an archive above.')
      : table(['Name', 'Format', 'Classes', 'Images per split', 'Image shape', 'Added'], datasets.map(d => [
        h('a', { href: `#/datasets/${d.id}` }, d.name),
        d.format,
        h('span', { title: d.classes.join(', ') }, `${d.classes.length}: ${d.classes.slice(0, 6).join(', ')}${d.classes.length > 6 ? ', …' : ''}`),
        countsText(d),
        shape(d.imageShape),
        when(d.createdAt),
      ]), { caption: `${shownOf(datasets, total)} dataset(s), newest first` }));
  }

  replace(main,
    h('h1', {}, 'Datasets'),
    h('p', {}, 'From an archive to a classifier: upload a dataset here, start a ', h('a', { href: '#/jobs/new' }, 'training job'),
      ', watch it in ', h('a', { href: '#/jobs' }, 'Jobs'), ', then ', h('a', { href: '#/classify' }, 'classify'), ' images with the model.'),
    form,
    h('h2', {}, 'Registered datasets'),
    list);
  await refresh();
}

export async function datasetPage(main, id) {
  const dataset = await api(`/datasets/${encodeURIComponent(id)}`);
  const problem = problemSlot();
  const samples = h('div', { class: 'samples', 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading sample images…'));
  const splits = splitsOf(dataset);

  const remove = h('button', { type: 'button', class: 'danger', onclick: async () => {
    if (!confirm(`Delete the dataset “${dataset.name}”?`)) return;
    try {
      await api(`/datasets/${encodeURIComponent(id)}`, { method: 'DELETE' });
      location.hash = '#/datasets';
    } catch (error) { problem.show(error); }
  } }, 'Delete dataset');

  replace(main,
    h('h1', {}, `Dataset “${dataset.name}”`),
    h('dl', { class: 'stats' },
      h('div', {}, h('dt', {}, 'Format'), h('dd', {}, dataset.format)),
      h('div', {}, h('dt', {}, 'Image shape (C×H×W)'), h('dd', {}, shape(dataset.imageShape))),
      h('div', {}, h('dt', {}, 'Classes'), h('dd', { id: 'class-count' }, dataset.classes.length)),
      h('div', {}, h('dt', {}, 'Images'), h('dd', {}, countsText(dataset))),
      dataset.skippedFiles ? h('div', {}, h('dt', {}, 'Skipped files'), h('dd', {}, dataset.skippedFiles)) : null),
    dataset.warnings.length ? h('ul', { class: 'muted' }, dataset.warnings.map(w => h('li', {}, w))) : null,
    h('div', { class: 'actions' }, h('a', { class: 'button', href: `#/jobs/new?dataset=${dataset.id}` }, 'Train on this dataset'), remove),
    problem,
    h('h2', {}, 'Health'),
    healthSection(dataset.id),
    h('h2', {}, 'Class balance'),
    barChart({
      title: 'Images per class and split',
      categories: dataset.classes,
      series: splits.map(split => ({ name: split, color: splitColours[split], values: dataset.counts[split].perClass })),
    }),
    table(['Class', ...splits], dataset.classes.map((label, c) => [label, ...splits.map(split => count(dataset.counts[split].perClass[c]))]),
      { caption: 'Images per class', numeric: splits.map((_, i) => i + 1), foot: ['All', ...splits.map(split => count(dataset.counts[split].total))] }),
    h('h2', {}, 'Sample images'),
    samples);

  try {
    const images = await api(`/datasets/${encodeURIComponent(id)}/samples?count=4&size=64`);
    replace(samples, dataset.classes.map((label, c) => h('figure', { class: 'sample-class' },
      h('figcaption', {}, label),
      images.filter(image => image.class === c).map(image =>
        h('img', { src: `data:image/png;base64,${image.png}`, alt: `${label}, training image ${image.index}`, width: 64, height: 64 })))));
  } catch (error) {
    replace(samples);
    problem.show(error);
  } finally {
    samples.removeAttribute('aria-busy');
  }
}

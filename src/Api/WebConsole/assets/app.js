// The console's shell: the routes (in the URL's fragment, so the service needs no server-side routes), the key field,
// and one place that shows what went wrong when a page cannot load.
import { apiKey } from './api.js';
import { classifyPage } from './classify.js';
import { datasetPage, datasetsPage } from './datasets.js';
import { h, replace } from './dom.js';
import { jobPage, jobsPage } from './jobs.js';
import { modelPage, modelsPage } from './models.js';
import { newJobPage } from './newjob.js';
import { newSweepPage, sweepPage, sweepsPage } from './sweeps.js';

const routes = [
  [/^\/datasets\/([\w-]+)$/, (main, [id]) => datasetPage(main, id), 'Dataset', '#/datasets'],
  [/^\/datasets$/, main => datasetsPage(main), 'Datasets', '#/datasets'],
  [/^\/jobs\/new$/, (main, _, query) => newJobPage(main, query), 'New job', '#/jobs/new'],
  [/^\/jobs\/([\w-]+)$/, (main, [id], _, signal) => jobPage(main, id, signal), 'Job', '#/jobs'],
  [/^\/jobs$/, (main, _, __, signal) => jobsPage(main, signal), 'Jobs', '#/jobs'],
  [/^\/sweeps\/new$/, main => newSweepPage(main), 'New sweep', '#/sweeps'],
  [/^\/sweeps\/([\w-]+)$/, (main, [id], _, signal) => sweepPage(main, id, signal), 'Sweep', '#/sweeps'],
  [/^\/sweeps$/, (main, _, __, signal) => sweepsPage(main, signal), 'Sweeps', '#/sweeps'],
  [/^\/models\/([\w-]+)$/, (main, [id]) => modelPage(main, id), 'Model', '#/models'],
  [/^\/models$/, main => modelsPage(main), 'Models', '#/models'],
  [/^\/classify$/, (main, _, query) => classifyPage(main, query), 'Classify', '#/classify'],
];

let current = new AbortController();

async function route() {
  current.abort();
  current = new AbortController();
  const signal = current.signal;
  const [path, search] = (location.hash.slice(1) || '/datasets').split('?');
  const match = routes.map(([pattern, page, title, nav]) => [pattern.exec(path), page, title, nav]).find(([m]) => m);
  const main = document.getElementById('main');
  for (const link of document.querySelectorAll('nav a')) {
    if (match && link.getAttribute('href') === match[3]) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
  if (!match) {
    replace(main, h('h1', {}, 'Not found'), h('p', {}, 'There is no such page here. ', h('a', { href: '#/datasets' }, 'Go to the datasets.')));
    return;
  }
  const [found, page, title] = match;
  document.title = `${title} · ResNetService`;
  replace(main, h('p', { class: 'muted' }, 'Loading…'));
  try {
    await page(main, found.slice(1), new URLSearchParams(search ?? ''), signal);
  } catch (error) {
    if (signal.aborted) return;
    replace(main, h('h1', {}, title), h('div', { role: 'alert', class: 'problem' }, error.explanation ?? error.message));
  }
}

function showKeyState() {
  document.getElementById('key-state').textContent = apiKey.get() ? 'Key set for this browser session.' : 'No key set.';
}

document.getElementById('key-form').addEventListener('submit', event => {
  event.preventDefault();
  const input = document.getElementById('api-key');
  apiKey.set(input.value.trim());
  input.value = '';
  showKeyState();
});

window.addEventListener('hashchange', () => { route(); document.getElementById('main').focus({ preventScroll: true }); });
showKeyState();
route();

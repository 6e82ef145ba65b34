import { api, events } from './api.js';
import { lineChart } from './charts.js';
import { count, duration, fixed, h, percent, problemSlot, replace, stateBadge, table, when } from './dom.js';

function progressBar(job, id) {
  const value = job.state === 'succeeded' ? 100 : job.progress?.percent ?? 0;
  return h('progress', { id, max: 100, value, 'aria-label': `Progress of ${job.name}`, title: `${value.toFixed(1)} %` });
}

export async function jobsPage(main, signal) {
  const list = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  replace(main, h('h1', {}, 'Jobs'), h('p', {}, h('a', { class: 'button', href: '#/jobs/new' }, 'New job')), list);
  const refresh = async () => {
    const page = await api('/jobs?pageSize=100');
    replace(list, page.items.length === 0
      ? h('p', {}, 'No jobs yet: ', h('a', { href: '#/jobs/new' }, 'start one'), '.')
      : table(['Name', 'State', 'Progress', 'Epoch', 'Validation accuracy', 'Created'], page.items.map(job => [
        h('a', { href: `#/jobs/${job.id}` }, job.name),
        stateBadge(job.state),
        progressBar(job),
        job.progress ? `${job.progress.epoch} / ${job.progress.epochs}` : '–',
        percent(job.latestMetrics?.validationAccuracy),
        when(job.createdAt),
      ]), { caption: `${page.total} job(s), newest first` }));
    return page.items.some(job => !job.finished);
  };
  // The list is a summary; each job's own page follows it live. Here a slow refresh keeps states current.
  while (!signal.aborted && await refresh()) await new Promise(resolve => setTimeout(resolve, 3000));
}

const lines = {
  trainLoss: { key: 'train-loss', name: 'train loss (per epoch)', color: '#0b5cad' },
  validationLoss: { key: 'validation-loss', name: 'validation loss', color: '#bf5700', dash: '6 3' },
  runningLoss: { key: 'running-loss', name: 'train loss (running, within the epoch)', color: '#6e7781', dots: false },
  trainAccuracy: { key: 'train-accuracy', name: 'train accuracy', color: '#0b5cad' },
  validationAccuracy: { key: 'validation-accuracy', name: 'validation accuracy', color: '#bf5700', dash: '6 3' },
};

export async function jobPage(main, id, signal) {
  let job = await api(`/jobs/${encodeURIComponent(id)}`);
  const dataset = await api(`/datasets/${encodeURIComponent(job.datasetId)}`).catch(() => null);
  const epochs = new Map();
  const running = [];
  const problem = problemSlot();
  const header = h('div');
  const stats = h('dl', { class: 'stats' });
  const bar = h('div');
  const charts = h('div', { class: 'charts' });
  const history = h('div');
  const live = h('p', { class: 'muted', role: 'status' });
  const actions = h('div', { class: 'actions' });

  const act = (label, className, run) => h('button', { type: 'button', class: className, onclick: async event => {
    problem.clear();
    event.target.disabled = true;
    try { await run(); } catch (error) { problem.show(error); } finally { event.target.disabled = false; }
  } }, label);
  const cancel = act('Cancel', 'danger', async () => { job = await api(`/jobs/${encodeURIComponent(id)}`, { method: 'DELETE' }) ?? job; render(); });
  const resume = act('Resume', '', async () => { await api(`/jobs/${encodeURIComponent(id)}/resume`, { method: 'POST', body: {} }); follow(); });

  function render() {
    replace(header, h('h1', {}, `Job “${job.name}” `, stateBadge(job.state)),
      h('p', { class: 'muted' }, `Dataset `, dataset ? h('a', { href: `#/datasets/${job.datasetId}` }, dataset.name) : `${job.datasetId} (deleted)`, `, created ${when(job.createdAt)}`,
        job.cancelRequested ? ' — cancelling…' : ''),
      job.fromModelId ? h('p', { id: 'job-source' }, 'Starts from ', h('a', { href: `#/models/${job.fromModelId}` }, 'a trained model'),
        job.classifierReinitialised ? ': its network and weights; its classifier is re-initialised for the dataset\'s classes.' : ': its network and weights, classifier included (the same classes).') : null);
    const p = job.progress;
    replace(stats,
      [['Epoch', p ? `${p.epoch} / ${p.epochs}` : '–'], ['Step', p ? `${p.step} / ${p.stepsPerEpoch}` : '–'],
        ['Images per second', p ? count(p.imagesPerSecond) : '–'], ['Time left', job.finished ? '–' : duration(p?.etaSeconds)],
        ['Running train loss', fixed(p?.loss)], ['Validation accuracy', percent(job.latestMetrics?.validationAccuracy)]]
        .map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value))));
    replace(bar, h('label', { for: 'job-progress' }, `Progress: ${(job.state === 'succeeded' ? 100 : p?.percent ?? 0).toFixed(1)} %`), progressBar(job, 'job-progress'));
    replace(actions,
      job.canCancel ? cancel : null,
      job.canResume ? resume : null,
      job.modelId ? h('a', { class: 'button', href: `#/models/${job.modelId}` }, 'Open the model') : null);
    if (job.error) problem.show(new Error(`The job failed: ${job.error}`));
    renderCharts();
  }

  function renderCharts() {
    const ordered = [...epochs.values()].sort((a, b) => a.epoch - b.epoch);
    const xMax = job.training.epochs;
    const points = (key, source = ordered) => source.map(m => ({ x: m.epoch, y: m[key] }));
    replace(charts,
      lineChart({ title: 'Loss', xLabel: 'epoch', xMax, series: [
        { ...lines.trainLoss, points: points('trainLoss') },
        { ...lines.validationLoss, points: points('validationLoss') },
        { ...lines.runningLoss, points: running },
      ] }),
      lineChart({ title: 'Accuracy', xLabel: 'epoch', xMax, yMin: 0, yMax: 1, series: [
        { ...lines.trainAccuracy, points: points('trainAccuracy') },
        { ...lines.validationAccuracy, points: points('validationAccuracy') },
      ] }));
    replace(history, ordered.length === 0 ? null : table(
      ['Epoch', 'Train loss', 'Train accuracy', 'Validation loss', 'Validation accuracy', 'Learning rate', 'Seconds'],
      ordered.map(m => [m.epoch, fixed(m.trainLoss), percent(m.trainAccuracy), fixed(m.validationLoss), percent(m.validationAccuracy), fixed(m.learningRate, 5), fixed(m.durationSeconds, 1)]),
      { caption: 'Metrics per epoch', numeric: [0, 1, 2, 3, 4, 5, 6] }));
  }

  function onEvent(name, data) {
    if (name === 'epoch') epochs.set(data.epoch, data);
    if (name === 'job') {
      job = data;
      const p = data.progress;
      if (p?.loss !== null && p?.loss !== undefined && data.state === 'running') {
        const x = p.epoch - 1 + p.step / Math.max(1, p.stepsPerEpoch);
        if (!running.length || running[running.length - 1].x < x) running.push({ x, y: p.loss });
      }
    }
    render();
  }

  let following = false;
  async function follow() {
    if (following) return;
    following = true;
    live.textContent = 'Following the job live.';
    try {
      await events(`/jobs/${encodeURIComponent(id)}/events`, onEvent, signal);
      live.textContent = job.finished ? `The job ${job.state}.` : '';
    } catch (error) {
      if (!signal.aborted) { live.textContent = ''; problem.show(error); }
    } finally {
      following = false;
    }
  }

  replace(main, header, stats, bar, actions, problem, live, charts, h('h2', {}, 'History'), history);
  render();
  await follow();
}

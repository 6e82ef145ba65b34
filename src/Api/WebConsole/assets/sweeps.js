import { api, events, newestPage } from './api.js';
import { lineChart } from './charts.js';
import { count, field, fixed, h, problemSlot, replace, stateBadge, table, when } from './dom.js';

const palette = ['#0b5cad', '#bf5700', '#1a7f37', '#8250df', '#cf222e', '#6e7781', '#9a6700', '#0550ae', '#bc4c00', '#116329'];
const metricName = { validationAccuracy: 'validation accuracy', validationLoss: 'validation loss' };
const value = (sweep, x) => x === null || x === undefined ? '–' : sweep.spec.objective.metric === 'validationLoss' ? fixed(x) : `${(100 * x).toFixed(1)} %`;
const parameters = trial => Object.entries(trial.parameters).map(([name, v]) => `${name}=${JSON.stringify(v)}`).join(', ');

export async function sweepsPage(main, signal) {
  const list = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  replace(main, h('h1', {}, 'Sweeps'), h('p', {}, h('a', { class: 'button', href: '#/sweeps/new' }, 'New sweep')), list);
  const refresh = async () => {
    const page = await api('/sweeps?pageSize=100');
    replace(list, page.items.length === 0
      ? h('p', {}, 'No sweeps yet: ', h('a', { href: '#/sweeps/new' }, 'start one'), '.')
      : table(['Name', 'State', 'Trials', 'Created'], page.items.map(sweep => [
        h('a', { href: `#/sweeps/${sweep.id}` }, sweep.name), stateBadge(sweep.state), count(sweep.trialsPlanned), when(sweep.createdAt),
      ]), { caption: `${page.total} sweep(s), newest first` }));
    return page.items.some(sweep => sweep.state === 'running');
  };
  while (!signal.aborted && await refresh()) await new Promise(resolve => setTimeout(resolve, 3000));
}

export async function sweepPage(main, id, signal) {
  let sweep = await api(`/sweeps/${encodeURIComponent(id)}`);
  const histories = new Map();
  const problem = problemSlot();
  const header = h('div');
  const stats = h('dl', { class: 'stats' });
  const actions = h('div', { class: 'actions' });
  const charts = h('div', { class: 'charts' });
  const trials = h('div');
  const live = h('p', { class: 'muted', role: 'status', id: 'sweep-live' });

  const act = (label, className, run) => h('button', { type: 'button', class: className, onclick: async event => {
    problem.clear();
    event.target.disabled = true;
    try { await run(); } catch (error) { problem.show(error); } finally { event.target.disabled = false; }
  } }, label);
  const cancel = act('Cancel the sweep', 'danger', async () => { sweep = await api(`/sweeps/${encodeURIComponent(id)}`, { method: 'DELETE' }) ?? sweep; render(); });
  const promote = act('Make the best model the default', '', async () => {
    const pinned = await api(`/sweeps/${encodeURIComponent(id)}/promote`, { method: 'POST' });
    replace(live, 'The default model is now ', h('a', { href: `#/models/${pinned.modelId}` }, 'the best trial\'s'), '.');
  });

  // A trial's history is read again only when it has trained more epochs since.
  async function readHistories() {
    await Promise.all(sweep.trials.filter(t => histories.get(t.jobId)?.length !== t.epochsUsed).map(async t =>
      histories.set(t.jobId, await api(`/jobs/${encodeURIComponent(t.jobId)}/metrics`, { signal }))));
  }

  function render() {
    const objective = sweep.spec.objective.metric;
    replace(header, h('h1', {}, `Sweep “${sweep.name}” `, stateBadge(sweep.state)),
      h('p', { class: 'muted' }, `Rungs at ${sweep.rungs.join(', ')} epochs; objective: ${metricName[objective]}; created ${when(sweep.createdAt)}`,
        sweep.endReason ? ` — ended: ${sweep.endReason === 'targetReached' ? 'the target was reached' : 'every trial is done'}` : ''));
    replace(stats, [
      ['Trials', `${sweep.trials.length} / ${sweep.trialsPlanned}`],
      ['Epochs spent', h('span', { id: 'sweep-epochs' }, `${sweep.epochsSpent} of ${sweep.epochsFullSearch}`)],
      ['Best so far', h('span', { id: 'sweep-best' }, sweep.best ? `${value(sweep, sweep.best.bestValue)} (trial ${sweep.best.trial})` : '–')],
    ].map(([term, v]) => h('div', {}, h('dt', {}, term), h('dd', {}, v))));
    replace(actions, sweep.state === 'running' ? cancel : null, sweep.trials.some(t => t.modelId) ? promote : null);
    replace(trials, table(['Trial', 'Parameters', 'State', 'Rung', 'Epochs', `Best ${metricName[objective]}`], sweep.trials.map(t => [
      h('a', { href: `#/jobs/${t.jobId}` }, String(t.trial)), parameters(t), stateBadge(t.state),
      `${t.stoppedAtRung !== null ? `stopped at ${t.stoppedAtRung}` : t.rung} (${t.rungEpochs} epoch${t.rungEpochs === 1 ? '' : 's'})`,
      t.epochsUsed, value(sweep, t.bestValue),
    ]), { caption: 'Trials: each is a job of its own', numeric: [4, 5] }));
    const yRange = objective === 'validationAccuracy' ? { yMin: 0, yMax: 1 } : {};
    replace(charts, lineChart({
      title: `${metricName[objective]} of every trial`, xLabel: 'epoch', xMax: sweep.spec.maxEpochs, ...yRange,
      marks: sweep.rungs.map((epochs, i) => ({ x: epochs, label: `rung ${i}: ${epochs} epochs` })),
      series: sweep.trials.map((t, i) => ({
        key: `trial-${t.trial}`, name: `trial ${t.trial}`, color: palette[i % palette.length],
        points: (histories.get(t.jobId) ?? []).map(m => ({ x: m.epoch, y: m[objective] })),
      })),
    }), lineChart({
      // What the search has found for what it has cost: the epochs of every trial, in the order they were trained.
      title: `best ${metricName[objective]} so far`, xLabel: 'epochs spent by all trials', ...yRange,
      series: [{ key: 'best-so-far', name: 'best so far', color: palette[0],
        points: sweep.bestSoFar.map(p => ({ x: p.epochsSpent, y: p.value })) }],
    }));
  }

  async function onEvent(_, data) {
    sweep = data;
    await readHistories();
    render();
  }

  replace(main, header, stats, actions, problem, live, charts, h('h2', {}, 'Trials'), trials);
  await readHistories();
  render();
  if (sweep.state !== 'running') return;
  live.textContent = 'Following the sweep live.';
  try {
    await events(`/sweeps/${encodeURIComponent(id)}/events`, onEvent, signal);
    live.textContent = `The sweep ${sweep.state}.`;
  } catch (error) {
    if (!signal.aborted) { live.textContent = ''; problem.show(error); }
  }
}

const exampleSpace = { learningRate: { logUniform: [0.01, 0.5] }, weightDecay: { logUniform: [0.00001, 0.001] } };

export async function newSweepPage(main) {
  const { items: datasets } = await newestPage('/datasets');
  if (datasets.length === 0) {
    replace(main, h('h1', {}, 'New sweep'), h('p', {}, 'There is no dataset to search on yet: ', h('a', { href: '#/datasets' }, 'upload one first'), '.'));
    return;
  }
  const problem = problemSlot();
  const number = (v, attributes = {}) => h('input', { type: 'number', value: v, ...attributes });
  const controls = {
    dataset: h('select', {}, datasets.map(d => h('option', { value: d.id }, d.name))),
    name: h('input', { type: 'text' }),
    depth: number(20, { min: 8 }),
    batchSize: number(128, { min: 1, max: 4096 }),
    space: h('textarea', { rows: 6, spellcheck: false }, JSON.stringify(exampleSpace, null, 2)),
    minEpochs: number(1, { min: 1 }),
    maxEpochs: number(9, { min: 2 }),
    reductionFactor: number(3, { min: 2, max: 10 }),
    maxTrials: number(9, { min: 1, max: 1000 }),
    maxConcurrent: number(2, { min: 1, max: 100 }),
  };
  const fields = {
    dataset: field('sweep-dataset', 'Dataset', controls.dataset),
    name: field('sweep-name', 'Name', controls.name, 'Unset: the dataset\'s name.'),
    depth: field('sweep-depth', 'Depth', controls.depth, 'The base job\'s network; the search space may vary it ("depth").'),
    batchSize: field('sweep-batch-size', 'Batch size', controls.batchSize),
    space: field('sweep-space', 'Search space (JSON)', controls.space,
      'Option names with {"choice": [...]}, {"uniform": [low, high]}, {"logUniform": [low, high]} or {"int": [low, high, step]}.'),
    minEpochs: field('sweep-min-epochs', 'First rung (epochs)', controls.minEpochs),
    maxEpochs: field('sweep-max-epochs', 'Epochs of a full trial', controls.maxEpochs),
    reductionFactor: field('sweep-reduction-factor', 'Reduction factor', controls.reductionFactor, 'The best 1 in this many trials of a rung go on.'),
    maxTrials: field('sweep-max-trials', 'Trials', controls.maxTrials),
    maxConcurrent: field('sweep-max-concurrent', 'Trials at once', controls.maxConcurrent),
  };
  // The API's field names, for showing its per-field errors at the field they belong to.
  const errorFields = {
    'job.datasetId': 'dataset', name: 'name', 'job.model.depth': 'depth', 'job.training.batchSize': 'batchSize', searchSpace: 'space',
    'scheduler.minEpochs': 'minEpochs', 'scheduler.maxEpochs': 'maxEpochs', 'scheduler.reductionFactor': 'reductionFactor',
    'budget.maxTrials': 'maxTrials', 'budget.maxConcurrent': 'maxConcurrent',
  };
  const submit = h('button', { type: 'submit' }, 'Start the sweep');
  const form = h('form', { novalidate: true, onsubmit: async event => {
    event.preventDefault();
    problem.clear();
    Object.values(fields).forEach(f => f.setError(null));
    let searchSpace;
    try {
      searchSpace = JSON.parse(controls.space.value);
    } catch (error) {
      fields.space.setError([`This is not JSON: ${error.message}`]);
      return;
    }
    submit.disabled = true;
    try {
      const accepted = await api('/sweeps', { method: 'POST', body: {
        name: controls.name.value.trim() || undefined,
        job: { datasetId: controls.dataset.value, model: { depth: Number(controls.depth.value) }, training: { batchSize: Number(controls.batchSize.value) } },
        searchSpace,
        scheduler: { kind: 'asha', minEpochs: Number(controls.minEpochs.value), maxEpochs: Number(controls.maxEpochs.value), reductionFactor: Number(controls.reductionFactor.value) },
        budget: { maxTrials: Number(controls.maxTrials.value), maxConcurrent: Number(controls.maxConcurrent.value) },
      } });
      location.hash = `#/sweeps/${accepted.id}`;
    } catch (error) {
      const placed = new Map();
      const unplaced = [];
      for (const [name, messages] of Object.entries(error.errors ?? {})) {
        const option = name.startsWith('searchSpace.') ? name.slice('searchSpace.'.length) : null;
        const target = option !== null ? 'space' : errorFields[name];
        const text = option !== null ? `${option}: ${messages.join(' ')}` : messages.join(' ');
        if (target) placed.set(target, [...(placed.get(target) ?? []), text]); else unplaced.push(`${name}: ${text}`);
      }
      for (const [target, messages] of placed) fields[target].setError(messages);
      if (unplaced.length || placed.size === 0) problem.show(unplaced.length ? new Error(unplaced.join(' ')) : error);
    } finally {
      submit.disabled = false;
    }
  } }, Object.values(fields), problem, submit);
  replace(main, h('h1', {}, 'New sweep'),
    h('p', { class: 'muted' }, 'Many jobs from one: the options in the search space vary from trial to trial; ASHA stops every trial at its rungs unless it is among the best of its rung.'),
    form);
}

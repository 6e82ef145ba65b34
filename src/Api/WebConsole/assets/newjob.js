import { api } from './api.js';
import { compact, count, field, h, problemSlot, replace, table } from './dom.js';

/** Rows of the architecture table: the stem and head layers as they are, each stage's units summed into one row. */
function stageRows(layers) {
  const rows = [];
  for (const layer of layers) {
    const stage = /^(stage\d+)\.unit\d+$/.exec(layer.name)?.[1];
    const last = rows[rows.length - 1];
    if (stage && last?.stage === stage) {
      last.units += 1;
      last.parameters += layer.parameters;
      last.multiplyAdds += layer.multiplyAdds;
      last.outputShape = layer.outputShape;
      if (!last.kinds.includes(layer.kind)) last.kinds.push(layer.kind);
    } else {
      rows.push({ ...layer, stage, units: 1, kinds: [layer.kind] });
    }
  }
  return rows;
}

function architectureTable(summary) {
  return table(['Layer or stage', 'Kind', 'Output shape', 'Parameters', 'Multiply-adds'],
    stageRows(summary.layers).map(row => [
      row.stage ? `${row.stage} (${row.units} unit${row.units > 1 ? 's' : ''})` : row.name,
      row.kinds.join('; '),
      row.outputShape.join('×'),
      count(row.parameters),
      count(row.multiplyAdds),
    ]),
    {
      caption: `ResNet-${summary.depth}: ${compact(summary.parameters)} parameters, ${compact(summary.multiplyAdds)} multiply-adds per image`,
      numeric: [3, 4],
      foot: ['Total', '', '', h('span', { id: 'arch-total-params', 'data-value': summary.parameters }, count(summary.parameters)),
        h('span', { id: 'arch-total-macs', 'data-value': summary.multiplyAdds }, count(summary.multiplyAdds))],
    });
}

const integerList = text => text.split(/[\s,]+/).filter(Boolean).map(Number);
const isIntegerList = text => integerList(text).every(Number.isInteger) && integerList(text).length > 0;

/** The training options the form offers: [field, label, kind, hint]. Defaults come from GET /jobs/defaults. */
const trainingFields = [
  ['epochs', 'Epochs', 'integer', 'Passes over the training split.'],
  ['batchSize', 'Batch size', 'integer', 'Images per step.'],
  ['learningRate', 'Learning rate', 'number', 'Base rate of SGD.'],
  ['momentum', 'Momentum', 'number'],
  ['nesterov', 'Nesterov momentum', 'boolean'],
  ['weightDecay', 'Weight decay', 'number', 'L2.'],
  ['schedule', 'Learning-rate schedule', ['cosine', 'step'], 'cosine: half a cosine to zero; step: multiply at the step epochs.'],
  ['learningRateStepEpochs', 'Step epochs', 'list', 'For the step schedule, e.g. 30,60; empty: half and three quarters of the run.'],
  ['learningRateFactor', 'Step factor', 'number'],
  ['warmupEpochs', 'Warm-up epochs', 'number', 'Linear from zero to the base rate.'],
  ['augment', 'Augment (random crops and flips)', 'boolean'],
  ['labelSmoothing', 'Label smoothing', 'number'],
  ['seed', 'Seed', 'integer'],
  ['earlyStoppingPatience', 'Early-stopping patience', 'optional-integer', 'Epochs without a better validation accuracy; empty: never stop early.'],
  ['validationFraction', 'Validation fraction', 'number', 'Held out of train when the dataset has no validation split.'],
];

function defaultText(value) {
  if (Array.isArray(value)) return value.length ? value.join(',') : 'empty';
  if (value === null || value === undefined) return 'empty';
  return String(value);
}

function trainingControl(kind, value) {
  if (kind === 'boolean') return h('input', { type: 'checkbox', checked: Boolean(value) });
  if (Array.isArray(kind)) {
    const select = h('select', {}, kind.map(option => h('option', { value: option }, option)));
    select.value = value;
    return select;
  }
  const control = h('input', { type: kind === 'list' ? 'text' : 'number', inputMode: kind === 'number' ? 'decimal' : 'numeric' });
  if (kind === 'number') control.step = 'any';
  control.value = kind === 'list' ? (value ?? []).join(',') : value ?? '';
  return control;
}

function trainingValue(kind, control) {
  if (kind === 'boolean') return control.checked;
  if (Array.isArray(kind)) return control.value;
  if (kind === 'list') return integerList(control.value);
  if (control.value.trim() === '') return kind === 'optional-integer' ? null : undefined;
  return Number(control.value);
}

export async function newJobPage(main, query) {
  const [datasets, defaults] = await Promise.all([api('/datasets'), api('/jobs/defaults')]);
  if (datasets.length === 0) {
    replace(main, h('h1', {}, 'New training job'), h('p', {}, 'There is no dataset to train on yet: ', h('a', { href: '#/datasets' }, 'upload one first'), '.'));
    return;
  }
  const problem = problemSlot();
  const fields = {};
  const addField = (key, id, label, control, hint) => (fields[key] = field(id, label, control, hint));

  const datasetSelect = h('select', {}, datasets.map(d => h('option', { value: d.id }, `${d.name} (${d.classes.length} classes, ${d.imageShape.channels}×${d.imageShape.height}×${d.imageShape.width})`)));
  if (query.get('dataset')) datasetSelect.value = query.get('dataset');
  const name = h('input', { type: 'text', placeholder: 'from the dataset name' });
  const preset = h('input', { type: 'radio', name: 'layout', value: 'preset', id: 'layout-preset', checked: true });
  const explicit = h('input', { type: 'radio', name: 'layout', value: 'explicit', id: 'layout-explicit' });
  const depth = h('input', { type: 'number', min: 2, step: 1, value: 20, inputMode: 'numeric' });
  const bottleneck = h('select', {}, h('option', { value: '' }, 'chosen from the depth'), h('option', { value: 'false' }, 'basic (3×3, 3×3)'), h('option', { value: 'true' }, 'bottleneck (1×1, 3×3, 1×1)'));
  const units = h('input', { type: 'text', value: '3,3,3', inputMode: 'numeric' });
  const filters = h('input', { type: 'text', value: '16,16,32,64', inputMode: 'numeric' });
  const inputSize = h('input', { type: 'number', min: 1, step: 1, inputMode: 'numeric' });
  const summary = h('div', { id: 'architecture', 'aria-live': 'polite' });

  addField('datasetId', 'job-dataset', 'Dataset', datasetSelect);
  addField('name', 'job-name', 'Name (optional)', name);
  addField('depth', 'job-depth', 'Depth', depth, 'A preset such as 8, 20, 56, 110 (basic) or 164 (bottleneck); 18, 34, 50, 101, 152 over 32 px.');
  addField('bottleneck', 'job-bottleneck', 'Units', bottleneck);
  addField('units', 'job-units', 'Units per stage', units, 'Comma-separated, e.g. 3,4,6,3.');
  addField('filters', 'job-filters', 'Filters', filters, 'The stem, then each stage, e.g. 64,256,512,1024,2048.');
  addField('inputSize', 'job-input-size', 'Input size (optional)', inputSize, "Side the images are resized to; empty: the dataset's own size.");

  const trainingControls = {};
  const trainingGrid = h('div', { class: 'grid' }, trainingFields.map(([key, label, kind, hint]) => {
    const control = trainingControls[key] = trainingControl(kind, defaults[key]);
    const hintText = [hint, `Default: ${defaultText(defaults[key])}.`].filter(Boolean).join(' ');
    return addField(`training.${key}`, `job-${key}`, label, control, hintText);
  }));

  const layoutFields = h('div', { class: 'grid' });
  function showLayout() {
    replace(layoutFields, preset.checked ? [fields.depth, fields.bottleneck] : [fields.units, fields.filters, fields.bottleneck], fields.inputSize);
  }

  function model() {
    const spec = {};
    if (preset.checked) spec.depth = depth.value === '' ? null : Number(depth.value);
    else { spec.units = integerList(units.value); spec.filters = integerList(filters.value); }
    if (bottleneck.value) spec.bottleneck = bottleneck.value === 'true';
    if (inputSize.value !== '') spec.inputSize = Number(inputSize.value);
    return spec;
  }

  function showErrors(errors) {
    for (const wrapper of Object.values(fields)) wrapper.setError(null);
    const unplaced = [];
    for (const [key, messages] of Object.entries(errors)) {
      const bare = key.replace(/^model\./, '');
      const target = fields[key] ?? fields[bare] ?? (['inputHeight', 'inputWidth'].includes(bare) ? fields.inputSize : null)
        ?? (['classes', 'inputChannels'].includes(bare) ? fields.datasetId : null);
      if (target) target.setError(messages); else unplaced.push(`${key}: ${messages.join(' ')}`);
    }
    return unplaced;
  }

  let pending = 0;
  let timer;
  async function updateSummary() {
    const dataset = datasets.find(d => d.id === datasetSelect.value);
    const spec = model();
    const local = {};
    if (!preset.checked && !isIntegerList(units.value)) local.units = ['Give whole numbers separated by commas.'];
    if (!preset.checked && !isIntegerList(filters.value)) local.filters = ['Give whole numbers separated by commas.'];
    if (Object.keys(local).length) { showErrors(local); replace(summary); return; }
    const side = spec.inputSize;
    const request = {
      inputChannels: dataset.imageShape.channels, inputHeight: side ?? dataset.imageShape.height, inputWidth: side ?? dataset.imageShape.width,
      classes: dataset.classes.length, depth: spec.depth ?? null, bottleneck: spec.bottleneck ?? null, units: spec.units ?? null, filters: spec.filters ?? null,
    };
    const ticket = ++pending;
    try {
      const result = await api('/architectures/summary', { method: 'POST', body: request });
      if (ticket !== pending) return;
      showErrors({});
      replace(summary, architectureTable(result));
    } catch (error) {
      if (ticket !== pending) return;
      const unplaced = showErrors(error.errors ?? {});
      replace(summary, h('p', { class: 'muted' }, 'Fix the fields marked above to see the architecture.'));
      if (unplaced.length || !error.errors || Object.keys(error.errors).length === 0) problem.show(error);
    }
  }
  const scheduleSummary = () => { clearTimeout(timer); problem.clear(); timer = setTimeout(updateSummary, 250); };

  const submit = h('button', { type: 'submit' }, 'Start training');
  const form = h('form', { novalidate: true, 'aria-labelledby': 'new-job-heading' },
    h('h1', { id: 'new-job-heading' }, 'New training job'),
    h('div', { class: 'grid' }, fields.datasetId, fields.name),
    h('fieldset', {},
      h('legend', {}, 'Network'),
      h('div', { class: 'actions', role: 'radiogroup', 'aria-label': 'How to give the network' },
        h('label', {}, preset, ' Preset depth'), h('label', {}, explicit, ' Units and filters')),
      layoutFields),
    h('h2', {}, 'Architecture'),
    summary,
    h('fieldset', {}, h('legend', {}, 'Training options'), trainingGrid),
    h('div', { class: 'actions' }, submit),
    problem);

  const architectureInputs = [datasetSelect, depth, bottleneck, units, filters, inputSize];
  form.addEventListener('input', event => { if (architectureInputs.includes(event.target)) scheduleSummary(); });
  form.addEventListener('change', event => { if (event.target.name === 'layout') { showLayout(); scheduleSummary(); } });
  form.addEventListener('submit', async event => {
    event.preventDefault();
    problem.clear();
    const training = {};
    for (const [key, , kind] of trainingFields) {
      const value = trainingValue(kind, trainingControls[key]);
      if (value !== undefined) training[key] = value;
    }
    const body = { datasetId: datasetSelect.value, model: model(), training };
    if (name.value.trim()) body.name = name.value.trim();
    submit.disabled = true;
    try {
      const accepted = await api('/jobs', { method: 'POST', body });
      location.hash = `#/jobs/${accepted.id}`;
    } catch (error) {
      const unplaced = showErrors(error.errors ?? {});
      if (unplaced.length || Object.keys(error.errors ?? {}).length === 0) problem.show(error);
      else problem.show(new Error('The job was refused: see the fields marked in red.'));
      form.querySelector('[aria-invalid="true"]')?.focus();
    } finally {
      submit.disabled = false;
    }
  });

  showLayout();
  replace(main, form);
  await updateSummary();
}

import { api, newestPage } from './api.js';
import { compact, count, field, h, problemSlot, replace, table } from './dom.js';
import { datasetProblems } from './health.js';

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

/**
 * The training options the form offers, as the service describes them in its OpenAPI document (TrainingOptions):
 * each field's name, kind, allowed values, bounds and description; its default comes from GET /jobs/defaults.
 */
async function trainingFields() {
  const { components: { schemas } } = await api('/swagger/v1/swagger.json');
  return Object.entries(schemas.TrainingOptions.properties).map(([key, property]) => {
    const schema = property.$ref ? schemas[property.$ref.split('/').pop()] : property;
    const kind = schema.enum ? schema.enum : schema.type === 'array' ? 'list' : schema.type;
    const label = key.replace(/[A-Z]/g, letter => ` ${letter.toLowerCase()}`).replace(/^./, first => first.toUpperCase());
    // The description states the from-scratch default; the form says the default of the run being set up.
    const hint = (property.description ?? schema.description ?? '').replace(/\s*Default: .*$/s, '');
    return { key, label, kind, hint, nullable: Boolean(property.nullable), minimum: schema.minimum, maximum: schema.maximum };
  });
}

function defaultText(value) {
  if (Array.isArray(value)) return value.length ? value.join(',') : 'empty';
  if (value === null || value === undefined) return 'empty';
  return String(value);
}

/** The control of one field; a choice whose default is unset (the service decides) offers unset too. */
function trainingControl({ kind, minimum, maximum }, defaultValue) {
  if (kind === 'boolean') return h('input', { type: 'checkbox' });
  if (Array.isArray(kind)) {
    return h('select', {}, defaultValue === null ? h('option', { value: '' }, 'unset') : null, kind.map(option => h('option', { value: option }, option)));
  }
  if (kind === 'string' || kind === 'list') return h('input', { type: 'text', inputMode: kind === 'list' ? 'numeric' : 'text' });
  const control = h('input', { type: 'number', inputMode: kind === 'number' ? 'decimal' : 'numeric', step: kind === 'number' ? 'any' : 1 });
  if (minimum !== undefined) control.min = minimum;
  if (maximum !== undefined) control.max = maximum;
  return control;
}

function showTrainingValue({ kind }, control, value) {
  if (kind === 'boolean') control.checked = Boolean(value);
  else control.value = kind === 'list' ? (value ?? []).join(',') : value ?? '';
}

/** A field's value as the request sends it; undefined: left to the default. */
function trainingValue({ kind, nullable }, control) {
  if (kind === 'boolean') return control.checked;
  if (kind === 'list') return integerList(control.value);
  if (control.value.trim() === '') return nullable ? null : undefined;
  return kind === 'integer' || kind === 'number' ? Number(control.value) : control.value.trim();
}

export async function newJobPage(main, query) {
  const [{ items: datasets }, scratchDefaults, fineTuningDefaults, { items: models }, offered] = await Promise.all([
    newestPage('/datasets'), api('/jobs/defaults'), api('/jobs/defaults?fineTuning=true'), newestPage('/models'), trainingFields()]);
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
  const sourceSelect = h('select', {}, h('option', { value: '' }, 'nothing: train from scratch'),
    models.map(m => h('option', { value: m.id }, `${m.name} (${m.architecture.split(' (')[0]}, ${m.classes} classes)`)));
  if (models.some(m => m.id === query.get('from'))) sourceSelect.value = query.get('from');
  const sourceNote = h('p', { id: 'source-note', class: 'muted', 'aria-live': 'polite' });
  let source = null;

  addField('datasetId', 'job-dataset', 'Dataset', datasetSelect);
  addField('name', 'job-name', 'Name (optional)', name);
  addField('depth', 'job-depth', 'Depth', depth, 'A preset such as 8, 20, 56, 110 (basic) or 164 (bottleneck); 18, 34, 50, 101, 152 over 32 px.');
  addField('bottleneck', 'job-bottleneck', 'Units', bottleneck);
  addField('units', 'job-units', 'Units per stage', units, 'Comma-separated, e.g. 3,4,6,3.');
  addField('filters', 'job-filters', 'Filters', filters, 'The stem, then each stage, e.g. 64,256,512,1024,2048.');
  addField('inputSize', 'job-input-size', 'Input size (optional)', inputSize, "Side the images are resized to; empty: the dataset's own size.");
  addField('from', 'job-from', 'Start from model', sourceSelect,
    "Fine-tune: the network, input size and weights are the model's; its classifier starts afresh when the dataset's classes differ.");

  const trainingControls = {};
  /** The training fields changed by hand: the request sends those, and the service gives every other its default. */
  const edited = new Set();
  const hintOf = (offer, defaults) => [offer.hint, `Default: ${defaultText(defaults[offer.key])}.`].filter(Boolean).join(' ');
  const trainingGrid = h('div', { class: 'grid' }, offered.map(offer => {
    const control = trainingControls[offer.key] = trainingControl(offer, scratchDefaults[offer.key]);
    control.addEventListener('input', () => edited.add(offer.key));
    control.addEventListener('change', () => edited.add(offer.key));
    return addField(`training.${offer.key}`, `job-${offer.key}`, offer.label, control, hintOf(offer, scratchDefaults));
  }));

  /** The fields not changed by hand show the defaults of the run being set up: from scratch or from a model. */
  function applyDefaults(defaults) {
    for (const offer of offered) {
      if (!edited.has(offer.key)) showTrainingValue(offer, trainingControls[offer.key], defaults[offer.key]);
      fields[`training.${offer.key}`].querySelector('.hint').textContent = hintOf(offer, defaults);
    }
  }

  async function chooseSource() {
    source = sourceSelect.value ? await api(`/models/${encodeURIComponent(sourceSelect.value)}`) : null;
    applyDefaults(source ? fineTuningDefaults : scratchDefaults);
    networkChoice.hidden = Boolean(source);
    replace(sourceNote, source ? [`The network is model “${source.name}”'s, ResNet-${source.architecture.depth} at ${source.architecture.config.inputHeight}×${source.architecture.config.inputWidth} `
      + `with ${source.classes.length} classes (${source.classes.join(', ')}). `, 'Its classifier carries over only when the dataset has the same classes in the same order.'] : []);
  }

  const layoutFields = h('div', { class: 'grid' });
  function showLayout() {
    replace(layoutFields, preset.checked ? [fields.depth, fields.bottleneck] : [fields.units, fields.filters, fields.bottleneck], fields.inputSize);
  }

  /** The network's layout as the API's NetworkLayout fields: the source model's when starting from one, else the form's. */
  function layout() {
    if (source) {
      const { bottleneck: sourceBottleneck, units: sourceUnits, filters: sourceFilters } = source.architecture.config;
      return { bottleneck: sourceBottleneck, units: sourceUnits, filters: sourceFilters };
    }
    const chosen = preset.checked
      ? { depth: depth.value === '' ? null : Number(depth.value) }
      : { units: integerList(units.value), filters: integerList(filters.value) };
    if (bottleneck.value) chosen.bottleneck = bottleneck.value === 'true';
    return chosen;
  }

  function model() {
    if (source) return { from: source.id };
    return inputSize.value === '' ? layout() : { ...layout(), inputSize: Number(inputSize.value) };
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
  /** What POST /architectures/summary is asked: the model's network when starting from one, else the form's; null while the form has local errors. */
  function summaryRequest(dataset) {
    const local = {};
    if (!source && !preset.checked && !isIntegerList(units.value)) local.units = ['Give whole numbers separated by commas.'];
    if (!source && !preset.checked && !isIntegerList(filters.value)) local.filters = ['Give whole numbers separated by commas.'];
    if (Object.keys(local).length) { showErrors(local); return null; }
    const side = source ? null : model().inputSize;
    const input = source ? source.architecture.config
      : { inputChannels: dataset.imageShape.channels, inputHeight: side ?? dataset.imageShape.height, inputWidth: side ?? dataset.imageShape.width };
    return { ...layout(), inputChannels: input.inputChannels, inputHeight: input.inputHeight, inputWidth: input.inputWidth, classes: dataset.classes.length };
  }

  async function updateSummary() {
    const request = summaryRequest(datasets.find(d => d.id === datasetSelect.value));
    if (!request) { replace(summary); return; }
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

  const networkChoice = h('div', {},
    h('div', { class: 'actions', role: 'radiogroup', 'aria-label': 'How to give the network' },
      h('label', {}, preset, ' Preset depth'), h('label', {}, explicit, ' Units and filters')),
    layoutFields);
  const submit = h('button', { type: 'submit' }, 'Start training');
  const healthWarnings = h('div', { id: 'job-dataset-problems', role: 'status' });
  async function showDatasetProblems() {
    const chosen = datasetSelect.value;
    const problems = chosen ? await datasetProblems(chosen) : [];
    if (chosen !== datasetSelect.value) return;
    replace(healthWarnings, problems.length ? h('div', { class: 'problem' },
      h('p', {}, 'The dataset\'s ', h('a', { href: `#/datasets/${chosen}` }, 'health report'), ' found problems; the job will run regardless:'),
      h('ul', {}, problems.map(finding => h('li', {}, finding.message)))) : []);
  }
  const form = h('form', { novalidate: true, 'aria-labelledby': 'new-job-heading' },
    h('h1', { id: 'new-job-heading' }, 'New training job'),
    h('div', { class: 'grid' }, fields.datasetId, fields.name),
    h('fieldset', {},
      h('legend', {}, 'Network'),
      fields.from,
      sourceNote,
      networkChoice),
    h('h2', {}, 'Architecture'),
    summary,
    h('fieldset', {}, h('legend', {}, 'Training options'), trainingGrid),
    healthWarnings,
    h('div', { class: 'actions' }, submit),
    problem);

  const architectureInputs = [datasetSelect, depth, bottleneck, units, filters, inputSize];
  form.addEventListener('input', event => { if (architectureInputs.includes(event.target)) scheduleSummary(); });
  form.addEventListener('change', async event => {
    if (event.target === datasetSelect) showDatasetProblems();
    if (event.target.name === 'layout') { showLayout(); scheduleSummary(); }
    if (event.target === sourceSelect) {
      try { await chooseSource(); } catch (error) { problem.show(error); }
      scheduleSummary();
    }
  });
  form.addEventListener('submit', async event => {
    event.preventDefault();
    problem.clear();
    const training = {};
    for (const offer of offered.filter(o => edited.has(o.key))) {
      const value = trainingValue(offer, trainingControls[offer.key]);
      if (value !== undefined) training[offer.key] = value;
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
  await chooseSource();
  await Promise.all([updateSummary(), showDatasetProblems()]);
}

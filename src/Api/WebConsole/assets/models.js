import { api, download, newestPage } from './api.js';
import { heatmap } from './charts.js';
import { compact, count, fixed, h, percent, problemSlot, replace, shape, shownOf, table, when } from './dom.js';

export async function modelsPage(main) {
  const { items: models, total } = await newestPage('/models');
  replace(main, h('h1', {}, 'Models'), models.length === 0
    ? h('p', {}, 'No models yet: a job that succeeds publishes one. ', h('a', { href: '#/jobs/new' }, 'Start a job'), '.')
    : table(['Name', 'Architecture', 'Classes', 'Test accuracy', 'Validation accuracy', 'Created', 'Default'], models.map(m => [
      h('a', { href: `#/models/${m.id}` }, m.name),
      m.architecture,
      m.classes,
      percent(m.testAccuracy),
      percent(m.bestValidationAccuracy),
      when(m.createdAt),
      m.isDefault ? 'default' : '',
    ]), { caption: `${shownOf(models, total)} model(s), newest first` }));
}

export async function modelPage(main, id) {
  const model = await api(`/models/${encodeURIComponent(id)}`);
  const problem = problemSlot();
  const status = h('span', { role: 'status', class: 'muted' });
  const defaultButton = h('button', { type: 'button', onclick: async () => {
    problem.clear();
    try {
      await api('/models/default', { method: 'PUT', body: { modelId: model.id } });
      status.textContent = '/classify now uses this model when none is named, also after newer models arrive.';
    } catch (error) { problem.show(error); }
  } }, 'Make default');
  const config = model.architecture.config;
  const metrics = model.metrics;
  const test = metrics.test;
  const trainCounts = metrics.trainClassCounts;
  const trainCount = label => trainCounts ? count(trainCounts[model.classes.indexOf(label)]) : '–';
  const origin = model.importedFrom ? `Imported from ${model.importedFrom}.`
    : model.fromModelId ? [`Fine-tuned from `, h('a', { href: `#/models/${model.fromModelId}` }, 'another model'),
      model.classifierReinitialised ? '; its classifier was re-initialised for these classes.' : ', classifier included (the same classes).'] : null;
  const formatNames = { pytorch: 'PyTorch', safetensors: 'safetensors', onnx: 'ONNX' };
  // A button rather than a link: a link could not send the API key that reading a model may need.
  const exportLink = format => h('button', { type: 'button', class: 'secondary', onclick: async () => {
    problem.clear();
    status.textContent = `Exporting ${formatNames[format]}…`;
    try {
      await download(`/models/${encodeURIComponent(id)}/export?format=${format}`);
      status.textContent = '';
    } catch (error) { status.textContent = ''; problem.show(error); }
  } }, `Export ${formatNames[format]}`);

  replace(main,
    h('h1', {}, `Model “${model.name}”`),
    h('p', { class: 'muted' }, model.isDefault ? 'The default model: /classify uses it when no model is named.' : 'Not the default model.'),
    h('div', { class: 'actions' }, defaultButton, exportLink('pytorch'), exportLink('safetensors'), exportLink('onnx'),
      h('a', { class: 'button secondary', href: `#/classify?model=${model.id}` }, 'Classify with it'),
      h('a', { class: 'button secondary', href: `#/jobs/new?from=${model.id}` }, 'Fine-tune from it'), status),
    origin ? h('p', { id: 'model-origin' }, origin) : null,
    problem,
    h('div', { class: 'grid' },
      h('section', { class: 'panel', 'aria-labelledby': 'card-architecture' },
        h('h2', { id: 'card-architecture' }, 'Architecture'),
        h('dl', { class: 'stats' },
          [['Depth', `ResNet-${config.depth}`], ['Units', `${config.bottleneck ? 'bottleneck' : 'basic'}: ${config.units.join(', ')}`],
            ['Filters', config.filters.join(', ')], ['Input', shape([config.inputChannels, config.inputHeight, config.inputWidth])],
            ['Parameters', compact(model.architecture.parameters)], ['Multiply-adds', compact(model.architecture.multiplyAdds)]]
            .map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value))))),
      h('section', { class: 'panel', 'aria-labelledby': 'card-metrics' },
        h('h2', { id: 'card-metrics' }, 'How well it does'),
        h('dl', { class: 'stats' },
          [[`Accuracy on ${test?.split ?? 'test'}`, percent(metrics.testAccuracy)], [`Loss on ${test?.split ?? 'test'}`, fixed(metrics.testLoss)],
            ['Best validation accuracy', percent(metrics.validationAccuracy)], ['Best epoch', metrics.bestEpoch || '–'],
            ['Trained by', model.sourceJobId ? h('a', { href: `#/jobs/${model.sourceJobId}` }, 'its job') : model.importedFrom ? 'imported' : '–'],
            ['Training images', trainCounts ? count(trainCounts.reduce((a, b) => a + b, 0)) : '–'], ['Created', when(model.createdAt)]]
            .map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value)))))),
    h('h2', {}, `Classes (${model.classes.length})`),
    h('p', {}, model.classes.join(', ')),
    metrics.perClass ? [
      h('h2', {}, 'Per class'),
      table(['Class', 'Training images', 'Precision', 'Recall', 'F1', 'Support'],
        metrics.perClass.map(c => [c.label, trainCount(c.label), percent(c.precision), percent(c.recall), fixed(c.f1), count(c.support)]),
        { caption: `Training images per class; precision, recall, F1 and support on the ${test.split} split`, numeric: [1, 2, 3, 4, 5] }),
      h('h2', {}, 'Confusion matrix'),
      heatmap({ title: `Counts on the ${test.split} split: rows are true classes, columns predictions; shade is the share of the row`, labels: model.classes, matrix: metrics.confusionMatrix }),
    ] : h('p', { class: 'muted' }, model.importedFrom ? 'An imported model has no test report.' : 'The dataset had no held-out split, so there is no test report.'));
}

import { newestPage, postForm } from './api.js';
import { h, percent, problemSlot, replace } from './dom.js';

export async function classifyPage(main, query) {
  const { items: models } = await newestPage('/models');
  const problem = problemSlot();
  const status = h('p', { role: 'status', class: 'muted' });
  const results = h('div', { class: 'results', id: 'results' });
  const modelSelect = h('select', { id: 'classify-model' },
    h('option', { value: '' }, 'the default model'),
    models.map(m => h('option', { value: m.id }, `${m.name}${m.isDefault ? ' (default)' : ''}`)));
  if (query.get('model')) modelSelect.value = query.get('model');
  const topK = h('input', { id: 'classify-topk', type: 'number', min: 1, max: 20, value: 3, inputMode: 'numeric' });
  const explain = h('input', { id: 'classify-explain', type: 'checkbox', role: 'switch', 'aria-describedby': 'explain-hint' });
  const picker = h('input', { id: 'classify-files', type: 'file', accept: 'image/*', multiple: true, class: 'visually-plain' });
  const drop = h('div', { class: 'drop', id: 'drop', tabindex: 0, role: 'button', 'aria-describedby': 'drop-hint' },
    h('strong', {}, 'Drop images here'), h('br'), h('span', { id: 'drop-hint' }, 'or press Enter (or click) to choose files; JPEG, PNG, BMP, GIF or WebP.'));

  async function classify(files) {
    const images = [...files].filter(file => file.type.startsWith('image/') || /\.(jpe?g|png|bmp|gif|webp)$/i.test(file.name));
    problem.clear();
    if (images.length === 0) { problem.show(new Error('None of those files is an image.')); return; }
    const form = new FormData();
    for (const image of images) form.append('image', image, image.name);
    const parameters = new URLSearchParams({ topK: topK.value || '3' });
    if (modelSelect.value) parameters.set('modelId', modelSelect.value);
    if (explain.checked) parameters.set('explain', 'true');
    status.textContent = `Classifying ${images.length} image(s)…`;
    try {
      const answer = await postForm(`/classify?${parameters}`, form);
      const name = models.find(m => m.id === answer.modelId)?.name ?? answer.modelId;
      status.textContent = `Classified ${images.length} image(s) with the model “${name}”.`;
      results.prepend(...answer.results.map((result, i) => h('article', { class: 'result', 'aria-label': `Result for ${result.fileName}` },
        picture(result, images[i]),
        h('div', { class: 'result-body' },
          h('div', { class: 'muted' }, result.fileName),
          result.heatmap ? h('div', { class: 'muted heatmap-note' }, `Heatmap: where the evidence for “${result.heatmap.label}” was (red: most).`) : null,
          h('ol', { 'aria-label': 'Most likely labels' }, result.predictions.map(p => h('li', { class: 'prediction' },
            h('span', { class: 'label-row' }, h('span', { class: 'label' }, p.label), h('span', {}, percent(p.probability))),
            h('span', { class: 'bar-track' }, h('span', { class: 'bar', style: `width:${(100 * p.probability).toFixed(1)}%` })))))))));
    } catch (error) {
      status.textContent = '';
      problem.show(error);
    }
  }

  picker.addEventListener('change', () => { classify(picker.files); picker.value = ''; });
  drop.addEventListener('click', () => picker.click());
  drop.addEventListener('keydown', event => { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); picker.click(); } });
  drop.addEventListener('dragover', event => { event.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', event => { event.preventDefault(); drop.classList.remove('over'); classify(event.dataTransfer.files); });

  replace(main,
    h('h1', {}, 'Classify images'),
    models.length === 0 ? h('p', {}, 'There is no model yet: train one from a ', h('a', { href: '#/jobs/new' }, 'new job'), ' first.') : null,
    h('div', { class: 'grid' },
      h('div', { class: 'field' }, h('label', { for: 'classify-model' }, 'Model'), modelSelect),
      h('div', { class: 'field' }, h('label', { for: 'classify-topk' }, 'Labels per image'), topK),
      h('div', { class: 'field switch-field' }, h('label', { for: 'classify-explain' }, explain, ' Explain'),
        h('span', { id: 'explain-hint', class: 'muted' }, 'Lay a heatmap of the top label over each image (at most 8 images).')),
      h('div', { class: 'field' }, h('label', { for: 'classify-files' }, 'Images'), picker)),
    drop, problem, status, results);
}

/** The uploaded image; explained, stretched to the network's input as the model saw it, with its heatmap laid over it. */
function picture(result, file) {
  const photo = h('img', { src: URL.createObjectURL(file), alt: result.fileName });
  if (!result.heatmap) return photo;
  return h('figure', { class: 'explained' }, photo,
    h('img', { class: 'heatmap', src: `data:image/png;base64,${result.heatmap.png}`, alt: `Heatmap of “${result.heatmap.label}” over ${result.fileName}` }));
}

// Small SVG charts drawn here, so the console needs no chart library and works offline.
import { h } from './dom.js';

const ns = 'http://www.w3.org/2000/svg';

function s(tag, attributes = {}, ...children) {
  const element = document.createElementNS(ns, tag);
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined && value !== null) element.setAttribute(name, value);
  for (const child of children.flat()) if (child) element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return element;
}

/** Round numbers near `count` ticks over [min, max]. */
function ticks(min, max, count) {
  const span = max - min || 1;
  const raw = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map(m => m * magnitude).find(m => m >= raw);
  const values = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) values.push(Number(v.toPrecision(12)));
  return values;
}

const label = v => Math.abs(v) >= 1000 ? v.toExponential(1) : String(Number(v.toPrecision(3)));

function legend(series) {
  return h('ul', { class: 'legend' }, series.map(line =>
    h('li', {}, h('span', { class: 'swatch', style: `background:${line.color}` }), line.name)));
}

/**
 * Lines over a shared x axis. series: [{ key, name, color, dash?, dots?, points: [{x, y}] }]. Each line's points are
 * circles with data-series, so a test (or a person with devtools) can count them. marks: x values drawn as labelled
 * vertical lines (a sweep's rungs).
 */
export function lineChart({ title, series, xLabel, xMin = 0, xMax, yMin, yMax, marks = [] }) {
  const width = 560, height = 260, left = 52, right = 12, top = 12, bottom = 40;
  const all = series.flatMap(line => line.points);
  const xs = all.map(p => p.x), ys = all.map(p => p.y).filter(Number.isFinite);
  const x1 = Math.max(xMax ?? 1, ...xs, xMin + 1);
  const y0 = yMin ?? Math.min(0, ...ys), y1 = yMax ?? Math.max(y0 + 1e-6, ...ys) * 1.05;
  const px = x => left + (x - xMin) / (x1 - xMin) * (width - left - right);
  const py = y => top + (1 - (y - y0) / (y1 - y0)) * (height - top - bottom);
  const svg = s('svg', { class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title });
  svg.append(s('title', {}, title));
  for (const t of ticks(y0, y1, 5)) {
    svg.append(s('line', { x1: left, x2: width - right, y1: py(t), y2: py(t), stroke: '#e1e4e8' }));
    svg.append(s('text', { x: left - 6, y: py(t) + 4, 'text-anchor': 'end' }, label(t)));
  }
  for (const t of ticks(xMin, x1, 8).filter(t => Number.isInteger(t))) {
    svg.append(s('text', { x: px(t), y: height - bottom + 16, 'text-anchor': 'middle' }, label(t)));
  }
  svg.append(s('line', { x1: left, x2: left, y1: top, y2: height - bottom, stroke: '#57606a' }));
  svg.append(s('line', { x1: left, x2: width - right, y1: height - bottom, y2: height - bottom, stroke: '#57606a' }));
  svg.append(s('text', { x: (left + width - right) / 2, y: height - 6, 'text-anchor': 'middle' }, xLabel));
  for (const mark of marks) {
    svg.append(s('line', { class: 'mark', x1: px(mark.x), x2: px(mark.x), y1: top, y2: height - bottom, stroke: '#8c959f', 'stroke-dasharray': '2 3' },
      s('title', {}, mark.label)));
  }
  for (const line of series) {
    const points = line.points.filter(p => Number.isFinite(p.y));
    const group = s('g', { 'data-series': line.key });
    if (points.length > 1) {
      group.append(s('polyline', {
        points: points.map(p => `${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(' '),
        fill: 'none', stroke: line.color, 'stroke-width': 2, 'stroke-dasharray': line.dash,
      }));
    }
    for (const p of points) {
      group.append(s('circle', { cx: px(p.x).toFixed(1), cy: py(p.y).toFixed(1), r: line.dots === false ? 1.5 : 3.5, fill: line.color },
        s('title', {}, `${line.name}: ${label(p.y)} at ${label(p.x)}`)));
    }
    svg.append(group);
  }
  return h('figure', {}, h('figcaption', {}, title), svg, legend(series));
}

/** Grouped bars: one group per category, one bar per series ({ name, color, values }). */
export function barChart({ title, categories, series }) {
  const left = 44, right = 8, top = 10, bottom = 56, groupWidth = Math.max(28, 8 + 14 * series.length);
  const width = Math.max(200, left + right + categories.length * groupWidth), height = 240;
  const max = Math.max(1, ...series.flatMap(line => line.values));
  const py = v => top + (1 - v / max) * (height - top - bottom);
  const barWidth = (groupWidth - 8) / series.length;
  // Drawn at its natural size (shrunk to fit, never blown up), so that a few classes do not make giant bars.
  const svg = s('svg', { class: 'chart bars', width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title });
  svg.append(s('title', {}, title));
  for (const t of ticks(0, max, 4)) {
    svg.append(s('line', { x1: left, x2: width - right, y1: py(t), y2: py(t), stroke: '#e1e4e8' }));
    svg.append(s('text', { x: left - 6, y: py(t) + 4, 'text-anchor': 'end' }, label(t)));
  }
  categories.forEach((category, c) => {
    const x = left + c * groupWidth + 4;
    series.forEach((line, i) => {
      const value = line.values[c];
      svg.append(s('rect', { x: x + i * barWidth, y: py(value), width: Math.max(1, barWidth - 1), height: py(0) - py(value), fill: line.color },
        s('title', {}, `${category}, ${line.name}: ${value}`)));
    });
    const cx = x + (groupWidth - 8) / 2, cy = height - bottom + 12;
    svg.append(s('text', { x: cx, y: cy, 'text-anchor': 'end', transform: `rotate(-40 ${cx} ${cy})` }, category.length > 14 ? `${category.slice(0, 13)}…` : category));
  });
  svg.append(s('line', { x1: left, x2: width - right, y1: py(0), y2: py(0), stroke: '#57606a' }));
  return h('figure', {}, h('figcaption', {}, title), h('div', { class: 'table-wrap' }, svg), legend(series));
}

/** Relative luminance of an sRGB colour (WCAG). */
function luminance([r, g, b]) {
  const channel = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/**
 * The confusion matrix as a table whose cells are shaded by their share of the row (what recall looks at), with the
 * counts written in them in whichever of black or white reads better on the shade.
 */
export function heatmap({ title, labels, matrix }) {
  const low = [247, 251, 255], high = [8, 48, 107];
  const shade = t => low.map((v, i) => Math.round(v + (high[i] - v) * t));
  const rows = matrix.map((row, r) => {
    const total = row.reduce((a, b) => a + b, 0) || 1;
    return h('tr', {}, h('th', { scope: 'row' }, labels[r]), row.map((value, c) => {
      const colour = shade(value / total);
      const text = (luminance(colour) + 0.05) / 0.05 >= 1.05 / (luminance(colour) + 0.05) ? '#000' : '#fff';
      return h('td', { style: `background:rgb(${colour.join(',')});color:${text}`, 'data-count': value, title: `true ${labels[r]}, predicted ${labels[c]}: ${value}` }, value);
    }));
  });
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'matrix' },
      h('caption', { class: 'muted' }, title),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'true ↓ / predicted →'), labels.map(l => h('th', { scope: 'col' }, l)))),
      h('tbody', {}, rows)));
}

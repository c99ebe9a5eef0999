// Pictures for the administrator, drawn as SVG by plain code: a histogram of totals, a profile of
// one candidate's modules, and each judge's severity with its interval. Every picture has a
// <title> and a text table beside it on the page, so that nothing is only in the picture.
import { num, fixed } from './i18n.js';

const NS = 'http://www.w3.org/2000/svg';

function s(tag, attributes = {}, ...children) {
  const element = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  for (const child of children) element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return element;
}

function frame(width, height, title) {
  return s('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', style: `max-width:${width}px`, role: 'img', 'aria-label': title },
    s('title', {}, title));
}

// Totals as percent of the maximum, in ten bins of 10 % (100 % falls in the last).
export function distribution(percents, title) {
  const width = 560, height = 260, left = 36, bottom = 36, top = 12;
  const bins = new Array(10).fill(0);
  for (const p of percents) bins[Math.min(9, Math.floor(p / 10))] += 1;
  const most = Math.max(1, ...bins);
  const svg = frame(width, height, title);
  const plotH = height - bottom - top, barW = (width - left - 10) / 10;
  for (let i = 0; i < 10; ++i) {
    const barH = (bins[i] / most) * plotH;
    const x = left + i * barW;
    svg.append(s('rect', { class: 'bar', x: x + 2, y: top + plotH - barH, width: barW - 4, height: barH },
      s('title', {}, `${i * 10}–${i * 10 + 10} %: ${bins[i]}`)));
    if (bins[i]) svg.append(s('text', { x: x + barW / 2, y: top + plotH - barH - 3, 'text-anchor': 'middle' }, bins[i]));
    svg.append(s('text', { x, y: height - bottom + 16, 'text-anchor': 'middle' }, `${i * 10}`));
  }
  svg.append(s('text', { x: left + 10 * barW, y: height - bottom + 16, 'text-anchor': 'middle' }, '100'));
  svg.append(s('line', { class: 'axis', x1: left, y1: top + plotH, x2: width - 10, y2: top + plotH }));
  svg.append(s('text', { x: width - 10, y: height - 2, 'text-anchor': 'end' }, '%'));
  return svg;
}

// One candidate's modules: a horizontal bar per module, its share of the module's maximum.
export function profile(modules, title, decimals) {
  const rowH = 34, left = 44, right = 110, width = 560;
  const height = modules.length * rowH + 16;
  const svg = frame(width, height, title);
  const plotW = width - left - right;
  modules.forEach((m, i) => {
    const share = m.max ? Math.max(0, Math.min(1, m.mark / m.max)) : 0;
    const y = 8 + i * rowH;
    svg.append(s('text', { x: 4, y: y + rowH / 2 + 4 }, m.id));
    svg.append(s('rect', { x: left, y: y + 4, width: plotW, height: rowH - 10, fill: '#e6ebf0' }));
    svg.append(s('rect', { class: 'bar', x: left, y: y + 4, width: plotW * share, height: rowH - 10 }));
    svg.append(s('text', { x: left + plotW + 6, y: y + rowH / 2 + 4 }, `${fixed(m.mark, decimals)} / ${num(m.max)}`));
  });
  return svg;
}

// Severity per judge (mean deviation of the judge's scores from the panel's): a dot, and a line
// for its 95 % interval (± 1.96 standard errors); left of zero is stricter, right more lenient.
export function severity(judges, title, [stricter, lenient]) {
  const rowH = 30, left = 70, width = 560, right = 20;
  const shown = judges.filter((j) => j.severity !== null && j.severity !== undefined);
  const height = shown.length * rowH + 52;
  const svg = frame(width, height, title);
  const extent = 1.1 * Math.max(0.1, ...shown.map((j) => Math.abs(j.severity) + 1.96 * (j.standard_error || 0)));
  const plotW = width - left - right;
  const x = (v) => left + ((v + extent) / (2 * extent)) * plotW;
  svg.append(s('line', { class: 'zero', x1: x(0), y1: 4, x2: x(0), y2: height - 24 }));
  shown.forEach((j, i) => {
    const y = 14 + i * rowH;
    const half = 1.96 * (j.standard_error || 0);
    svg.append(s('text', { x: 4, y: y + 4 }, j.id));
    if (half) svg.append(s('line', { class: 'interval', x1: x(j.severity - half), y1: y, x2: x(j.severity + half), y2: y }));
    svg.append(s('circle', { cx: x(j.severity), cy: y, r: 6, class: 'bar' },
      s('title', {}, `${j.id}: ${num(j.severity)} ± ${num(half.toFixed(2))}`)));
  });
  const axisY = height - 34;
  svg.append(s('line', { class: 'axis', x1: left, y1: axisY, x2: width - right, y2: axisY }));
  svg.append(s('text', { x: left, y: height - 2 }, `← ${stricter}`));
  svg.append(s('text', { x: width - right, y: height - 2, 'text-anchor': 'end' }, `${lenient} →`));
  for (const v of [-extent, 0, extent]) {
    svg.append(s('text', { x: x(v), y: axisY + 14, 'text-anchor': 'middle' }, num(v.toFixed(2))));
  }
  return svg;
}

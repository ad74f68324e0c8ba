// zoo4j's charts: inline SVG line and bar charts without any library or network, shared by the live training page
// and report.html.
const Zoo4jCharts = (() => {
  const NS = 'http://www.w3.org/2000/svg';
  const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b'];
  const W = 560, H = 270, M = {l: 62, r: 14, t: 30, b: 44};

  function el(name, attrs, parent, text) {
    const e = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }

  // A tick label with as many digits as the tick spacing `step` needs.
  function fmt(v, step) {
    const a = Math.abs(v), digits = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
    if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(Math.max(1, Math.ceil(Math.log10(a / step))));
    return v.toFixed(Math.min(digits, 8));
  }

  // About n round-numbered ticks covering [lo, hi].
  function ticks(lo, hi, n) {
    const span = hi - lo || Math.abs(hi) || 1;
    const raw = span / n, mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map(f => f * mag).find(s => s >= raw);
    const out = [];
    for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(+t.toPrecision(12));
    return out;
  }

  // At most `max` points: the mean of equal runs of consecutive points (keeps long per-step curves light).
  function thin(points, max) {
    if (points.length <= max) return points;
    const size = Math.ceil(points.length / max), out = [];
    for (let i = 0; i < points.length; i += size) {
      const run = points.slice(i, i + size);
      out.push([run.reduce((s, p) => s + p[0], 0) / run.length, run.reduce((s, p) => s + p[1], 0) / run.length]);
    }
    return out;
  }

  function frame(container, title) {
    container.textContent = '';
    const svg = el('svg', {viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': title}, container);
    el('text', {x: M.l, y: 18, class: 'chart-title'}, svg, title);
    return svg;
  }

  // series: [{name, points: [[x, y], ...]}]; opts: {title, x, y, logY, integerX}. Non-finite values are skipped.
  function line(container, series, opts) {
    const svg = frame(container, opts.title);
    const ty = v => opts.logY ? Math.log10(v) : v;
    const usable = series.map(s => ({name: s.name, points: thin(s.points.filter(p => isFinite(p[0]) && isFinite(p[1])
        && (!opts.logY || p[1] > 0)).map(p => [p[0], ty(p[1])]), 400)}));
    const all = usable.flatMap(s => s.points);
    if (!all.length) {
      el('text', {x: W / 2, y: H / 2, class: 'chart-empty', 'text-anchor': 'middle'}, svg, 'no data yet');
      return svg;
    }
    let [x0, x1] = [Math.min(...all.map(p => p[0])), Math.max(...all.map(p => p[0]))];
    let [y0, y1] = [Math.min(...all.map(p => p[1])), Math.max(...all.map(p => p[1]))];
    if (x0 === x1) { x0 -= 1; x1 += 1; }
    const pad = (y1 - y0) * 0.05 || Math.abs(y1) * 0.05 || 1;
    y0 -= pad; y1 += pad;
    const sx = x => M.l + (x - x0) / (x1 - x0) * (W - M.l - M.r);
    const sy = y => H - M.b - (y - y0) / (y1 - y0) * (H - M.t - M.b);
    const yTicks = ticks(y0, y1, 5), yStep = yTicks.length > 1 ? yTicks[1] - yTicks[0] : 1;
    for (const t of yTicks) {
      el('line', {x1: M.l, x2: W - M.r, y1: sy(t), y2: sy(t), class: 'grid'}, svg);
      el('text', {x: M.l - 6, y: sy(t) + 4, 'text-anchor': 'end', class: 'tick'}, svg,
          opts.logY ? fmt(10 ** t, 10 ** t / 10) : fmt(t, yStep));
    }
    const xTicks = ticks(x0, x1, 6).filter(t => !opts.integerX || Number.isInteger(t));
    const xStep = xTicks.length > 1 ? xTicks[1] - xTicks[0] : 1;
    for (const t of xTicks) {
      el('text', {x: sx(t), y: H - M.b + 16, 'text-anchor': 'middle', class: 'tick'}, svg, fmt(t, xStep));
    }
    el('rect', {x: M.l, y: M.t, width: W - M.l - M.r, height: H - M.t - M.b, class: 'plot'}, svg);
    el('text', {x: (M.l + W - M.r) / 2, y: H - 6, 'text-anchor': 'middle', class: 'axis'}, svg, opts.x);
    el('text', {x: 14, y: (M.t + H - M.b) / 2, 'text-anchor': 'middle', class: 'axis',
      transform: `rotate(-90 14 ${(M.t + H - M.b) / 2})`}, svg, opts.y + (opts.logY ? ' (log)' : ''));
    usable.forEach((s, i) => {
      const color = COLORS[i % COLORS.length];
      if (!s.points.length) return;
      const d = s.points.map((p, j) => (j ? 'L' : 'M') + sx(p[0]).toFixed(1) + ' ' + sy(p[1]).toFixed(1)).join('');
      el('path', {d, stroke: color, class: 'series', 'data-series': s.name, 'data-points': s.points.length}, svg);
      if (s.points.length < 30) {
        for (const p of s.points) el('circle', {cx: sx(p[0]), cy: sy(p[1]), r: 2.5, fill: color}, svg);
      }
      const lx = W - M.r - 8 - (usable.length - 1 - i) * 110;
      el('line', {x1: lx - 100, x2: lx - 84, y1: 18, y2: 18, stroke: color, 'stroke-width': 3}, svg);
      el('text', {x: lx - 80, y: 22, class: 'legend'}, svg, s.name);
    });
    return svg;
  }

  // Horizontal bars of log10 values (update:parameter ratios): items [{name, value}] in display order.
  function bars(container, items, opts) {
    container.textContent = '';
    const height = Math.max(40, 10 + items.length * 14);
    const svg = el('svg', {viewBox: `0 0 ${W} ${height}`, class: 'chart bars', role: 'img', 'aria-label': opts.title},
        container);
    if (!items.length) {
      el('text', {x: W / 2, y: 24, class: 'chart-empty', 'text-anchor': 'middle'}, svg, 'no data yet');
      return svg;
    }
    const lo = Math.min(-5, ...items.map(b => b.value)), hi = Math.max(0, ...items.map(b => b.value));
    const left = 190, sx = v => left + (v - lo) / (hi - lo) * (W - left - 50);
    items.forEach((b, i) => {
      const y = 6 + i * 14;
      el('text', {x: left - 6, y: y + 10, 'text-anchor': 'end', class: 'tick'}, svg, b.name);
      el('rect', {x: left, y, width: Math.max(1, sx(b.value) - left), height: 11, class: 'bar',
        fill: b.value > -2 || b.value < -4 ? '#d62728' : '#1f77b4'}, svg);
      el('text', {x: sx(b.value) + 4, y: y + 10, class: 'tick'}, svg, b.value.toFixed(2));
    });
    return svg;
  }

  // The per-epoch curves of a run (zoo4j's EpochMetrics as JSON) into four elements: loss, accuracy, rate, speed.
  function history(metrics, ids) {
    const at = key => metrics.map(m => [m.epoch, +m[key]]);
    line(document.getElementById(ids.loss), [{name: 'train', points: at('trainLoss')},
      {name: 'validation', points: at('valLoss')}], {title: 'Loss', x: 'epoch', y: 'cross-entropy', integerX: true});
    line(document.getElementById(ids.accuracy), [{name: 'validation', points: at('valAccuracy')}],
        {title: 'Accuracy', x: 'epoch', y: 'accuracy', integerX: true});
    line(document.getElementById(ids.rate), [{name: 'end of epoch', points: at('learningRate')}],
        {title: 'Learning rate', x: 'epoch', y: 'learning rate', integerX: true});
    line(document.getElementById(ids.speed), [{name: 'training', points: at('imagesPerSecond')}],
        {title: 'Speed', x: 'epoch', y: 'images/s', integerX: true});
  }

  return {line, bars, history};
})();

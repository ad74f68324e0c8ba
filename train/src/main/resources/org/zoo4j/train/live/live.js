// zoo4j's live training page: polls /metrics (new steps only) once a second and redraws the charts.
const live = {steps: [], since: 0};
const byId = id => document.getElementById(id);

function draw(d) {
  const s = live.steps;
  const endOf = e => d.epochEndSteps[e - 1];
  Zoo4jCharts.line(byId('loss'), [{name: 'training step', points: s.map(p => [p[0], +p[1]])},
    {name: 'validation', points: d.history.map(m => [endOf(m.epoch), +m.valLoss])}],
      {title: 'Loss', x: 'step', y: 'cross-entropy'});
  Zoo4jCharts.line(byId('accuracy'), [{name: 'validation', points: d.history.map(m => [m.epoch, +m.valAccuracy])}],
      {title: 'Accuracy', x: 'epoch', y: 'accuracy', integerX: true});
  Zoo4jCharts.line(byId('rate'), [{name: 'learning rate', points: s.map(p => [p[0], +p[2]])}],
      {title: 'Learning rate', x: 'step', y: 'learning rate'});
  Zoo4jCharts.line(byId('speed'), [{name: 'images/s', points: s.map(p => [p[0], +p[3]])}],
      {title: 'Speed', x: 'step', y: 'images/s'});
  Zoo4jCharts.bars(byId('ratios'), d.ratios, {title: 'update:parameter ratio per layer'});
}

async function poll() {
  try {
    const response = await fetch('metrics?since=' + live.since, {cache: 'no-store'});
    const d = await response.json();
    live.steps.push(...d.steps);
    live.since = d.total;
    byId('status').textContent = d.status;
    draw(d);
    setTimeout(poll, 1000);
  } catch (e) {
    byId('status').textContent = 'training ended: this page is no longer served (report.html in the run directory '
        + 'has the whole run)';
  }
}
poll();

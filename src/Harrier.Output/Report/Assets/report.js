// Harrier HTML report: renders the embedded case data. Every value from the logs reaches the page
// through textContent or cytoscape's canvas labels, never as HTML.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('harrier-data').textContent);

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function byId(id) { return document.getElementById(id); }
  function num(v) { return v !== null && v !== '' && !isNaN(v) ? Number(v) : null; }
  function labelOf(id) { var n = nodeById[id]; return n ? n.label : id; }

  var nodeById = {};
  data.graph.nodes.forEach(function (n) { nodeById[n.id] = n; });

  // ---- sortable, filterable table ---------------------------------------------------------
  function table(containerId, t, opts) {
    var host = byId(containerId);
    if (!host) return;
    opts = opts || {};
    if (!t || t.rows.length === 0) { host.appendChild(el('p', { 'class': 'note' }, 'None.')); return; }
    var filter = el('input', { 'class': 'filter', type: 'search', placeholder: 'Filter rows…', 'aria-label': 'filter ' + containerId });
    var wrap = el('div', { 'class': 'tablewrap' });
    var tbl = el('table', { 'data-table': containerId });
    var thead = el('thead'), tr = el('tr');
    t.columns.forEach(function (c, i) {
      var th = el('th', null, c);
      th.addEventListener('click', function () { sortBy(i, th); });
      tr.appendChild(th);
    });
    thead.appendChild(tr);
    tbl.appendChild(thead);
    var tbody = el('tbody');
    tbl.appendChild(tbody);
    var rows = t.rows.map(function (r) {
      var row = el('tr');
      r.forEach(function (v) { row.appendChild(el('td', null, v === null ? '' : v)); });
      row._cells = r;
      row._text = r.join('\u0001').toLowerCase();
      return row;
    });
    rows.forEach(function (r) { tbody.appendChild(r); });
    var count = el('p', { 'class': 'note' });
    function shown() {
      var n = 0;
      rows.forEach(function (r) { if (r.style.display !== 'none') n++; });
      count.textContent = n + ' of ' + rows.length + ' rows shown' +
        (t.total > rows.length ? ' (the report holds the first ' + rows.length + ' of ' + t.total + '; query the case file for all)' : '');
    }
    filter.addEventListener('input', function () {
      var q = filter.value.toLowerCase();
      rows.forEach(function (r) { r.style.display = r._text.indexOf(q) >= 0 ? '' : 'none'; });
      shown();
    });
    var sortCol = -1, asc = true;
    function sortBy(i, th) {
      asc = sortCol === i ? !asc : true;
      sortCol = i;
      tr.querySelectorAll('th').forEach(function (h) { h.className = ''; });
      th.className = asc ? 'sorted-asc' : 'sorted-desc';
      rows.sort(function (a, b) {
        var x = a._cells[i], y = b._cells[i], nx = num(x), ny = num(y), c;
        if (nx !== null && ny !== null) c = nx - ny;
        else c = String(x === null ? '' : x).localeCompare(String(y === null ? '' : y));
        return asc ? c : -c;
      });
      rows.forEach(function (r) { tbody.appendChild(r); });
    }
    wrap.appendChild(tbl);
    host.appendChild(filter);
    host.appendChild(wrap);
    host.appendChild(count);
    shown();
  }

  function bars(containerId, pairs, cls) {
    var host = byId(containerId);
    if (!pairs.length) { host.appendChild(el('p', { 'class': 'note' }, 'None.')); return; }
    var max = Math.max.apply(null, pairs.map(function (p) { return Number(p[1]); }));
    var box = el('div', { 'class': 'bars' });
    pairs.forEach(function (p) {
      var row = el('div', { 'class': 'row' + (cls ? ' ' + cls(p) : '') });
      var name = el('span', { 'class': 'name', title: p[0] }, p[0]);
      var bar = el('span', { 'class': 'bar' });
      bar.style.width = Math.max(2, 220 * Number(p[1]) / max) + 'px';
      row.appendChild(name); row.appendChild(bar); row.appendChild(el('span', { 'class': 'cnt' }, p[1]));
      box.appendChild(row);
    });
    host.appendChild(box);
  }

  // ---- overview ---------------------------------------------------------------------------
  var hosts = byId('scope-hosts');
  data.scope.hosts.forEach(function (h) { hosts.appendChild(el('li', null, h)); });
  if (!data.scope.hosts.length) hosts.appendChild(el('li', null, '(none)'));

  // ---- alerts -----------------------------------------------------------------------------
  var levels = byId('alert-levels');
  data.alerts.levels.forEach(function (l) {
    var c = el('div', { 'class': 'card lv-' + l[0], 'data-level': l[0] });
    c.appendChild(el('div', { 'class': 'n' }, l[1]));
    c.appendChild(el('div', { 'class': 'l' }, l[0]));
    levels.appendChild(c);
  });
  bars('alert-tactics', data.alerts.tactics);
  bars('top-rules', data.alerts.rules.map(function (r) { return [r[0] + ' (' + r[1] + ')', r[2]]; }));
  bars('top-hosts', data.alerts.hosts);
  bars('top-accounts', data.alerts.accounts);
  bars('top-logon-accounts', data.logons.accounts);
  bars('top-logon-hosts', data.logons.hosts);
  table('alerts-table', data.alerts.table);

  // ---- exposure findings beside their alerts ------------------------------------------------
  (function () {
    var x = data.exposure, host = byId('exposure-list');
    if (!host || !x.findings.length) return;
    var counts = byId('exposure-counts');
    [['findings', x.findings_total, 'exposure findings'], ['linked-findings', x.linked_findings, 'findings with alerts'],
     ['linked-alerts', x.linked_alerts, 'alerts linked'], ['raised-alerts', x.raised_alerts, 'alerts raised a level']].forEach(function (c) {
      var card = el('div', { 'class': 'card', id: 'count-exposure-' + c[0] });
      card.appendChild(el('div', { 'class': 'n' }, c[1]));
      card.appendChild(el('div', { 'class': 'l' }, c[2]));
      counts.appendChild(card);
    });
    var filter = el('input', { 'class': 'filter', type: 'search', placeholder: 'Filter findings…', 'aria-label': 'filter exposure findings' });
    host.appendChild(filter);
    var level = { info: 'informational' };
    var boxes = x.findings.map(function (f) {
      var box = el('div', { 'class': 'finding lv-' + (level[f.severity] || f.severity), 'data-key': f.key, 'data-alerts': f.alerts_total });
      var head = el('div', { 'class': 'fhead' });
      head.appendChild(el('span', { 'class': 'sev' }, f.severity));
      head.appendChild(el('b', null, f.id));
      head.appendChild(el('span', null, ' ' + f.title + ' — '));
      head.appendChild(el('span', { 'class': 'subject' }, f.subject + (f.domain ? ' (' + f.domain + ')' : '')));
      box.appendChild(head);
      var grid = el('div', { 'class': 'fgrid' });
      var left = el('div', { 'class': 'fleft' });
      var dl = el('dl');
      f.evidence.forEach(function (e) { dl.appendChild(el('dt', null, e[0])); dl.appendChild(el('dd', null, e[1])); });
      left.appendChild(dl);
      left.appendChild(el('p', { 'class': 'fix' }, 'Fix: ' + f.fix));
      left.appendChild(el('p', { 'class': 'note' }, 'audit ' + f.audit + ' · ' + f.scope));
      var right = el('div', { 'class': 'fright' });
      right.appendChild(el('h4', null, f.alerts_total ? 'Linked alerts (' + f.alerts_total + ')' : 'No alert names this ' + (f.kind === 'endpoint' ? 'host' : 'account') + '.'));
      if (f.alerts.length) {
        var t = el('table', { 'class': 'linked' }), tr = el('tr');
        ['time', 'level', 'rule', 'computer', 'record', 'via', 'details'].forEach(function (c) { tr.appendChild(el('th', null, c)); });
        t.appendChild(tr);
        f.alerts.forEach(function (a) {
          var row = el('tr');
          var lv = a[1] + (a[2] && a[2] !== a[1] ? ' (from ' + a[2] + ')' : '');
          [a[0], lv, a[3], a[4], a[5], a[6] + '=' + a[7], a[8]].forEach(function (v) { row.appendChild(el('td', null, v)); });
          t.appendChild(row);
        });
        right.appendChild(t);
        if (f.alerts_total > f.alerts.length) right.appendChild(el('p', { 'class': 'note' }, 'first ' + f.alerts.length + ' of ' + f.alerts_total + ' shown; query alert_exposure for all'));
      }
      grid.appendChild(left);
      grid.appendChild(right);
      box.appendChild(grid);
      box._text = box.textContent.toLowerCase();
      host.appendChild(box);
      return box;
    });
    if (x.findings_total > x.findings.length)
      host.appendChild(el('p', { 'class': 'note' }, 'The report holds the first ' + x.findings.length + ' of ' + x.findings_total + ' findings; query exposure_findings for all.'));
    filter.addEventListener('input', function () {
      var q = filter.value.toLowerCase();
      boxes.forEach(function (b) { b.style.display = b._text.indexOf(q) >= 0 ? '' : 'none'; });
    });
  })();

  // ---- timeline histogram -----------------------------------------------------------------
  (function () {
    var host = byId('timeline'), tl = data.timeline;
    if (!tl.buckets.length) { host.appendChild(el('p', { 'class': 'note' }, 'No timed alerts or logons.')); return; }
    var ns = 'http://www.w3.org/2000/svg', W = 1100, H = 180, pad = 30, n = tl.count, bw = (W - 2 * pad) / n;
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + (H + 30));
    svg.setAttribute('width', '100%');
    var max = 1;
    tl.buckets.forEach(function (b) { max = Math.max(max, b[1] + b[2]); });
    tl.buckets.forEach(function (b) {
      var x = pad + b[0] * bw, ha = (H - 10) * b[1] / max, hl = (H - 10) * b[2] / max;
      [[ha, H - ha, '#c62828', 'alerts'], [hl, H - ha - hl, '#5c7cfa', 'logons']].forEach(function (s) {
        if (s[0] <= 0) return;
        var r = document.createElementNS(ns, 'rect');
        r.setAttribute('x', x + 1); r.setAttribute('width', Math.max(1, bw - 2));
        r.setAttribute('y', s[1]); r.setAttribute('height', s[0]); r.setAttribute('fill', s[2]);
        var t = document.createElementNS(ns, 'title');
        t.textContent = (s[3] === 'alerts' ? b[1] : b[2]) + ' ' + s[3];
        r.appendChild(t);
        svg.appendChild(r);
      });
    });
    [[pad, tl.start], [W - pad, tl.end]].forEach(function (p, i) {
      var t = document.createElementNS(ns, 'text');
      t.setAttribute('x', p[0]); t.setAttribute('y', H + 18);
      t.setAttribute('text-anchor', i ? 'end' : 'start');
      t.textContent = p[1];
      svg.appendChild(t);
    });
    host.appendChild(svg);
  })();

  // ---- sessions ---------------------------------------------------------------------------
  table('sessions-table', data.sessions);
  table('rdp-table', data.rdp);
  table('failures-table', data.failures);

  // ---- access graph -----------------------------------------------------------------------
  function chain(hops) {
    return hops.map(function (h) { return labelOf(h.from); }).concat([labelOf(hops[hops.length - 1].to)]).join(' → ');
  }
  function list(containerId, items, text) {
    var host = byId(containerId);
    if (!items.length) { host.appendChild(el('p', { 'class': 'note' }, 'None.')); return; }
    var ul = el('ul', { 'class': 'plain' });
    items.forEach(function (i) { ul.appendChild(el('li', null, text(i))); });
    host.appendChild(ul);
  }
  list('paths', data.paths.filter(function (p) { return p.kind === 'lateral'; }),
    function (p) { return p.hops[0].time + '  ' + chain(p.hops); });
  list('patient-zero', data.findings.filter(function (f) { return f.kind === 'patient-zero'; }), function (f) {
    var p = data.paths.filter(function (x) { return x.id === f.path_id; })[0];
    return f.first + '  ' + (p ? chain(p.hops) : labelOf(f.source)) + '  — privileged logon of ' + labelOf(f.account) + ' on ' + labelOf(f.target) + ' at ' + f.last;
  });
  list('new-sources', data.findings.filter(function (f) { return f.kind === 'new-source'; }),
    function (f) { return f.first + '  ' + labelOf(f.source) + ' → ' + f.target.split(' ').map(labelOf).join(', '); });
  list('rare-sources', data.findings.filter(function (f) { return f.kind === 'rare-source'; }),
    function (f) { return labelOf(f.account) + ' from ' + labelOf(f.source) + ': ' + f.count + ' of ' + f.total + ' logons'; });

  (function () {
    var host = byId('graph');
    if (typeof cytoscape !== 'function' || !data.graph.nodes.length) {
      host.appendChild(el('p', { 'class': 'note' }, data.graph.nodes.length ? 'Graph library missing.' : 'No authentications to draw.'));
      return;
    }
    var elements = [];
    data.graph.nodes.forEach(function (n) {
      elements.push({ group: 'nodes', data: { id: n.id, label: n.label, kind: n.kind, external: n.external ? 1 : 0, privileged: n.privileged ? 1 : 0 } });
    });
    data.graph.edges.forEach(function (e, i) {
      elements.push({ group: 'edges', data: { id: 'e' + i, source: e.from, target: e.to, count: e.count, label: String(e.count), failure: e.success ? 0 : 1 } });
    });
    var cy = cytoscape({
      container: host,
      elements: elements,
      wheelSensitivity: 0.3,
      style: [
        { selector: 'node', style: { label: 'data(label)', 'font-size': 10, 'text-valign': 'bottom', 'text-margin-y': 3, width: 18, height: 18, 'background-color': '#5c7cfa' } },
        { selector: 'node[kind = "host"]', style: { shape: 'round-rectangle', 'background-color': '#26a69a' } },
        { selector: 'node[kind = "address"]', style: { shape: 'diamond', 'background-color': '#90a4ae' } },
        { selector: 'node[external = 1]', style: { 'background-color': '#c62828' } },
        { selector: 'node[privileged = 1]', style: { 'border-width': 3, 'border-color': '#ef6c00' } },
        { selector: 'edge', style: { width: 1.5, 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'line-color': '#9aa5b8', 'target-arrow-color': '#9aa5b8', label: 'data(label)', 'font-size': 8, color: '#5b6474' } },
        { selector: 'edge[failure = 1]', style: { 'line-style': 'dashed', 'line-color': '#e57373', 'target-arrow-color': '#e57373' } },
        { selector: ':selected', style: { 'overlay-opacity': 0.15 } },
      ],
      layout: { name: data.graph.nodes.length > 300 ? 'grid' : 'cose', animate: false, randomize: false, nodeDimensionsIncludeLabels: true },
    });
    var info = byId('graph-info');
    cy.on('tap', 'node', function (evt) {
      var n = nodeById[evt.target.id()];
      info.textContent = n.kind + ' ' + n.label + ' — first seen ' + n.first + ', last ' + n.last +
        (n.external ? ', external' : '') + (n.privileged ? ', privileged logons' : '');
    });
    window.harrierGraph = cy;
  })();

  // ---- unreadable records -----------------------------------------------------------------
  table('files-table', data.files);
  table('problems-table', data.problems);
  document.body.setAttribute('data-rendered', '1');
})();

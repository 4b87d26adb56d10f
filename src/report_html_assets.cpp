// The HTML report's style sheet and script, inlined into every page (report_html.hpp): nothing is
// fetched. The script sorts and filters the ledger, switches the language and keeps the view in the URL
// fragment; without script the page still shows everything, in the language it was written in.
#include "report_detail.hpp"

namespace caseflow::detail {

// clang-format off
const std::string_view html_style = R"css(
:root{--ink:#1d2733;--muted:#5b6b7b;--line:#cdd6df;--head:#eef2f7;--late:#b3261e;--warn:#9a6700;--ok:#1a7f37}
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Zen Hei",system-ui,sans-serif;color:var(--ink);margin:1.2em 2em}
html[data-lang=en] .l-zh,html[data-lang=zh] .l-en{display:none}
h1{font-size:1.4em;margin:.2em 0}h2{font-size:1.15em;margin:1.4em 0 .4em;border-bottom:2px solid var(--line)}h3{font-size:1em;margin:.8em 0 .3em}
.controls{display:flex;flex-wrap:wrap;gap:.6em;align-items:center;margin:.6em 0}
.controls label{font-size:.9em;color:var(--muted)}
button[aria-pressed=true]{font-weight:bold}
.tiles{display:flex;flex-wrap:wrap;gap:.8em}
.tile{border:1px solid var(--line);border-radius:6px;padding:.5em .9em;min-width:9em}
.tile .value{font-size:1.6em;font-weight:bold}.tile .frac{color:var(--muted);font-size:.85em}
table{border-collapse:collapse;font-size:.85em;margin:.4em 0 1em}
th,td{border:1px solid var(--line);padding:.2em .45em;text-align:left;vertical-align:top}
th{background:var(--head)}th[data-sort]{cursor:pointer}
th[aria-sort=ascending]::after{content:" \25B2"}th[aria-sort=descending]::after{content:" \25BC"}
td.num{text-align:right}.late{color:var(--late);font-weight:bold}.warn{color:var(--warn)}.done{color:var(--ok)}
.timeline{border-left:3px solid var(--line);margin:.4em 0;padding-left:.8em}
.timeline ol{margin:.3em 0;padding-left:1.2em}.timeline li{margin:.1em 0}
.timeline li time{color:var(--muted);margin-right:.4em;font-variant-numeric:tabular-nums}
.mark{display:inline-block;border-radius:3px;padding:0 .3em;font-size:.8em;margin-right:.3em;border:1px solid currentColor}
.notice-overdue{color:var(--late)}.notice-reminder,.notice-warning{color:var(--warn)}
.escalation{color:#6639ba}
@page{size:A4 landscape;margin:10mm}
@media print{body{margin:0;font-size:9pt}.controls,.no-print{display:none}tr,.tile,.timeline li{break-inside:avoid}
h2{break-after:avoid}table{font-size:8pt}a{color:inherit;text-decoration:none}}
)css";

const std::string_view html_script = R"js(
(function () {
  'use strict';
  var root = document.documentElement;
  var table = document.getElementById('ledger');
  var body = table.tBodies[0];
  var labels = JSON.parse(document.getElementById('labels').textContent);
  var selects = {};
  var sortKey = null, sortDir = 1;
  function rows() { return Array.prototype.slice.call(body.rows); }
  function matches(tr) {
    for (var k in selects) {
      var v = selects[k].value;
      if (v && (tr.getAttribute('data-' + k) || '').split('|').indexOf(v) < 0) return false;
    }
    return true;
  }
  function apply() {
    var shown = 0;
    rows().forEach(function (tr) { var ok = matches(tr); tr.hidden = !ok; if (ok) shown++; });
    document.body.setAttribute('data-rows-shown', String(shown));
    document.getElementById('shown').textContent = String(shown);
  }
  function sort(key, dir) {
    var th = table.querySelector('th[data-sort="' + key + '"]');
    if (!th) return;
    sortKey = key; sortDir = dir;
    var numeric = th.getAttribute('data-type') === 'number';
    var value = function (tr) { return tr.getAttribute('data-' + key) || ''; };
    var list = rows();
    list.sort(function (a, b) {
      var x = value(a), y = value(b), c;
      if (numeric) c = Number(x) - Number(y);
      else if (!x || !y) c = x === y ? 0 : (x ? -1 : 1) * dir; // empty cells last, either way
      else c = x < y ? -1 : x > y ? 1 : 0;
      if (c === 0) return a.getAttribute('data-id') < b.getAttribute('data-id') ? -1 : 1;
      return c * dir;
    });
    list.forEach(function (tr) { body.appendChild(tr); });
    table.querySelectorAll('th[data-sort]').forEach(function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
    table.setAttribute('data-sorted-by', key);
    table.setAttribute('data-sort-dir', dir > 0 ? 'asc' : 'desc');
  }
  function setLang(lang) {
    if (!labels[lang]) return;
    root.setAttribute('data-lang', lang);
    root.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.querySelectorAll('[data-set-lang]').forEach(function (b) {
      b.setAttribute('aria-pressed', String(b.getAttribute('data-set-lang') === lang));
    });
    document.querySelectorAll('option[data-en]').forEach(function (o) { o.textContent = o.getAttribute('data-' + lang); });
    document.title = document.querySelector('h1 .l-' + lang).textContent;
  }
  function save() {
    var parts = [];
    if (sortKey) parts.push('sort=' + sortKey + (sortDir < 0 ? '&dir=desc' : ''));
    var filters = [];
    for (var k in selects) if (selects[k].value) filters.push(encodeURIComponent(k + ':' + selects[k].value));
    if (filters.length) parts.push('filter=' + filters.join(','));
    parts.push('lang=' + root.getAttribute('data-lang'));
    history.replaceState(null, '', '#' + parts.join('&'));
  }
  function load() {
    var hash = new URLSearchParams(location.hash.slice(1));
    var filter = hash.get('filter');
    if (filter) filter.split(',').forEach(function (part) {
      var at = part.indexOf(':');
      var key = part.slice(0, at), value = part.slice(at + 1);
      if (selects[key]) selects[key].value = value;
    });
    if (hash.get('lang')) setLang(hash.get('lang'));
    if (hash.get('sort')) sort(hash.get('sort'), hash.get('dir') === 'desc' ? -1 : 1);
    apply();
  }
  document.querySelectorAll('select[data-filter]').forEach(function (s) {
    selects[s.getAttribute('data-filter')] = s;
    s.addEventListener('change', function () { apply(); save(); });
  });
  table.querySelectorAll('th[data-sort]').forEach(function (th) {
    th.addEventListener('click', function () {
      var key = th.getAttribute('data-sort');
      sort(key, sortKey === key ? -sortDir : 1); save();
    });
  });
  document.querySelectorAll('[data-set-lang]').forEach(function (b) {
    b.addEventListener('click', function () { setLang(b.getAttribute('data-set-lang')); save(); });
  });
  window.addEventListener('hashchange', load);
  window.addEventListener('beforeprint', function () {
    document.querySelectorAll('details').forEach(function (d) { d.open = true; });
  });
  setLang(root.getAttribute('data-lang'));
  load();
})();
)js";
// clang-format on

} // namespace caseflow::detail

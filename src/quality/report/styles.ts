/**
 * The report's style sheet, inlined so the page is one file. System fonts only (no font
 * files to fetch), a neutral palette with green / red / amber reserved for status, a card
 * layout for the table below 760px, a dark scheme, and print rules that show every row.
 */
export const STYLES = `
:root{
  --bg:#f5f6f8;--card:#fff;--ink:#1c2128;--muted:#5d6673;--faint:#8b94a1;--line:#e2e5ea;--line-soft:#eef0f3;
  --hover:#f9fafb;--detail:#fafbfc;--accent:#3a63d8;--accent-soft:rgba(58,99,216,.10);
  --pass:#1b7a3d;--pass-bg:#e3f5e8;--pass-line:#b6e2c3;
  --fail:#c0262d;--fail-bg:#fdeaea;--fail-line:#f4bcbe;
  --error:#8f5a00;--error-bg:#fff3d6;--error-line:#f1d28c;
  --code-bg:#f1f3f6;--shadow:0 1px 2px rgba(16,24,40,.05),0 1px 3px rgba(16,24,40,.04);
  --sans:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue","Noto Sans","Liberation Sans",Arial,sans-serif;
  --mono:ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,"Liberation Mono","DejaVu Sans Mono",monospace;
  color-scheme:light dark;
}
@media screen and (prefers-color-scheme:dark){:root{
  --bg:#0f1216;--card:#171b21;--ink:#e6e9ee;--muted:#a1a9b5;--faint:#77808c;--line:#2a3039;--line-soft:#222830;
  --hover:#1c2128;--detail:#14181d;--accent:#7d9cf5;--accent-soft:rgba(125,156,245,.14);
  --pass:#5cc98a;--pass-bg:rgba(46,160,95,.16);--pass-line:rgba(92,201,138,.35);
  --fail:#f2777c;--fail-bg:rgba(218,54,61,.16);--fail-line:rgba(242,119,124,.35);
  --error:#e7b24f;--error-bg:rgba(210,153,34,.16);--error-line:rgba(231,178,79,.35);
  --code-bg:#222831;--shadow:none;
}}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.5 var(--sans);font-variant-numeric:tabular-nums}
code,pre{font-family:var(--mono);font-size:.86em}
h1,h2,h4{margin:0;font-weight:650;letter-spacing:-.01em}
.page{max-width:1240px;margin:0 auto;padding:32px 28px 40px}
.muted{color:var(--faint)}
.sub{color:var(--muted);font-size:12.5px}
.count{display:inline-block;min-width:20px;padding:0 6px;border-radius:10px;background:var(--line-soft);color:var(--muted);font-size:11.5px;font-weight:600;text-align:center;line-height:18px}
.more{display:inline-block;color:var(--muted);font-size:12px;font-style:italic;margin:2px 0}
.scroll{overflow-x:auto;max-width:100%}

/* Header */
.report-header{margin-bottom:24px}
.eyebrow{margin:0 0 6px;color:var(--muted);font-size:12px;font-weight:600;letter-spacing:.08em;text-transform:uppercase}
.title-row{display:flex;align-items:center;gap:14px;flex-wrap:wrap}
h1{font-size:28px;line-height:1.2;overflow-wrap:anywhere}
.badge{display:inline-flex;align-items:center;padding:4px 12px;border-radius:999px;font-size:13px;font-weight:700;letter-spacing:.08em;border:1px solid}
.badge-pass{color:var(--pass);background:var(--pass-bg);border-color:var(--pass-line)}
.badge-fail{color:var(--fail);background:var(--fail-bg);border-color:var(--fail-line)}
.meta{display:flex;flex-wrap:wrap;gap:6px 28px;margin:14px 0 20px}
.meta-item{min-width:0}
.meta dt{color:var(--faint);font-size:11.5px;font-weight:600;letter-spacing:.04em;text-transform:uppercase}
.meta dd{margin:1px 0 0;font-family:var(--mono);font-size:13px;overflow-wrap:anywhere}
.tiles{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:12px}
.tile{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px;box-shadow:var(--shadow);position:relative;overflow:hidden}
.tile::before{content:"";position:absolute;left:0;top:0;bottom:0;width:3px;background:var(--line)}
.tile-pass::before{background:var(--pass)}
.tile-fail::before{background:var(--fail)}
.tile-label{color:var(--muted);font-size:12px;font-weight:600;letter-spacing:.03em;text-transform:uppercase}
.tile-value{font-size:26px;font-weight:650;line-height:1.25;margin-top:2px}
.tile-pass .tile-value{color:var(--pass)}
.tile-fail .tile-value{color:var(--fail)}
.tile-note{color:var(--error);font-size:12px}
.bar{height:6px;margin-top:14px;border-radius:3px;background:var(--fail-bg);overflow:hidden}
.bar-fill{height:100%;background:var(--pass);border-radius:3px 0 0 3px}

/* Cards and section heads */
.card{background:var(--card);border:1px solid var(--line);border-radius:12px;box-shadow:var(--shadow);margin-bottom:24px;overflow:hidden}
.section-head{display:flex;align-items:center;justify-content:space-between;gap:12px;flex-wrap:wrap;padding:16px 20px;border-bottom:1px solid var(--line)}
h2{font-size:16px}

/* Filter: a segmented control over radio buttons */
.filter{display:inline-flex;background:var(--line-soft);border-radius:8px;padding:3px;gap:2px}
.filter input{position:absolute;opacity:0;width:1px;height:1px;pointer-events:none}
.filter label{padding:5px 12px;border-radius:6px;cursor:pointer;color:var(--muted);font-size:13px;font-weight:550;user-select:none;white-space:nowrap}
.filter label:hover{color:var(--ink)}
.filter input:checked+label{background:var(--card);color:var(--ink);box-shadow:0 1px 2px rgba(16,24,40,.12)}
.filter input:focus-visible+label{outline:2px solid var(--accent);outline-offset:1px}
.expectations:has(#filter-failures:checked) tbody.exp[data-status="pass"]{display:none}
.expectations:has(#filter-passed:checked) tbody.exp:not([data-status="pass"]){display:none}
.empty{margin:0;padding:28px 20px;color:var(--muted);text-align:center}
.empty-failures,.empty-passed{display:none}
.expectations:has(#filter-failures:checked):not(:has(tbody.exp:not([data-status="pass"]))) .empty-failures{display:block}
.expectations:has(#filter-passed:checked):not(:has(tbody.exp[data-status="pass"])) .empty-passed{display:block}

/* Expectations table */
table{border-collapse:collapse;width:100%}
.exp-table{table-layout:auto}
.exp-table>thead th{position:sticky;top:0;z-index:1;background:var(--card);text-align:left;color:var(--muted);font-size:11.5px;font-weight:600;letter-spacing:.05em;text-transform:uppercase;padding:10px 14px;border-bottom:1px solid var(--line)}
.exp-table>tbody>tr>td{padding:12px 14px;vertical-align:top;overflow-wrap:anywhere}
tbody.exp{border-bottom:1px solid var(--line-soft)}
tbody.exp:last-of-type{border-bottom:0}
.exp-row:hover{background:var(--hover)}
tbody.exp[data-status="fail"]>tr>td:first-child{box-shadow:inset 3px 0 0 var(--fail)}
tbody.exp[data-status="error"]>tr>td:first-child{box-shadow:inset 3px 0 0 var(--error)}
.c-idx{width:44px;color:var(--faint);text-align:right}
.exp-table>tbody>tr>td.c-idx{padding-right:6px}
.c-status{width:100px;white-space:nowrap}
.c-exp{min-width:200px}
.c-cols{max-width:180px}
.c-kw{max-width:340px}
.c-res{min-width:150px}
.exp-name{font-weight:600}
.exp-type{color:var(--muted);font-size:11.5px;overflow-wrap:anywhere}
.exp-note{color:var(--muted);font-size:12.5px;margin-top:4px}
.col{display:inline-block;margin:0 4px 4px 0;padding:1px 7px;border-radius:5px;background:var(--accent-soft);color:var(--accent);font-weight:600;overflow-wrap:anywhere}
.kw{display:inline-flex;flex-wrap:wrap;align-items:baseline;gap:4px;margin:0 10px 5px 0;max-width:100%}
.k{color:var(--muted);font-size:12.5px}
.subj{color:var(--muted);font-style:italic}
.set{display:inline-flex;flex-wrap:wrap;gap:4px;align-items:baseline}
.v{display:inline-block;padding:0 5px;border-radius:4px;background:var(--code-bg);white-space:pre-wrap;overflow-wrap:anywhere;max-width:100%}
.v-lit{color:var(--accent)}
.v-null{color:var(--faint);font-style:italic;font-family:var(--sans);font-size:12px}
.v-code{color:var(--ink)}
.metric{line-height:1.55}
.num{font-variant-numeric:tabular-nums}
b.num{font-size:15px}
.tone-ok{color:var(--pass)}.tone-bad{color:var(--fail)}.tone-warn{color:var(--error)}
.metric .sub{margin-left:4px}
.lbl{color:var(--muted);font-size:12.5px;margin-right:2px}

/* Status chips */
.chip{display:inline-flex;align-items:center;gap:5px;padding:2px 9px 2px 6px;border-radius:999px;font-size:12px;font-weight:600;border:1px solid;line-height:18px}
.chip-icon{display:inline-flex;align-items:center;justify-content:center;width:15px;height:15px;border-radius:50%;font-size:10px;color:#fff}
.chip-pass{color:var(--pass);background:var(--pass-bg);border-color:var(--pass-line)}.chip-pass .chip-icon{background:var(--pass)}
.chip-fail{color:var(--fail);background:var(--fail-bg);border-color:var(--fail-line)}.chip-fail .chip-icon{background:var(--fail)}
.chip-error{color:var(--error);background:var(--error-bg);border-color:var(--error-line)}.chip-error .chip-icon{background:var(--error)}

/* Details of a failing expectation */
.exp-table>tbody>tr.exp-detail>td{padding:0 14px 16px 58px}
.details{display:flex;flex-direction:column;gap:14px;padding:14px 16px;background:var(--detail);border:1px solid var(--line-soft);border-radius:8px}
.detail-block{min-width:0}
h4{font-size:11.5px;color:var(--muted);letter-spacing:.05em;text-transform:uppercase;margin-bottom:8px;display:flex;align-items:center;gap:6px}
.uvs{display:flex;flex-wrap:wrap;gap:6px;align-items:center}
.uv{display:inline-flex;align-items:center;border:1px solid var(--line);border-radius:6px;background:var(--card);max-width:100%}
.uv .v{background:transparent}
.uv-n{padding:0 6px;border-left:1px solid var(--line);color:var(--fail);font-size:12px;font-weight:600}
.samples{font-size:12.5px;background:var(--card);border:1px solid var(--line);border-radius:6px}
.samples th,.samples td{padding:5px 10px;border-bottom:1px solid var(--line-soft);text-align:left;white-space:nowrap}
.samples th{color:var(--muted);font-weight:600;font-family:var(--mono);font-size:11.5px;background:var(--line-soft)}
.samples tr:last-child td{border-bottom:0}
.samples .hot{background:var(--fail-bg)}
.samples th.hot{color:var(--fail)}
.samples .v{white-space:nowrap;background:transparent;padding:0}
.exception{border-left:3px solid var(--error);padding-left:12px}
.exception h4{color:var(--error)}
.exc-msg{margin:0;font-family:var(--mono);font-size:12.5px;white-space:pre-wrap;overflow-wrap:anywhere}
details summary{cursor:pointer;color:var(--muted);font-size:12.5px;margin-top:6px}
details pre{margin:6px 0 0;padding:10px;background:var(--code-bg);border-radius:6px;white-space:pre-wrap;overflow-wrap:anywhere;max-height:320px;overflow:auto}

/* History */
.chart-wrap{margin:0;padding:16px 20px 4px}
.chart{display:block;width:100%;height:auto}
.chart-compact{display:none}
.chart .grid{stroke:var(--line);stroke-width:1}
.chart .axis{fill:var(--faint);font:12px var(--sans)}
.chart .line{fill:none;stroke:var(--accent);stroke-width:2.2;stroke-linejoin:round;stroke-linecap:round}
.chart .area{fill:var(--accent-soft);stroke:none}
.chart .pt circle{stroke:var(--card);stroke-width:2}
.chart .pt-pass circle{fill:var(--pass)}
.chart .pt-fail circle{fill:var(--fail)}
.chart .pt circle.ring{fill:none;stroke:var(--accent);stroke-width:2;opacity:.55}
.runs{font-size:13px}
.runs th{text-align:left;color:var(--muted);font-size:11.5px;font-weight:600;letter-spacing:.05em;text-transform:uppercase;padding:9px 14px;border-bottom:1px solid var(--line);border-top:1px solid var(--line);white-space:nowrap}
.runs td{padding:8px 14px;border-bottom:1px solid var(--line-soft);white-space:nowrap}
.runs tr:last-child td{border-bottom:0}
.runs .num{text-align:right}
.runs tr.current td{background:var(--accent-soft)}
.run-id{font-size:12px}
.tag{display:inline-block;margin-left:6px;padding:0 6px;border-radius:4px;background:var(--accent);color:#fff;font-size:11px;font-weight:600}
.history > .more{padding:0 20px 14px}
footer{color:var(--faint);font-size:12px;text-align:center;padding-top:4px}

/* Narrow screens: each expectation becomes a card of label / value lines */
@media screen and (max-width:760px){
  .page{padding:20px 14px 28px}
  h1{font-size:22px}
  .tiles{grid-template-columns:repeat(2,minmax(0,1fr));gap:10px}
  .tile-value{font-size:22px}
  .section-head{padding:14px 16px}
  /* Child combinators: the sample tables nested in the details stay tables. */
  .exp-table>thead{display:none}
  .exp-table,.exp-table>tbody,.exp-table>tbody>tr,.exp-table>tbody>tr>td{display:block;width:auto;max-width:none;min-width:0}
  tbody.exp{padding:12px 16px;border-bottom:1px solid var(--line)}
  .exp-table>tbody>tr>td{box-shadow:none!important}
  .exp-table .exp-row>td{display:grid;grid-template-columns:104px minmax(0,1fr);gap:10px;padding:4px 0}
  .exp-table .exp-row>td::before{content:attr(data-label);white-space:nowrap;overflow-wrap:normal;color:var(--faint);font-size:11px;font-weight:600;letter-spacing:.05em;text-transform:uppercase;padding-top:2px}
  .exp-table>tbody>tr>td.c-idx{display:none}
  tbody.exp[data-status="fail"]{box-shadow:inset 3px 0 0 var(--fail)}
  tbody.exp[data-status="error"]{box-shadow:inset 3px 0 0 var(--error)}
  .exp-table>tbody>tr.exp-detail>td{padding:8px 0 0}
  .details{padding:12px}
  .chart-wrap{padding:12px 8px 0}
  .chart-wide{display:none}
  .chart-compact{display:block}
}
@media print{
  @page{margin:14mm}
  *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
  body{background:#fff;font-size:11.5px}
  .page{max-width:none;padding:0}
  .filter{display:none}
  .expectations tbody.exp{display:table-row-group!important}
  .expectations .empty-failures,.expectations .empty-passed{display:none!important}
  .card,.tile{box-shadow:none}
  .exp-table>thead th{position:static}
  tbody.exp,.tile,.chart-wrap{break-inside:avoid}
  .card{break-inside:auto}
  details pre{max-height:none}
  .chart-wide{display:block}
  .chart-compact{display:none}
  /* A4 is about 700px wide: tighter cells, no index column, tables not clipped by scrolling. */
  .exp-table>thead .c-idx,.exp-table>tbody>tr>td.c-idx{display:none}
  .exp-table>thead th,.exp-table>tbody>tr>td{padding:8px 8px}
  .exp-table>tbody>tr.exp-detail>td{padding:0 8px 12px 12px}
  .c-exp,.c-res{min-width:0}
  .c-cols{min-width:96px}
  .scroll{overflow:visible}
  .runs th,.runs td{padding:5px 8px}
}
`;

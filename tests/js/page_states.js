// Node: the page's states at given slider values, as JSON (tests/test_report_page.py
// compares them with gametrust solving the game at each value in Python).
// Usage: node tests/js/page_states.js INPUT.json  (INPUT: {data, points: [[id, value]]})
"use strict";
const fs = require("fs");
const path = require("path");
const assets = path.join(__dirname, "..", "..", "gametrust", "report", "html_assets");
const X = require(path.join(assets, "exact.js"));
const M = require(path.join(assets, "model.js"));
const input = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const data = M.prepare(input.data);
const str = (v) => (v === null ? null : v.toString());
const out = input.points.map(([id, value]) => {
  const slider = data.sliders.find((s) => s.id === id);
  const st = M.stateAt(slider, X.parseQ(value));
  if (st === null) return null;
  const sel = st.selection;
  return {
    where: st.segment.type,
    family: st.family.name,
    table: st.table.map((row) => row.map((cell) => cell.map(str))),
    equilibria: st.equilibria.map((e) => ({
      strategies: e.strategies.map((s) => s.map(str)), payoffs: e.payoffs.map(str),
      strict: e.strict })),
    payoff_dominant: sel && sel.payoffDominant,
    risk_dominant: sel && sel.riskDominant,
    thresholds: sel ? sel.thresholds.map((th) => ({ cooperative: th.cooperative,
      alternative: th.alternative, values: th.values.map(str) })) : [],
  };
});
process.stdout.write(JSON.stringify(out));

// Node test of the page's exact arithmetic (gametrust/report/html_assets/exact.js and
// model.js), run by tests/test_report_page.py: `node tests/js/exact_test.js`.
"use strict";
const assert = require("assert");
const path = require("path");
const assets = path.join(__dirname, "..", "..", "gametrust", "report", "html_assets");
const X = require(path.join(assets, "exact.js"));
const M = require(path.join(assets, "model.js"));
const q = X.parseQ;
let checks = 0;
function same(a, b) { assert.strictEqual(a, b); checks++; }

// parsing what people type, exactly
same(q("0.3").toString(), "3/10");
same(q("-2/6").toString(), "-1/3");
same(q("1.5e-3").toString(), "3/2000");
same(q("2e3").toString(), "2000");
same(q(".5").toString(), "1/2");
same(q("4/-8").toString(), "-1/2");
for (const bad of ["", "abc", "1/0", "1//2", "0x10", "1e", ".", "1".repeat(300)]) {
  assert.throws(() => q(bad), Error, bad);
  checks++;
}
// arithmetic stays exact where floats do not: 0.1 + 0.2 == 0.3
same(q("0.1").add(q("0.2")).eq(q("0.3")), true);
same(q("1/3").mul(q("3")).eq(X.ONE), true);
same(q("1/3").sub(q("1/2")).toString(), "-1/6");
same(q("2/3").div(q("4/9")).toString(), "3/2");
same(q("1/4").cmp(q("0.25")), 0);
same(q("1/3").cmp(q("0.3333333333333333333333")), 1);
// big numbers (beyond 2**53) stay exact
const big = q("123456789012345678901234567890/7");
same(big.mul(q("7")).toString(), "123456789012345678901234567890");
// display: fraction and decimal
same(X.show(q("3/10")), "3/10 = 0.3");
same(X.show(q("3/7")), "3/7 ≈ 0.428571");
same(X.show(q("-2/3")), "-2/3 ≈ -0.666667");
same(X.show(q("5")), "5");
same(X.show(q("1/3000000000")), "1/3000000000 ≈ 3.33333e-10");
same(X.show(new X.Q(1n, 10n ** 400n + 1n)), "1/1" + "0".repeat(399) + "1"); // beyond floats
// (8e^2 - 9e + 8)/(e + 1) at e = 3/10: the Korea mixed payoff, 301/65
const f = { n: ["8", "-9", "8"].map(q), d: ["1", "1"].map(q) };
same(X.evalRF(f, q("3/10")).toString(), "301/65");
same(X.evalRF({ n: [X.ONE], d: [q("-1"), X.ONE] }, X.ONE), null); // 1/(t - 1) at 1
// a real algebraic number: sqrt(2), the root of t^2 - 2 in (1, 2)
const sqrt2 = { poly: [-2n, 0n, 1n], lo: q("1"), hi: q("2") };
same(X.compareAlgebraic(q("1.41"), sqrt2), -1);
same(X.compareAlgebraic(q("1.42"), sqrt2), 1);
same(X.compareAlgebraic(q("1.4142135623730950488"), sqrt2), -1);
same(X.compareAlgebraic(q("1.4142135623730950489"), sqrt2), 1);
same(X.compareAlgebraic(q("1"), sqrt2), -1);
same(X.compareAlgebraic(q("2"), sqrt2), 1);
// a decreasing polynomial: 2 - t^2 has the same root
same(X.compareAlgebraic(q("1.41"), { poly: [2n, 0n, -1n], lo: q("1"), hi: q("2") }), -1);
same(X.compareAlgebraic(q("1.42"), { poly: [2n, 0n, -1n], lo: q("1"), hi: q("2") }), 1);

// a slider over [0, 1] with a breakpoint at 1/4 and one at sqrt(2)/2 (t^2 = 1/2: 2t^2 - 1)
const c = (v) => ({ n: [v], d: ["1"] });
const eq = { kind: "pure", strict: true, pure: [0, 0], component: 0,
             strategies: [[c("1"), c("0")], [c("1"), c("0")]], payoffs: [c("1"), c("1")] };
const fam = (name) => ({ name, description: name, facts: [] });
const data = M.prepare({ sliders: [{
  id: "empathy", symbol: "e", lo: "0", hi: "1", steps: 100, value: "0",
  table: [[[c("1"), c("1")]]],
  segments: [
    { type: "interval", lo: { q: "0" }, hi: { q: "1/4" }, closed_lo: true, closed_hi: false,
      family: fam("A"), continua: [], equilibria: [eq] },
    { type: "point", at: { q: "1/4" }, exact: true, family: fam("B"), continua: [],
      equilibria: [eq] },
    { type: "interval", lo: { q: "1/4" }, hi: { poly: ["-1", "0", "2"], lo: "1/2", hi: "1" },
      closed_lo: false, closed_hi: false, family: fam("C"), continua: [], equilibria: [eq] },
    { type: "point", at: { poly: ["-1", "0", "2"], lo: "1/2", hi: "1" }, exact: false,
      family: fam("D"), continua: [] },
    { type: "interval", lo: { poly: ["-1", "0", "2"], lo: "1/2", hi: "1" }, hi: { q: "1" },
      closed_lo: false, closed_hi: true, family: fam("E"), continua: [], equilibria: [eq] },
  ] }] });
const s = data.sliders[0];
const at = (v) => M.stateAt(s, q(v)).family.name;
same(at("0"), "A");
same(at("0.2499999999999999999"), "A");
same(at("1/4"), "B"); // exactly at the breakpoint: its own answer
same(at("0.25"), "B");
same(at("0.2500000000000000001"), "C");
same(at("0.7071"), "C"); // sqrt(1/2) = 0.70710678...
same(at("0.7072"), "E");
same(at("1"), "E");
same(M.stateAt(s, q("1.01")), null);
same(M.valueAt(s, 30).toString(), "3/10");
same(M.nearestStep(s, q("2/3")), 67);
same(M.nearestStep(s, q("1/300")), 0);

// selection on the Stag Hunt (3, 0 / 2, 2): payoff-dominant (Stag, Stag), risk-dominant
// (Hare, Hare), each side needs P(other hunts stag) >= 2/3
const t = [[[q("3"), q("3")], [q("0"), q("2")]], [[q("2"), q("0")], [q("2"), q("2")]]];
const pure = (a, b, u) => ({ kind: "pure", strict: true, pure: [a, b], payoffs: [q(u), q(u)] });
const mixed = { kind: "mixed", strict: false, pure: null, payoffs: [q("2"), q("2")] };
const sel = M.selection(t, [pure(0, 0, "3"), pure(1, 1, "2"), mixed]);
same(sel.payoffDominant, 0);
same(sel.riskDominant, 1);
same(sel.thresholds.length, 1);
same(sel.thresholds[0].values.map(String).join(" "), "2/3 2/3");
// a tie in risk (Nash products equal): no risk-dominant equilibrium
const tie = [[[q("2"), q("2")], [q("0"), q("1")]], [[q("1"), q("0")], [q("1"), q("1")]]];
same(M.selection(tie, [pure(0, 0, "2"), pure(1, 1, "1")]).riskDominant, null);

console.log("ok " + checks + " checks");

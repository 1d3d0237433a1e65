// gametrust page: what the page shows at a slider value, from the embedded exact sweep.
// No DOM here (tested in Node): prepare(data) parses the exact strings once;
// stateAt(slider, t) finds the interval or breakpoint holding t (exactly; a
// value exactly at a breakpoint gets the breakpoint's own answer) and evaluates
// the payoff table, the equilibria, payoff and risk dominance and the trust
// thresholds there, as gametrust.analysis.selection.analyse does.
(function (root, X) {
  "use strict";

  const parseQ = X.parseQ;

  function rf(f) { return { n: f.n.map(parseQ), d: f.d.map(parseQ) }; }

  function bound(b) {
    if (b.q !== undefined) return { q: parseQ(b.q), text: b.text };
    return { poly: b.poly.map(parseQ), lo: parseQ(b.lo), hi: parseQ(b.hi), text: b.text,
             approx: b.approx };
  }

  function equilibria(list) {
    return (list || []).map((e) => ({
      kind: e.kind, strict: e.strict, pure: e.pure, component: e.component,
      strategies: e.strategies.map((s) => s.map(rf)),
      payoffs: e.payoffs.map(rf),
    }));
  }

  // The embedded data with every exact string parsed (BigInt rationals).
  function prepare(data) {
    const out = Object.assign({}, data);
    out.sliders = data.sliders.map((s) => {
      const lo = parseQ(s.lo);
      const hi = parseQ(s.hi);
      return Object.assign({}, s, {
        lo, hi, value: parseQ(s.value), step: hi.sub(lo).div(new X.Q(BigInt(s.steps))),
        table: s.table.map((row) => row.map((cell) => cell.map(rf))),
        segments: s.segments.map((g) => g.type === "interval"
          ? Object.assign({}, g, { lo: bound(g.lo), hi: bound(g.hi),
                                   equilibria: equilibria(g.equilibria) })
          : Object.assign({}, g, { at: bound(g.at), equilibria: equilibria(g.equilibria) })),
      });
    });
    return out;
  }

  // The segment holding t: a rational breakpoint equal to t first, else the interval.
  function locate(slider, t) {
    for (const g of slider.segments) {
      if (g.type === "point" && g.at.q !== undefined && t.eq(g.at.q)) return g;
    }
    for (const g of slider.segments) {
      if (g.type !== "interval") continue;
      const lo = X.compareBound(t, g.lo);
      const hi = X.compareBound(t, g.hi);
      if ((lo > 0 || (lo === 0 && g.closed_lo)) && (hi < 0 || (hi === 0 && g.closed_hi))) {
        return g;
      }
    }
    return null;
  }

  // Slider position k (0..steps) as an exact value, and back (nearest step).
  function valueAt(slider, k) { return slider.lo.add(slider.step.mul(new X.Q(BigInt(k)))); }

  function nearestStep(slider, t) {
    const x = t.sub(slider.lo).div(slider.step); // exact; round half up
    let k = x.n / x.d;
    if (x.n % x.d !== 0n && x.sign() > 0 && 2n * (x.n % x.d) >= x.d) k += 1n;
    if (k < 0n) k = 0n;
    if (k > BigInt(slider.steps)) k = BigInt(slider.steps);
    return Number(k);
  }

  function inRange(slider, t) { return t.cmp(slider.lo) >= 0 && t.cmp(slider.hi) <= 0; }

  function strictlyBetter(a, b) { return a.every((x, i) => x.cmp(b[i]) > 0); }

  // Least belief in the other's cooperative part making coop's action a best response
  // (gametrust.analysis.selection.trust_threshold), or null when none suffices.
  function trustThreshold(table, coop, other, player) {
    const mine = coop[player];
    const theirCoop = coop[1 - player];
    const theirAlt = other[1 - player];
    const pay = (own, theirs) => (player === 0 ? table[own][theirs][0] : table[theirs][own][1]);
    const nOwn = player === 0 ? table.length : table[0].length;
    let low = X.ZERO;
    let high = X.ONE;
    for (let alt = 0; alt < nOwn; alt++) {
      if (alt === mine) continue;
      const d1 = pay(mine, theirCoop).sub(pay(alt, theirCoop));
      const d0 = pay(mine, theirAlt).sub(pay(alt, theirAlt));
      const slope = d1.sub(d0);
      if (slope.sign() > 0) {
        const q = d0.neg().div(slope);
        if (q.cmp(low) > 0) low = q;
      } else if (slope.sign() < 0) {
        const q = d0.neg().div(slope);
        if (q.cmp(high) < 0) high = q;
      } else if (d0.sign() < 0) {
        return null;
      }
    }
    return low.cmp(high) > 0 ? null : low;
  }

  // Payoff dominance, risk dominance and trust thresholds (selection.analyse), exactly.
  function selection(table, eqs) {
    const payoffs = eqs.map((e) => e.payoffs);
    let payoffDominant = null;
    for (let k = 0; k < eqs.length && payoffDominant === null; k++) {
      if (payoffs.every((p, j) => j === k || strictlyBetter(payoffs[k], p))) payoffDominant = k;
    }
    const strictPure = eqs.map((e, k) => k).filter((k) => eqs[k].kind === "pure" && eqs[k].strict);
    const wins = new Map(strictPure.map((k) => [k, 0]));
    for (let x = 0; x < strictPure.length; x++) {
      for (let y = x + 1; y < strictPure.length; y++) {
        const k1 = strictPure[x];
        const k2 = strictPure[y];
        const [a, b] = eqs[k1].pure;
        const [a2, b2] = eqs[k2].pure;
        const u = (i, r, c) => table[r][c][i];
        const loss1 = u(0, a, b).sub(u(0, a2, b)).mul(u(1, a, b).sub(u(1, a, b2)));
        const loss2 = u(0, a2, b2).sub(u(0, a, b2)).mul(u(1, a2, b2).sub(u(1, a2, b)));
        const c = loss1.cmp(loss2);
        if (c !== 0) {
          const w = c > 0 ? k1 : k2;
          wins.set(w, wins.get(w) + 1);
        }
      }
    }
    let riskDominant = null;
    for (const [k, w] of wins) {
      if (riskDominant === null && w === strictPure.length - 1 && strictPure.length > 1) {
        riskDominant = k;
      }
    }
    const thresholds = [];
    const pure = eqs.map((e, k) => k).filter((k) => eqs[k].kind === "pure");
    if (payoffDominant !== null && eqs[payoffDominant].kind === "pure") {
      const coop = eqs[payoffDominant].pure;
      for (const k of pure) {
        if (k === payoffDominant) continue;
        thresholds.push({ cooperative: payoffDominant, alternative: k,
                          values: [0, 1].map((i) => trustThreshold(table, coop, eqs[k].pure, i)) });
      }
    }
    return { payoffDominant, riskDominant, thresholds };
  }

  function evalAll(fs, t) { return fs.map((f) => X.evalRF(f, t)); }

  // Everything the page shows at the exact value t of a slider (null outside its sweep).
  function stateAt(slider, t) {
    const segment = locate(slider, t);
    if (segment === null) return null;
    const table = slider.table.map((row) => row.map((cell) => evalAll(cell, t)));
    const state = { value: t, segment, family: segment.family, table, equilibria: [],
                    selection: null, exact: segment.type === "interval" || segment.exact,
                    complete: segment.complete !== false };
    if (!state.exact) return state; // an irrational breakpoint (never a slider value)
    const inContinuum = new Set(segment.continua.flat());
    state.equilibria = segment.equilibria.map((e, k) => ({
      kind: e.kind, strict: e.strict, pure: e.pure, continuum: inContinuum.has(k),
      strategies: e.strategies.map((s) => evalAll(s, t)),
      payoffs: evalAll(e.payoffs, t),
    }));
    if (table.length && table.every((row) => row.every((cell) => cell.every((v) => v !== null)))) {
      state.selection = selection(table, state.equilibria);
    }
    return state;
  }

  const api = { prepare, locate, stateAt, selection, trustThreshold, valueAt, nearestStep,
                inRange };
  for (const k of Object.keys(api)) root[k] = api[k];
})(typeof module !== "undefined" && module.exports ? module.exports
  : (globalThis.gametrustModel = globalThis.gametrustModel || {}),
   typeof require === "function" ? require("./exact.js") : globalThis.gametrustExact);

// gametrust page: exact rational arithmetic with BigInt (no floats in any decision).
// Inlined into the page by gametrust/report/page.py; in Node, require("./exact.js").
// Q is an exact rational n/d (d > 0, gcd 1); polynomials and rational functions
// are evaluated exactly; a rational is compared with a real algebraic number
// (an integer polynomial and an open isolating interval) by the sign of the
// polynomial, exactly.
(function (root) {
  "use strict";

  function gcd(a, b) {
    if (a < 0n) a = -a;
    if (b < 0n) b = -b;
    while (b !== 0n) {
      const t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  class Q {
    constructor(n, d) {
      if (d === undefined) d = 1n;
      if (d === 0n) throw new RangeError("division by zero");
      if (d < 0n) {
        n = -n;
        d = -d;
      }
      const g = gcd(n, d);
      this.n = g > 1n ? n / g : n;
      this.d = g > 1n ? d / g : d;
    }
    add(o) { return new Q(this.n * o.d + o.n * this.d, this.d * o.d); }
    sub(o) { return new Q(this.n * o.d - o.n * this.d, this.d * o.d); }
    mul(o) { return new Q(this.n * o.n, this.d * o.d); }
    div(o) { return new Q(this.n * o.d, this.d * o.n); }
    neg() { return new Q(-this.n, this.d); }
    sign() { return this.n > 0n ? 1 : this.n < 0n ? -1 : 0; }
    isZero() { return this.n === 0n; }
    cmp(o) {
      const x = this.n * o.d - o.n * this.d;
      return x > 0n ? 1 : x < 0n ? -1 : 0;
    }
    eq(o) { return this.n === o.n && this.d === o.d; }
    toString() { return this.d === 1n ? this.n.toString() : this.n + "/" + this.d; }
  }

  const ZERO = new Q(0n);
  const ONE = new Q(1n);
  const MAX_INPUT = 200;
  const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,4}))?$/;
  const FRACTION = /^([+-]?\d+)\s*\/\s*([+-]?\d+)$/;

  // An exact rational from "3", "-2/3", "0.25", "1.5e-3" (what a person types).
  function parseQ(text) {
    const s = String(text).trim();
    if (s.length === 0 || s.length > MAX_INPUT) throw new SyntaxError("not a number: " + text);
    let m = FRACTION.exec(s);
    if (m) {
      const d = BigInt(m[2]);
      if (d === 0n) throw new RangeError("zero denominator: " + text);
      return new Q(BigInt(m[1]), d);
    }
    m = DECIMAL.exec(s);
    if (!m || (m[2] === "" && (m[3] === undefined || m[3] === ""))) {
      throw new SyntaxError("not a number: " + text);
    }
    const frac = m[3] || "";
    let n = BigInt((m[2] || "0") + frac);
    let d = 10n ** BigInt(frac.length);
    const exp = m[4] ? parseInt(m[4], 10) : 0;
    if (exp > 0) n *= 10n ** BigInt(exp);
    if (exp < 0) d *= 10n ** BigInt(-exp);
    return new Q(m[1] === "-" ? -n : n, d);
  }

  // Horner's rule, exactly: coeffs[k] is the coefficient of t**k.
  function evalPoly(coeffs, t) {
    let acc = ZERO;
    for (let k = coeffs.length - 1; k >= 0; k--) acc = acc.mul(t).add(coeffs[k]);
    return acc;
  }

  // A rational function {n: [Q], d: [Q]} at t; null where its denominator vanishes.
  function evalRF(f, t) {
    const den = evalPoly(f.d, t);
    if (den.isZero()) return null;
    return evalPoly(f.n, t).div(den);
  }

  // The sign of q - alpha, alpha the only root of poly (integer coefficients: BigInt or Q)
  // in the open interval (lo, hi), where poly does not vanish at lo.
  function compareAlgebraic(q, alg) {
    if (q.cmp(alg.lo) <= 0) return -1;
    if (q.cmp(alg.hi) >= 0) return 1;
    const poly = alg.poly.map((c) => (c instanceof Q ? c : new Q(BigInt(c))));
    const at = evalPoly(poly, q).sign();
    const atLo = evalPoly(poly, alg.lo).sign();
    return at === atLo ? -1 : 1; // same side as lo: q is below the root (q is never the root)
  }

  // The sign of q - v, v a bound {q: Q} or {poly, lo, hi}.
  function compareBound(q, v) {
    return v.q !== undefined ? q.cmp(v.q) : compareAlgebraic(q, v);
  }

  function abs(q) { return q.sign() < 0 ? q.neg() : q; }

  // Decimal digits of |q| rounded to `places` decimals: [text, exact?].
  function decimal(q, places) {
    const scale = 10n ** BigInt(places);
    const a = abs(q);
    const scaled = a.n * scale;
    let whole = scaled / a.d;
    const rest = scaled % a.d;
    if (2n * rest >= a.d) whole += 1n;
    const digits = whole.toString().padStart(places + 1, "0");
    let text = digits.slice(0, digits.length - places) + "." + digits.slice(digits.length - places);
    text = text.replace(/0+$/, "").replace(/\.$/, "");
    if (q.sign() < 0 && text !== "0") text = "-" + text;
    return [text, rest === 0n];
  }

  // "3/7 ≈ 0.428571", "3/10 = 0.3", "5"; a huge or tiny number in scientific form.
  function show(q, places) {
    if (places === undefined) places = 6;
    if (q.d === 1n) return q.n.toString();
    const [text, exact] = decimal(q, places);
    if (exact) return q.toString() + " = " + text;
    if (text === "0" || text === "-0") {
      const approx = Number(q.n) / Number(q.d);
      if (!Number.isFinite(approx) || approx === 0) return q.toString();
      return q.toString() + " ≈ " + approx.toPrecision(places);
    }
    return q.toString() + " ≈ " + text;
  }

  // The number alone, short: "3/7" (for tables).
  function short(q) { return q.toString(); }

  const api = { Q, ZERO, ONE, gcd, parseQ, evalPoly, evalRF, compareAlgebraic, compareBound,
                decimal, show, short };
  for (const k of Object.keys(api)) root[k] = api[k];
})(typeof module !== "undefined" && module.exports ? module.exports
  : (globalThis.gametrustExact = globalThis.gametrustExact || {}));

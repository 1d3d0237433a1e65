// gametrust page: the sliders and what they update (DOM only; the exact work is in
// exact.js and model.js).  Every text comes from the embedded data through
// textContent, never innerHTML.  The address may carry a value to show, applied
// exactly as the slider does: page.html#empathy=0.3, #empathy:US=1/4, #param:relief=5.
(function () {
  "use strict";
  const X = globalThis.gametrustExact;
  const M = globalThis.gametrustModel;
  const data = M.prepare(JSON.parse(document.getElementById("gametrust-data").textContent));
  const players = data.players.map((p) => p.id);
  const sliders = data.sliders;
  let active = 0;
  const values = sliders.map((s) => s.value);
  const inputs = [];

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "text") node.textContent = v;
      else if (k === "class") node.className = v;
      else node.setAttribute(k, v);
    }
    for (const c of children || []) node.append(c);
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function valueText(slider, t) { return slider.symbol + " = " + X.show(t); }

  // -- the controls -------------------------------------------------------------------------

  function buildControls() {
    const box = document.getElementById("controls");
    sliders.forEach((s, i) => {
      const id = "slider-" + i;
      const range = el("input", { type: "range", id, min: "0", max: String(s.steps), step: "1",
                                  "data-axis": s.id, "aria-describedby": id + "-value" });
      const output = el("output", { id: id + "-value", for: id, class: "value" });
      const exact = el("input", { type: "text", id: id + "-exact", inputmode: "decimal",
                                  size: "10", autocomplete: "off", spellcheck: "false" });
      const error = el("span", { class: "error", role: "alert", id: id + "-error" });
      const form = el("form", { class: "exact" }, [
        el("label", { for: id + "-exact", text: "Exact value (e.g. 2/3):" }), exact,
        el("button", { type: "submit", text: "Set" }), error]);
      const range_text = "from " + X.short(s.lo) + " to " + X.short(s.hi) + ", steps of "
        + X.short(s.step);
      const group = el("div", { class: "slider", id: id + "-group" }, [
        el("label", { for: id, class: "slider-label" }, [
          el("span", { text: s.label + " " }), el("span", { class: "range", text: range_text })]),
        range, output, form]);
      box.append(group);
      range.addEventListener("input", () => setValue(i, M.valueAt(s, Number(range.value))));
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        let t;
        try {
          t = X.parseQ(exact.value);
        } catch (err) {
          error.textContent = "Not a number: write 0.3, 3/10 or 1e-2.";
          return;
        }
        if (!M.inRange(s, t)) {
          error.textContent = "Outside the range " + X.short(s.lo) + " to " + X.short(s.hi) + ".";
          return;
        }
        setValue(i, t);
      });
      inputs.push({ range, output, exact, error, group });
    });
  }

  function syncControls() {
    sliders.forEach((s, i) => {
      const c = inputs[i];
      const t = values[i];
      c.range.value = String(M.nearestStep(s, t));
      c.range.setAttribute("aria-valuetext", valueText(s, t));
      c.output.textContent = valueText(s, t) + (i === active ? "" : " (the scenario's value)");
      c.exact.value = t.toString();
      c.error.textContent = "";
      c.group.classList.toggle("active", i === active);
    });
  }

  // Move slider i to the exact value t; the other sliders return to the scenario's values.
  function setValue(i, t, remember) {
    active = i;
    sliders.forEach((s, j) => { values[j] = j === i ? t : s.value; });
    syncControls();
    render();
    if (remember === false) return;
    try {
      history.replaceState(null, "", "#" + sliders[i].id + "=" + t.toString());
    } catch (err) { /* a page opened where the address cannot change: nothing to keep */ }
  }

  function readHash() {
    const text = decodeURIComponent((location.hash || "").replace(/^#/, ""));
    if (!text) return false;
    const [key, raw] = text.split("=");
    const i = sliders.findIndex((s) => s.id === key);
    if (i < 0 || raw === undefined) return false;
    let t;
    try { t = X.parseQ(raw); } catch (err) { return false; }
    if (!M.inRange(sliders[i], t)) return false;
    setValue(i, t);
    return true;
  }

  // -- what a slider position shows -----------------------------------------------------------

  function label(e) {
    if (e.kind === "pure") {
      return "(" + e.pure.map((a, i) => data.actions[i][a]).join(", ") + ")";
    }
    return e.strategies.map((s, i) => players[i] + ": " + s.map((p, a) =>
      p.isZero() ? null : data.actions[i][a] + " " + X.short(p)).filter(Boolean).join(", "))
      .join("; ");
  }

  function renderTable(state) {
    const box = document.getElementById("table");
    clear(box);
    const slider = sliders[active];
    const pureCells = new Set(state.equilibria.filter((e) => e.kind === "pure")
      .map((e) => e.pure.join(",")));
    const head = el("tr", {}, [el("th", { scope: "col", text: players[0] + " \\ " + players[1] })]
      .concat(data.actions[1].map((a) => el("th", { scope: "col", text: a }))));
    const rows = state.table.map((row, r) => el("tr", {}, [
      el("th", { scope: "row", text: data.actions[0][r] })].concat(row.map((cell, c) => {
      const eq = pureCells.has(r + "," + c);
      const text = cell.map((v) => (v === null ? "undefined" : X.short(v))).join(", ");
      const td = el("td", { class: eq ? "eq" : "" }, [el("span", { text })]);
      if (eq) td.append(el("span", { class: "mark", text: " (equilibrium)" }));
      return td;
    }))));
    const caption = "Payoffs at " + valueText(slider, state.value) + " (each cell lists "
      + players.join(", ") + "; empathy applied, " + data.empathy_model + " model)";
    box.append(el("table", {}, [el("caption", { text: caption }), el("thead", {}, [head]),
                                el("tbody", {}, rows)]));
  }

  function renderFamily(state) {
    const box = document.getElementById("family");
    clear(box);
    box.setAttribute("data-family", state.family.name);
    box.append(el("p", {}, [el("strong", { text: "Family: " }),
                            el("span", { class: "family-name", text: state.family.description })]));
    box.append(el("ul", {}, state.family.facts.map((f) => el("li", { text: f }))));
  }

  function renderEquilibria(state) {
    const box = document.getElementById("equilibria");
    clear(box);
    if (!state.exact) {
      box.append(el("p", { text: "An irrational breakpoint: solved in floats, not shown." }));
      return;
    }
    const n = state.equilibria.length;
    box.append(el("p", { text: n + (n === 1 ? " equilibrium" : " equilibria") + (state.complete
      ? " (the list is complete: every extreme equilibrium, exactly):"
      : " (the list may not be complete: gametrust's search stopped at its limit here):") }));
    if (state.segment.degenerate) {
      box.append(el("p", { text: "The game is degenerate here (some mixed strategy has more "
        + "pure best responses than its support size); every extreme equilibrium is listed." }));
    }
    box.append(el("ol", {}, state.equilibria.map((e) => {
      const kind = [e.kind, e.kind === "pure" ? (e.strict ? "strict" : "weak") : null,
                    e.continuum ? "extreme point of a continuum of equilibria" : null]
        .filter(Boolean).join(", ");
      const pay = e.payoffs.map((p, i) => players[i] + " " + (p === null ? "undefined" : X.show(p)));
      const mix = e.kind === "pure" ? [] : e.strategies.map((s, i) => el("li", {
        text: players[i] + ": " + s.map((p, a) => data.actions[i][a] + " " + X.show(p)).join("; ") }));
      return el("li", { "data-label": e.kind === "pure" ? label(e) : "mixed" }, [
        el("strong", { text: label(e) }), el("span", { text: "  " + kind }),
        el("ul", {}, mix.concat([el("li", { text: "payoffs: " + pay.join(", ") })]))]);
    })));
  }

  function renderSelection(state) {
    const box = document.getElementById("selection");
    clear(box);
    const sel = state.selection;
    if (!sel) return;
    const name = (k) => (k === null ? "none" : (k + 1) + " " + label(state.equilibria[k]));
    const items = [el("li", { text: "payoff-dominant: " + name(sel.payoffDominant) }),
                   el("li", { text: "risk-dominant: " + (sel.riskDominant === null
                     ? "none (risk dominance compares strict pure equilibria)"
                     : name(sel.riskDominant)) })];
    for (const th of sel.thresholds) {
      const coop = state.equilibria[th.cooperative];
      const alt = state.equilibria[th.alternative];
      const lines = th.values.map((q, i) => {
        const mine = data.actions[i][coop.pure[i]];
        const theirs = data.actions[1 - i][coop.pure[1 - i]];
        const rest = data.actions[1 - i][alt.pure[1 - i]];
        return el("li", { class: "trust", text: q === null
          ? players[i] + " never prefers " + mine + ", whatever it believes"
          : players[i] + " plays " + mine + " only if P(" + players[1 - i] + " plays " + theirs
            + ") ≥ " + X.show(q) + " (rest on " + rest + ")" });
      });
      items.push(el("li", { text: "trust, to play " + (th.cooperative + 1) + " rather than "
        + (th.alternative + 1) + ":" }, [el("ul", {}, lines)]));
    }
    box.append(el("ul", {}, items));
  }

  function renderOverview() {
    const box = document.getElementById("overview");
    clear(box);
    const slider = sliders[active];
    box.append(el("p", { text: "Along " + slider.label.toLowerCase() + ": " + slider.summary }));
    const fixed = Object.entries(slider.fixed).map(([k, v]) => k + " = " + v).join(", ");
    if (fixed) box.append(el("p", { text: "Parameters held at: " + fixed }));
    const list = el("ul", { class: "breakpoints" });
    for (const g of slider.segments) {
      if (g.type !== "point") continue;
      const text = slider.symbol + " = " + g.at.text + ": " + g.family.name;
      if (g.at.q !== undefined) {
        const button = el("button", { type: "button", text: slider.symbol + " = " + g.at.text,
                                      "aria-label": "Go to " + slider.symbol + " = " + g.at.text });
        button.addEventListener("click", () => setValue(active, g.at.q));
        list.append(el("li", {}, [button, el("span", { text: ": " + g.family.name })]));
      } else {
        list.append(el("li", { text: text + " (irrational: a slider value is never exactly "
                               + "there; the page compares with it exactly)" }));
      }
    }
    if (list.childNodes.length) {
      box.append(el("p", { text: "Breakpoints (the game exactly there):" }), list);
    }
  }

  function render() {
    const slider = sliders[active];
    const state = M.stateAt(slider, values[active]);
    const where = document.getElementById("where");
    if (state === null) {
      where.textContent = "Outside the swept range.";
      return;
    }
    const g = state.segment;
    where.textContent = g.type === "point"
      ? valueText(slider, state.value) + " is exactly a breakpoint: the game solved there."
      : slider.symbol + " in " + (g.closed_lo ? "[" : "(") + g.lo.text + ", " + g.hi.text
        + (g.closed_hi ? "]" : ")") + ": the equilibria below hold on all of this interval.";
    renderTable(state);
    renderFamily(state);
    renderEquilibria(state);
    renderSelection(state);
    renderOverview();
    const labels = state.equilibria.map(label);
    document.getElementById("status").textContent = valueText(slider, state.value) + ": "
      + state.family.name + "; " + labels.length + (labels.length === 1 ? " equilibrium: "
      : " equilibria: ") + labels.join(", ") + ".";
  }

  buildControls();
  if (!readHash()) setValue(0, sliders[0].value, false);
  window.addEventListener("hashchange", readHash);
  document.documentElement.setAttribute("data-ready", "true");
})();

// gilvm web: the classroom page. Plain JavaScript, no framework, nothing loaded from the network.
//
// The server (src/tools/web/mod.rs) inlines this file, style.css and a JSON object into
// index.html. The JSON (the element #gilvm-data) is either {"live": true} (the page talks to
// the API: /api/program, /api/step, /api/source, /api/race, /api/explore, /api/timeline) or,
// for `gilvm web --export`, {"live": false, "program": {file, source, regime}, "views": [View,
// ...], "codes"?, "race"?, "explore"?, "timeline"?}: a recorded run that the step view walks
// forward and back, with no thread choice and no editing. (When "codes" is there, each view's
// "code_ids" name its code listings in it.)
//
// The step view is stateless on the server: a position {regime, replay, actions} is POSTed to
// /api/step and the View of the stop it leads to comes back. Step back is the position less its
// last action; reset is no actions. The position lives in the URL hash
// (#tab=step&regime=gil&replay=…&actions=s,s 2,t 1), so a reload, the browser's back button or
// a shared link lands on the same stop. Offline the hash holds the stop: #tab=step&stop=12.
//
// Stable hooks for browser tests (ids unless marked):
//   tabs            #tab-step #tab-race #tab-explore #tab-timeline; views #view-step, #view-race, ...
//   mode            #regime (<select>: gil | gil-every | free), #switch-interval (µs, timeline)
//   step toolbar    #step #back #reset #lost #end #take, #stop-counter ("stop N · M steps"),
//                   #busy (shown while a request runs); body[data-busy="1"] likewise
//   messages        #why (why the run stopped here), #error (the last action could not be taken;
//                   hidden when none), #notice (page notices, e.g. the regime change reset),
//                   #offline-note (export only), #replay-note
//   source          #source .line[data-line="9"] (click: run until that line); classes on a line:
//                   .current (the running thread's line), .finding (a finding was made there);
//                   thread marks .line .tmark[data-thread="2"]
//   editing         #edit #run-source #cancel-edit #editor (textarea) #syntax-error #readonly-note
//   threads         #threads .lane[data-thread="2"] (attributes data-state, data-running="1",
//                   data-selected="1"), inside: .state, .step-thread (s 2), .give (t 2),
//                   .to-sp (sp 2), .why-not (why its buttons are disabled, a reason of its own);
//                   #lanes-why (a reason that holds for every other thread, said once)
//   thread detail   #thread-detail #frames #stack #locals
//   data            #globals (tr[data-name]), #objects (.object), #output, #exit, #schedule
//   findings        #findings li.finding[data-stop][data-line][data-thread]
//   bytecode        #bytecode .code[data-code="0"] .instr[data-index="3"] (classes .switch,
//                   .call, .win; .ip[data-thread="2"] marks a thread's next instruction)
//   race            #race-runs #race-seed #race-run #race-stop #race-progress,
//                   #race-hist .race-bar[data-key] .open (enabled once the runs are done)
//   explore         #explore-expect #explore-max #explore-run #explore-summary,
//                   #explore-table tr.outcome (data-expected="true|false") .open
//   timeline        #timeline-run #timeline-zoom-in #timeline-zoom-out #timeline-zoom-reset,
//                   #timeline .tl-lane[data-thread] .tl-span[data-state] (title: the reason),
//                   .tl-handoff (title: from → to: reason), #timeline-info, #timeline-output
//   body[data-ready="1"] once the first view is shown; body[data-mode="live"|"export"].

(function () {
  "use strict";

  var REGIME_WORDS = {
    "gil": "GIL, CPython 3.10+ switch points",
    "gil-every": "GIL before 3.10 (every instruction)",
    "free": "free-threaded (-X gil=0)"
  };

  // One colour per thread, the same everywhere (source marks, lanes, bytecode, timeline).
  var PALETTE = ["#1f6fb4", "#e8710a", "#2b9a3e", "#8e44ad", "#0f9bb0", "#8c564b",
    "#d6338c", "#9a9a12", "#5b6f82", "#c0392b"];
  function colour(id) {
    var n = Number(id);
    if (!(n >= 1)) { n = 1; }
    return PALETTE[(n - 1) % PALETTE.length];
  }

  function $(sel) { return document.querySelector(sel); }
  function $all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) {
      for (var k in attrs) {
        if (!Object.prototype.hasOwnProperty.call(attrs, k)) { continue; }
        var v = attrs[k];
        if (v === null || v === undefined || v === false) { continue; }
        if (k === "class") { e.className = v; }
        else if (k === "text") { e.textContent = v; }
        else if (k === "style") { e.setAttribute("style", v); }
        else if (k.slice(0, 2) === "on") { e.addEventListener(k.slice(2), v); }
        else { e.setAttribute(k, v === true ? "" : v); }
      }
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) { return; }
      e.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return e;
  }
  function clear(e) { while (e.firstChild) { e.removeChild(e.firstChild); } return e; }
  function show(e, yes) { e.hidden = !yes; }

  // ---- state ----------------------------------------------------------------------------

  var S = {
    live: true,
    data: null,
    program: null,          // {file, source, editable, regime, max_steps, timeout_ms, switch_interval_us}
    view: null,             // the View shown
    position: { regime: "gil", replay: null, actions: [] },
    stopIndex: 0,           // export: index into data.views
    selected: null,         // the thread whose frames/stack/locals are shown
    tab: "step",
    chain: Promise.resolve(),
    busy: 0,
    sourceKey: null,
    codesKey: null,
    editing: false,
    race: null,
    raceRegime: null,
    exploreRegime: null,
    timeline: null,
    zoom: 1
  };

  function threadLabel(t) {
    return "[" + t.id + "] " + t.name;
  }
  function threadById(view, id) {
    if (!view) { return null; }
    for (var i = 0; i < view.threads.length; i++) {
      if (String(view.threads[i].id) === String(id)) { return view.threads[i]; }
    }
    return null;
  }
  function threadName(view, id) {
    var t = threadById(view, id);
    return t ? threadLabel(t) : "[" + id + "]";
  }

  // ---- hash (the position) -----------------------------------------------------------------

  function hashFor(tab) {
    var p = new URLSearchParams();
    p.set("tab", tab || S.tab);
    if (S.live) {
      p.set("regime", S.position.regime);
      if (S.position.replay !== null && S.position.replay !== undefined) { p.set("replay", S.position.replay); }
      if (S.position.actions.length) { p.set("actions", S.position.actions.join(",")); }
    } else {
      p.set("stop", String(S.stopIndex));
    }
    // URLSearchParams' own encoding, with ',' ':' and spaces left readable in a shared link.
    var parts = [];
    p.forEach(function (v, k) {
      parts.push(k + "=" + encodeURIComponent(v).replace(/%20/g, "+").replace(/%2C/gi, ",").replace(/%3A/gi, ":"));
    });
    return "#" + parts.join("&");
  }
  function writeHash(push) {
    var h = hashFor();
    if (location.hash === h) { return; }
    try {
      if (push) { history.pushState(null, "", h); } else { history.replaceState(null, "", h); }
    } catch (e) {
      // file:// pages in some browsers refuse history changes: keep working without.
    }
  }
  function readHash() {
    var p = new URLSearchParams(location.hash.replace(/^#/, ""));
    var out = { tab: p.get("tab") || "step" };
    if (p.has("regime")) { out.regime = p.get("regime"); }
    out.replay = p.has("replay") ? p.get("replay") : null;
    var a = p.get("actions");
    out.actions = a ? a.split(",").map(function (s) { return s.trim(); }).filter(Boolean) : [];
    if (p.has("stop")) { out.stop = parseInt(p.get("stop"), 10) || 0; }
    return out;
  }

  // ---- requests ---------------------------------------------------------------------------

  function setBusy(d) {
    S.busy += d;
    show($("#busy"), S.busy > 0);
    document.body.setAttribute("data-busy", S.busy > 0 ? "1" : "0");
  }
  function api(method, path, body) {
    var opts = { method: method, headers: {} };
    if (body !== undefined) {
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(body);
    }
    return fetch(path, opts).then(function (r) {
      return r.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
        return { status: r.status, ok: r.ok, json: json, text: text };
      });
    });
  }

  function notice(text, kind) {
    var n = $("#notice");
    n.textContent = text || "";
    n.className = "notice" + (kind ? " " + kind : "");
    show(n, !!text);
  }

  // Every step-view change goes through here, one after another (a key held down queues).
  // body[data-busy] is "1" from the moment an action is asked for until its view is shown.
  function enqueue(fn) {
    setBusy(1);
    S.chain = S.chain.then(fn).catch(function (e) {
      showError("the page could not reach gilvm web: " + (e && e.message ? e.message : e));
    }).then(function () { setBusy(-1); });
    return S.chain;
  }

  function goTo(position, push) {
    return enqueue(function () { return fetchView(position, push); });
  }

  function fetchView(position, push) {
    if (!S.live) { return Promise.resolve(); }
    var replay = position.replay === undefined ? null : position.replay;
    var body = { regime: position.regime, replay: replay, actions: position.actions.slice() };
    return api("POST", "/api/step", body).then(function (r) {
      if (!r.json || (!r.ok && !r.json.position)) {
        showError((r.json && r.json.error) || ("the server answered " + r.status + (r.text ? ": " + r.text : "")));
        return;
      }
      var v = r.json;
      S.position = {
        regime: (v.position && v.position.regime) || position.regime,
        replay: v.position ? (v.position.replay === undefined ? null : v.position.replay) : position.replay,
        actions: v.position && v.position.actions ? v.position.actions.slice() : []
      };
      render(v);
      writeHash(push);
    });
  }

  function act(action) {
    notice(null);
    if (!S.live) { return offlineAct(action); }
    if (S.editing) { return; }
    return enqueue(function () {
      var pos = { regime: S.position.regime, replay: S.position.replay, actions: S.position.actions.concat([action]) };
      return fetchView(pos, false);
    });
  }
  function back() {
    notice(null);
    if (!S.live) { return offlineGo(S.stopIndex - 1); }
    return enqueue(function () {
      if (!S.position.actions.length) { return; }
      var pos = { regime: S.position.regime, replay: S.position.replay, actions: S.position.actions.slice(0, -1) };
      return fetchView(pos, false);
    });
  }
  function reset() {
    notice(null);
    if (!S.live) { return offlineGo(0); }
    return enqueue(function () {
      return fetchView({ regime: S.position.regime, replay: S.position.replay, actions: [] }, false);
    });
  }

  // ---- export (offline): walk the recorded views ----------------------------------------------

  function offlineGo(i) {
    var views = S.data.views || [];
    if (!views.length) { return; }
    i = Math.max(0, Math.min(views.length - 1, i));
    S.stopIndex = i;
    render(views[i]);
    writeHash(false);
  }
  function offlineAct(action) {
    var views = S.data.views || [];
    var cur = S.view;
    var i = S.stopIndex;
    if (action === "s") { return offlineGo(i + 1); }
    if (action === "end") { return offlineGo(views.length - 1); }
    if (action === "lost") {
      var seen = cur ? cur.findings.length : 0;
      for (var j = i + 1; j < views.length; j++) {
        if (views[j].findings.length > seen) { return offlineGo(j); }
      }
      return offlineMiss("no lost update or stale check after this stop in the recorded run");
    }
    var m = /^line (\d+)$/.exec(action);
    if (m) {
      var line = Number(m[1]);
      for (var k = i + 1; k < views.length; k++) {
        var rt = threadById(views[k], views[k].running);
        if (rt && rt.line === line && (!views[k - 1] || !sameLine(views[k - 1], rt.id, line))) { return offlineGo(k); }
      }
      return offlineMiss("the recorded run does not reach line " + line + " after this stop");
    }
    return offlineMiss("a recorded run: its steps are fixed (choosing a thread needs the live server, gilvm web FILE)");
  }
  function sameLine(view, id, line) {
    var t = threadById(view, id);
    return !!t && t.line === line && String(view.running) === String(id);
  }
  function offlineMiss(text) {
    showError(text);
  }

  // ---- rendering the step view --------------------------------------------------------------

  function showError(text) {
    var e = $("#error");
    e.textContent = text ? "⚠ " + text : "";
    show(e, !!text);
  }

  function regimeOf(view) {
    return (view && view.position && view.position.regime) || S.position.regime;
  }

  function render(v) {
    S.view = v;
    var regime = regimeOf(v);
    var gil = regime !== "free";
    if ($("#regime").value !== regime) { $("#regime").value = regime; }
    if (!S.pinned || S.selected === null || !threadById(v, S.selected)) {
      S.pinned = false;
      S.selected = v.running !== null && v.running !== undefined ? v.running : (v.threads[0] ? v.threads[0].id : null);
    }

    // counter
    var counter = "stop " + v.stop + " · " + v.steps + " steps";
    if (!S.live) { counter = "stop " + v.stop + " of " + Math.max(0, (S.data.views || []).length - 1) + " · " + v.steps + " steps"; }
    if (v.finished) { counter += " · ended"; }
    $("#stop-counter").textContent = counter;

    // why / error
    var why = v.why;
    var running = threadById(v, v.running);
    if (!why && v.stop === 0 && (!S.live || !v.position.actions.length)) { why = "the start: the first instruction"; }
    var whyEl = $("#why");
    clear(whyEl);
    if (running && !v.finished) {
      whyEl.appendChild(el("span", { class: "who", style: "--c:" + colour(running.id) }, [threadLabel(running)]));
      whyEl.appendChild(document.createTextNode(" · line " + running.line + " · " + running.func + (gil ? " · holds the GIL" : "")));
      var next = nextInstruction(v, running);
      if (next) { whyEl.appendChild(el("span", { class: "next", title: "its next instruction" }, [" → ", el("code", { text: next })])); }
      if (why) { whyEl.appendChild(document.createTextNode(" — ")); }
    }
    whyEl.appendChild(el("b", { text: why || "" }));
    whyEl.classList.toggle("finding-why", v.findings.length > 0 && v.findings[v.findings.length - 1].stop === v.stop);
    showError(v.error || null);

    // replay
    var rn = $("#replay-note");
    if (v.replay_left > 0) {
      rn.textContent = "This run follows a recorded schedule: " + v.replay_left + " hand-off" + (v.replay_left === 1 ? "" : "s") +
        " to come (" + (v.position.replay || "") + ")." + (S.live ? " Take over to choose who runs from here." : "");
      show(rn, true);
    } else if (v.position.replay !== null && v.position.replay !== undefined) {
      rn.textContent = "Started from a recorded schedule (" + (v.position.replay || "none: each thread runs until it blocks or ends") +
        "); its hand-offs are all made" + (S.live ? ": you choose who runs." : ".");
      show(rn, true);
    } else { show(rn, false); }
    var take = $("#take");
    show(take, S.live && v.replay_left > 0);
    take.disabled = !S.live || v.replay_left === 0;

    // toolbar
    var ended = !!v.finished;
    setDisabled($("#step"), ended ? "the program has ended: step back, or reset" : null);
    setDisabled($("#lost"), ended ? "the program has ended: step back, or reset" : null);
    setDisabled($("#end"), ended ? "the program has ended" : null);
    if (S.live) {
      setDisabled($("#back"), v.position.actions.length ? null : "nothing to step back: this is the start");
      setDisabled($("#reset"), v.position.actions.length ? null : "already at the start");
    } else {
      setDisabled($("#back"), S.stopIndex > 0 ? null : "nothing to step back: this is the start");
      setDisabled($("#reset"), S.stopIndex > 0 ? null : "already at the start");
      if (S.stopIndex >= (S.data.views || []).length - 1) {
        setDisabled($("#step"), "the recorded run ends here");
        setDisabled($("#end"), "the recorded run ends here");
      }
    }

    renderSource(v);
    renderThreads(v, gil);
    renderDetail(v);
    renderGlobals(v);
    renderObjects(v);
    renderBytecode(v);
    renderFindings(v);
    var out = $("#output");
    if (out.textContent !== (v.output || "")) {
      out.textContent = v.output || "";
      out.scrollTop = out.scrollHeight;
    }
    var ex = $("#exit");
    if (v.exit) {
      ex.textContent = "exit status " + v.exit.status + (v.exit.stderr ? "\n" + v.exit.stderr : "");
      ex.classList.toggle("bad", v.exit.status !== 0);
      show(ex, true);
    } else { show(ex, false); }
    $("#schedule").textContent = v.schedule || "(no hand-offs yet)";
    document.body.setAttribute("data-ready", "1");
  }

  function nextInstruction(v, t) {
    var c = t.code === null || t.code === undefined ? null : v.codes[t.code];
    var ins = c && c.instructions[t.ip];
    return ins ? ins.offset + " " + ins.text.replace(/\s{2,}/g, " ") : null;
  }

  function setDisabled(b, why) {
    b.disabled = !!why;
    if (why) { b.setAttribute("data-why", why); b.title = why; }
    else {
      b.removeAttribute("data-why");
      if (b.getAttribute("data-title")) { b.title = b.getAttribute("data-title"); }
    }
  }

  function sourceText() {
    return (S.program && S.program.source) || "";
  }

  function renderSource(v) {
    var box = $("#source");
    var text = sourceText();
    if (S.sourceKey !== text) {
      S.sourceKey = text;
      clear(box);
      var lines = text.replace(/\n$/, "").split("\n");
      lines.forEach(function (line, i) {
        var n = i + 1;
        box.appendChild(el("div", { class: "line", "data-line": String(n), title: "click: run until line " + n }, [
          el("span", { class: "ln", text: String(n) }),
          el("span", { class: "marks" }),
          el("code", { class: "src", text: line.length ? line : " " })
        ]));
      });
    }
    $all(".line.current, .line.finding, .line.has-thread", box).forEach(function (l) {
      l.classList.remove("current", "finding", "has-thread");
      l.style.removeProperty("--c");
      l.removeAttribute("data-finding");
    });
    $all(".marks", box).forEach(function (m) { clear(m); });
    v.findings.forEach(function (f) {
      var l = box.querySelector('.line[data-line="' + f.line + '"]');
      if (l) {
        l.classList.add("finding");
        l.setAttribute("data-finding", f.text);
      }
    });
    var first = null;
    v.threads.forEach(function (t) {
      if (t.code === null || t.code === undefined || t.state === "finished" || t.state === "not started" || !t.line) { return; }
      var l = box.querySelector('.line[data-line="' + t.line + '"]');
      if (!l) { return; }
      l.classList.add("has-thread");
      var isRunning = String(t.id) === String(v.running) && !v.finished;
      l.querySelector(".marks").appendChild(el("span", {
        class: "tmark" + (isRunning ? " running" : ""), "data-thread": String(t.id),
        style: "--c:" + colour(t.id), title: threadLabel(t) + ": " + t.state, text: String(t.id)
      }));
      if (isRunning) {
        l.classList.add("current");
        l.style.setProperty("--c", colour(t.id));
        first = l;
      }
    });
    if (first) { scrollInto(box, first); }
  }

  // Scrolls a panel (not the page) so that a row is visible.
  function scrollInto(box, row) {
    if (box.hidden || !box.clientHeight) { return; }
    var b = box.getBoundingClientRect();
    var r = row.getBoundingClientRect();
    var top = r.top - b.top + box.scrollTop;
    if (top < box.scrollTop + 8 || top + r.height > box.scrollTop + box.clientHeight - 8) {
      box.scrollTop = Math.max(0, top - box.clientHeight / 3);
    }
  }

  function laneState(t, v, gil) {
    var isRunning = String(t.id) === String(v.running) && !v.finished;
    // The stepper's words (gilvm step's "threads:" line), the GIL's holder said as such.
    if (isRunning) { return gil ? "running · holds the GIL" : "running (free-threaded: no GIL)"; }
    if (t.state === "ready") { return "ready (free-threaded: no GIL)"; }
    return t.state;
  }
  function stateClass(s) {
    if (s.indexOf("blocked") === 0 || s === "sleeping") { return "blocked"; }
    if (s === "waiting for the GIL" || s === "ready") { return "waiting"; }
    if (s === "finished") { return "finished"; }
    if (s === "not started") { return "not-started"; }
    return "running";
  }

  // Why a hand-off to thread t cannot be made now (null: it can). Mirrors the server's check.
  function cannotHand(t, v, gil) {
    if (!S.live) { return "a recorded run: its steps are fixed (choosing a thread needs the live server)"; }
    if (v.finished) { return "the program has ended: step back, or reset"; }
    if (String(t.id) === String(v.running)) { return null; }
    if (v.replay_left > 0) {
      return "this run follows a recorded schedule (" + v.replay_left + " hand-off" + (v.replay_left === 1 ? "" : "s") +
        " to come): take over to choose who runs";
    }
    if (t.cannot_take) { return t.cannot_take; }
    var r = threadById(v, v.running);
    if (regimeOf(v) === "gil" && r && !r.at_switch_point) {
      return "thread " + r.id + " holds the GIL, and CPython 3.10+ lets it go only at a switch point (a call or a backward jump): " +
        "run it to its next switch point first, or choose 'GIL before 3.10'";
    }
    return null;
  }

  function renderThreads(v, gil) {
    var box = clear($("#threads"));
    // A reason that holds for every other thread (the GIL's switch points, a schedule being
    // followed, a recorded run) is said once, above the lanes; a thread's own, in its lane.
    var common = null;
    var lw = $("#lanes-why");
    if (v.threads.length > 1) {
      var others = v.threads.filter(function (t) { return String(t.id) !== String(v.running) && t.state !== "finished"; });
      var rs = others.map(function (t) { return cannotHand(t, v, gil); });
      if (rs.length && rs[0] && !others[0].cannot_take && rs.every(function (r) { return r === rs[0]; })) { common = rs[0]; }
    }
    lw.textContent = common && S.live && !v.finished ? common : "";
    show(lw, !!lw.textContent);
    $("#gil-note").textContent = gil ? (regimeOf(v) === "gil" ? "one GIL; switches at switch points only" : "one GIL; a switch may fall before any instruction")
      : "no GIL: threads interleave at any instruction";
    v.threads.forEach(function (t) {
      var isRunning = String(t.id) === String(v.running) && !v.finished;
      var why = cannotHand(t, v, gil);
      var stepWhy = why;
      if (isRunning && S.live && !v.finished) { stepWhy = null; }
      var giveWhy = why;
      if (isRunning) { giveWhy = gil ? threadLabel(t) + " already holds the GIL" : threadLabel(t) + " is already the one running"; }
      var spWhy = why;
      var lane = el("div", {
        class: "lane state-" + stateClass(t.state) + (isRunning ? " is-running" : "") + (String(t.id) === String(S.selected) ? " selected" : ""),
        "data-thread": String(t.id), "data-state": t.state, "data-running": isRunning ? "1" : null,
        "data-selected": String(t.id) === String(S.selected) ? "1" : null,
        style: "--c:" + colour(t.id),
        title: "click: show this thread's frames, stack and locals",
        onclick: function (e) {
          if (e.target.closest("button")) { return; }
          S.selected = t.id;
          S.pinned = String(t.id) !== String(S.view.running);
          renderThreads(S.view, regimeOf(S.view) !== "free");
          renderDetail(S.view);
        }
      }, [
        el("span", { class: "swatch" }),
        el("span", { class: "tid", text: "[" + t.id + "]" }),
        el("span", { class: "tname", text: t.name }),
        gil && isRunning ? el("span", { class: "gil-badge", text: "GIL", title: "holds the GIL" }) : null,
        el("span", { class: "state", text: laneState(t, v, gil) }),
        el("span", { class: "where", text: t.code === null || t.code === undefined ? "" : "line " + t.line + " · " + t.func +
          (t.at_switch_point && t.state !== "finished" ? " · at a switch point" : "") }),
        el("span", { class: "lane-buttons" }, [
          button("step", "step-thread", stepWhy, "one instruction of thread " + t.id + (isRunning ? "" : " (handed the GIL first)") + " (key " + t.id + ")", function () { act("s " + t.id); }),
          button(gil ? "hand GIL" : "switch to", "give", giveWhy, (gil ? "hand the GIL to thread " : "let thread ") + t.id + (gil ? "" : " run") + "; no instruction runs (shift+" + t.id + ")", function () { act("t " + t.id); }),
          button("to switch point", "to-sp", spWhy, "run thread " + t.id + " to its next switch point", function () { act("sp " + t.id); })
        ]),
        why && why !== common && !isRunning && S.live && !v.finished && t.state !== "finished" ? el("span", { class: "why-not", text: why }) : null
      ]);
      box.appendChild(lane);
    });
  }

  function button(label, cls, why, title, fn) {
    var b = el("button", { class: cls, title: why || title, "data-title": title, onclick: fn, text: label });
    setDisabled(b, why);
    return b;
  }

  function renderDetail(v) {
    var t = threadById(v, S.selected);
    var title = $("#detail-title");
    clear(title);
    var frames = clear($("#frames"));
    if (!t) { $("#stack").textContent = ""; $("#locals").textContent = ""; return; }
    title.appendChild(el("span", { class: "who", style: "--c:" + colour(t.id), text: threadLabel(t) }));
    $("#thread-detail").style.setProperty("--c", colour(t.id));
    if (!t.frames.length) { frames.appendChild(el("li", { class: "muted", text: t.state === "not started" ? "not started" : "—" })); }
    t.frames.forEach(function (f) {
      frames.appendChild(el("li", { text: f.func + " · line " + f.line }));
    });
    $("#stack").textContent = t.code === null || t.code === undefined ? "—" : "[" + t.stack.join(", ") + "]";
    var atModule = t.frames.length && t.frames[t.frames.length - 1].func === "<module>";
    $("#locals").textContent = t.locals.length ? t.locals.map(function (p) { return p[0] + "=" + p[1]; }).join(", ")
      : (atModule ? "(module level: see globals)" : "—");
  }

  function renderGlobals(v) {
    var tb = clear($("#globals"));
    if (!v.globals.length) { tb.appendChild(el("tr", {}, [el("td", { class: "muted", text: "—" })])); }
    var prev = S.prevGlobals || {};
    var now = {};
    v.globals.forEach(function (g) {
      now[g[0]] = g[1];
      var changed = Object.prototype.hasOwnProperty.call(prev, g[0]) && prev[g[0]] !== g[1];
      tb.appendChild(el("tr", { "data-name": g[0], class: changed ? "changed" : null }, [
        el("td", { class: "k", text: g[0] }), el("td", { class: "v mono", text: g[1] })
      ]));
    });
    S.prevGlobals = now;
  }

  function renderObjects(v) {
    var box = clear($("#objects"));
    if (!v.objects.length) { box.appendChild(el("div", { class: "muted", text: "— (instances of the program's classes show here)" })); }
    v.objects.forEach(function (o) {
      box.appendChild(el("div", { class: "object", "data-name": o.name }, [
        el("div", { class: "oh" }, [el("span", { class: "oname", text: o.name }), " : ", el("span", { class: "oclass", text: o.class })]),
        el("table", { class: "vars" }, o.attrs.map(function (a) {
          return el("tr", { "data-attr": a[0] }, [el("td", { class: "k", text: "." + a[0] }), el("td", { class: "v mono", text: a[1] })]);
        }))
      ]));
    });
  }

  function renderBytecode(v) {
    var box = $("#bytecode");
    // An export's views name their listings (code_ids); a live view's are compared whole.
    var key = v.code_ids ? "ids:" + v.code_ids.join(",") : JSON.stringify(v.codes);
    if (S.codesKey !== key) {
      S.codesKey = key;
      clear(box);
      v.codes.forEach(function (c, ci) {
        var inWin = {};
        var winStart = {};
        (c.windows || []).forEach(function (w) {
          for (var i = w.load; i <= w.store; i++) { inWin[i] = (inWin[i] || []).concat([w.name]); }
          winStart[w.load] = (winStart[w.load] || []).concat([w]);
        });
        var rows = c.instructions.map(function (ins, i) {
          var cls = "instr" + (ins.switch ? " switch" : "") + (ins.call ? " call" : "") + (inWin[i] ? " win" : "");
          var mark = (ins.switch ? "*" : "") + (ins.call ? "c" : "");
          var note = (winStart[i] || []).map(function (w) {
            return "window on " + w.name + " (stored at " + c.instructions[w.store].offset + ")";
          }).join("; ");
          return el("tr", { class: cls, "data-index": String(i), "data-line": String(ins.line),
            title: inWin[i] ? "read–modify–write window on " + inWin[i].join(", ") + ": a switch here can lose an update" : null }, [
            el("td", { class: "ips" }),
            el("td", { class: "mk", text: mark, title: ins.switch ? "switch point: the GIL may change hands before it" : (ins.call ? "a call: a switch may fall inside it" : null) }),
            el("td", { class: "off", text: String(ins.offset) }),
            el("td", { class: "iln", text: String(ins.line) }),
            el("td", { class: "itext" }, [ins.text.replace(/\s{2,}/g, " "), note ? el("span", { class: "win-note", text: "  ← " + note }) : null])
          ]);
        });
        box.appendChild(el("div", { class: "code", "data-code": String(ci) }, [
          el("div", { class: "code-head" }, [el("b", { text: c.name }), " · line " + c.first_line, el("span", { class: "code-threads" })]),
          el("div", { class: "code-body" }, [el("table", { class: "instrs" }, rows)])
        ]));
      });
    }
    $all(".ip", box).forEach(function (e) { e.parentNode.removeChild(e); });
    $all(".instr.at", box).forEach(function (e) { e.classList.remove("at", "at-running"); e.style.removeProperty("--c"); });
    $all(".code-threads", box).forEach(function (e) { clear(e); });
    $all(".code", box).forEach(function (e) { e.classList.remove("has-running"); });
    var order = v.threads.slice().sort(function (a, b) {
      return (String(b.id) === String(v.running)) - (String(a.id) === String(v.running));
    });
    order.forEach(function (t) {
      if (t.code === null || t.code === undefined || t.state === "finished") { return; }
      var code = box.querySelector('.code[data-code="' + t.code + '"]');
      if (!code) { return; }
      code.querySelector(".code-threads").appendChild(el("span", { class: "tmark", style: "--c:" + colour(t.id), text: String(t.id), title: threadLabel(t) }));
      var row = code.querySelector('.instr[data-index="' + t.ip + '"]');
      if (!row) { return; }
      var isRunning = String(t.id) === String(v.running) && !v.finished;
      row.classList.add("at");
      if (isRunning) {
        row.classList.add("at-running");
        row.style.setProperty("--c", colour(t.id));
        code.classList.add("has-running");
      }
      row.querySelector(".ips").appendChild(el("span", {
        class: "ip" + (isRunning ? " running" : ""), "data-thread": String(t.id), style: "--c:" + colour(t.id),
        text: "→" + t.id, title: threadLabel(t) + "'s next instruction"
      }));
    });
    $all(".code", box).forEach(function (code) {
      var row = code.querySelector(".instr.at-running") || code.querySelector(".instr.at");
      if (row) { scrollInto(code.querySelector(".code-body"), row); }
    });
  }

  function renderFindings(v) {
    var box = clear($("#findings"));
    if (!v.findings.length) {
      box.appendChild(el("li", { class: "muted none", text: "none so far: a lost update or a stale check shows here, where it happens" }));
      return;
    }
    var freshRow = null;
    v.findings.forEach(function (f) {
      var fresh = f.stop === v.stop;
      box.appendChild(el("li", {
        class: "finding" + (fresh ? " fresh" : ""), "data-stop": String(f.stop), "data-line": String(f.line),
        "data-thread": String(f.thread), style: "--c:" + colour(f.thread),
        title: "click: show line " + f.line,
        onclick: function () {
          var l = $('#source .line[data-line="' + f.line + '"]');
          if (l) { scrollInto($("#source"), l); l.classList.add("flash"); setTimeout(function () { l.classList.remove("flash"); }, 900); }
        }
      }, [
        el("span", { class: "fwhere" }, ["stop " + f.stop + " · ", el("span", { class: "who", style: "--c:" + colour(f.thread), text: threadName(v, f.thread) }), " · line " + f.line]),
        el("div", { class: "ftext", text: f.text })
      ]));
      if (fresh) { freshRow = box.lastChild; }
    });
    if (freshRow) { scrollInto(box, freshRow); }
  }

  // ---- editing ----------------------------------------------------------------------------

  function setupEditing() {
    var editable = S.live && S.program && S.program.editable;
    show($("#edit"), !!editable);
    var ro = $("#readonly-note");
    if (!S.live) {
      ro.textContent = "a recorded run: no editing";
      show(ro, true);
    } else if (!editable) {
      ro.textContent = "read-only (start gilvm web with --allow-edit to edit)";
      show(ro, true);
    } else { show(ro, false); }
  }
  function startEdit() {
    S.editing = true;
    var ed = $("#editor");
    ed.value = sourceText();
    show(ed, true);
    show($("#source"), false);
    show($("#run-source"), true);
    show($("#cancel-edit"), true);
    show($("#edit"), false);
    show($("#syntax-error"), false);
    ed.focus();
  }
  function stopEdit() {
    S.editing = false;
    show($("#editor"), false);
    show($("#source"), true);
    show($("#run-source"), false);
    show($("#cancel-edit"), false);
    show($("#edit"), true);
    show($("#syntax-error"), false);
  }
  function runSource() {
    var text = $("#editor").value;
    return enqueue(function () {
      return api("POST", "/api/source", { source: text }).then(function (r) {
        var se = $("#syntax-error");
        if (r.status === 422 || !r.ok) {
          se.textContent = (r.json && r.json.error) || r.text || ("the server answered " + r.status);
          show(se, true);
          return;
        }
        show(se, false);
        return api("GET", "/api/program").then(function (p) {
          if (p.json) { S.program = p.json; }
          else { S.program.source = text; }
          stopEdit();
          notice("The program was replaced: the step view starts again from the beginning.", "info");
          return fetchView({ regime: S.position.regime, replay: null, actions: [] }, true);
        });
      });
    });
  }

  // ---- tabs -------------------------------------------------------------------------------

  function selectTab(tab, push) {
    if (["step", "race", "explore", "timeline"].indexOf(tab) < 0) { tab = "step"; }
    if (tab !== S.tab) { notice(null); }
    S.tab = tab;
    $all(".tab").forEach(function (b) { b.setAttribute("aria-selected", b.getAttribute("data-tab") === tab ? "true" : "false"); });
    $all(".view").forEach(function (v) { show(v, v.getAttribute("data-view") === tab); });
    document.body.setAttribute("data-tab", tab);
    writeHash(push);
    if (tab === "timeline" && S.timeline) { drawTimeline(); }
  }

  // ---- race -------------------------------------------------------------------------------

  function raceStart() {
    if (!S.live) { return; }
    raceStop();
    var runs = Math.max(1, parseInt($("#race-runs").value, 10) || 200);
    var seed = Math.max(0, parseInt($("#race-seed").value, 10) || 0);
    var regime = S.position.regime;
    S.raceRegime = regime;
    S.race = { groups: {}, order: [], runs: runs, done: 0, final: null };
    renderRace();
    $("#race-progress").textContent = "0 of " + runs + " runs · " + REGIME_WORDS[regime];
    show($("#race-stop"), true);
    $("#race-run").disabled = true;
    var url = "/api/race?regime=" + encodeURIComponent(regime) + "&runs=" + runs + "&seed=" + seed;
    var es = new EventSource(url);
    S.raceSource = es;
    es.addEventListener("run", function (e) {
      var r;
      try { r = JSON.parse(e.data); } catch (x) { return; }
      var key = r.key === undefined ? JSON.stringify(r.outcome) : String(r.key);
      var g = S.race.groups[key];
      if (!g) {
        g = S.race.groups[key] = { key: key, stdout: outcomeText(r.outcome), kind: outcomeKind(r.outcome), count: 0, seeds: [], schedule: null };
        S.race.order.push(key);
      }
      g.count += 1;
      g.seeds.push(r.seed);
      S.race.done += 1;
      $("#race-progress").textContent = S.race.done + " of " + S.race.runs + " runs · " + REGIME_WORDS[regime];
      scheduleRaceRender();
    });
    es.addEventListener("done", function (e) {
      var d;
      try { d = JSON.parse(e.data); } catch (x) { d = null; }
      raceStop();
      if (d) { raceFinal(d, regime); }
    });
    es.addEventListener("error", function (e) {
      // The server sends an `error` event with data for a run it could not make; a dropped
      // connection is an event without data.
      var msg = e && e.data ? e.data : null;
      if (S.race && !S.race.final) {
        raceStop();
        $("#race-progress").textContent = (msg ? "the race failed: " + msg : "the race stopped: the connection to gilvm web was lost") +
          " (" + (S.race ? S.race.done : 0) + " runs)";
      }
    });
  }
  function raceStop() {
    if (S.raceSource) { S.raceSource.close(); S.raceSource = null; }
    show($("#race-stop"), false);
    $("#race-run").disabled = !S.live;
  }
  function raceFinal(d, regime) {
    S.raceRegime = regime || S.raceRegime;
    S.race = S.race || { groups: {}, order: [], runs: d.runs, done: d.runs };
    S.race.final = d;
    S.race.runs = d.runs;
    S.race.done = d.runs;
    $("#race-progress").textContent = d.runs + " runs in " + fmtSeconds(d.seconds) + " · " + (d.groups || []).length +
      " distinct outcome" + ((d.groups || []).length === 1 ? "" : "s") + " · " + (REGIME_WORDS[S.raceRegime] || S.raceRegime || "");
    renderRace();
  }
  function outcomeText(o) {
    if (o === null || o === undefined) { return ""; }
    if (typeof o === "string") { return o; }
    if (typeof o.stdout === "string") { return o.stdout; }
    return JSON.stringify(o);
  }
  function outcomeKind(o) {
    return o && typeof o === "object" && o.kind ? o.kind : "";
  }
  function fmtSeconds(s) {
    if (typeof s !== "number") { return "?"; }
    return s < 1 ? Math.round(s * 1000) + " ms" : s.toFixed(2) + " s";
  }
  var raceTimer = null;
  function scheduleRaceRender() {
    if (raceTimer) { return; }
    raceTimer = requestAnimationFrame(function () { raceTimer = null; renderRace(); });
  }
  function renderRace() {
    var box = clear($("#race-hist"));
    var r = S.race;
    if (!r) {
      box.appendChild(el("p", { class: "muted", text: S.live ? "Run the race to see how often each outcome comes up." : "The race was not recorded in this export." }));
      return;
    }
    var groups = r.final ? r.final.groups.slice() : r.order.map(function (k) { return r.groups[k]; });
    groups.sort(function (a, b) { return b.count - a.count; });
    var total = r.final ? r.final.runs : Math.max(1, r.done);
    groups.forEach(function (g) {
      var pct = total ? (100 * g.count / total) : 0;
      var canOpen = S.live && !!r.final && g.schedule !== null && g.schedule !== undefined;
      var openWhy = !S.live ? "a recorded export cannot replay other schedules: needs the live server (gilvm web FILE)" :
        (!r.final ? "wait for the runs to end" : "replay this outcome's schedule in the step view" + (g.seeds && g.seeds.length ? " (seed " + g.seeds[0] + ")" : ""));
      box.appendChild(el("div", { class: "race-bar kind-" + (g.kind || "ok"), "data-key": String(g.key), "data-count": String(g.count) }, [
        el("div", { class: "bar-label" }, [
          el("span", { class: "count", text: g.count + " run" + (g.count === 1 ? "" : "s") + " (" + pct.toFixed(pct < 10 ? 1 : 0) + "%)" }),
          g.kind && g.kind !== "ok" ? el("span", { class: "kind", text: g.kind }) : null,
          el("button", {
            class: "open", disabled: !canOpen,
            title: openWhy,
            onclick: function () { openInStep(S.raceRegime, g.schedule); }, text: "open in step view"
          })
        ]),
        el("div", { class: "bar-track" }, [el("div", { class: "bar", style: "width:" + Math.max(0.5, pct) + "%" })]),
        el("pre", { class: "bar-out", text: (g.stdout || "(no output)") + (g.stderr ? "\n" + g.stderr : "") })
      ]));
    });
  }

  function openInStep(regime, schedule) {
    if (!S.live) {
      notice("A recorded export cannot replay other schedules: run gilvm web FILE for that.", "warn");
      return;
    }
    S.selected = null;
    selectTab("step", true);
    notice("Opened a recorded schedule (" + (schedule || "none: each thread runs until it blocks or ends") + ") in the step view, " +
      REGIME_WORDS[regime] + ". Step through it; take over to choose who runs.", "info");
    goTo({ regime: regime, replay: schedule === undefined ? null : schedule, actions: [] }, true);
  }

  // ---- explore ----------------------------------------------------------------------------

  function exploreRun() {
    if (!S.live) { return; }
    var expect = $("#explore-expect").value.split("\n").map(function (s) { return s.replace(/\s+$/, ""); }).filter(function (s) { return s.length; });
    var max = Math.max(1, parseInt($("#explore-max").value, 10) || 20000);
    var regime = S.position.regime;
    S.exploreRegime = regime;
    $("#explore-run").disabled = true;
    $("#explore-progress").textContent = "exploring every schedule (" + REGIME_WORDS[regime] + ")…";
    setBusy(1);
    api("POST", "/api/explore", { regime: regime, expect: expect, max_schedules: max }).then(function (r) {
      setBusy(-1);
      $("#explore-run").disabled = false;
      if (!r.ok || !r.json) {
        $("#explore-progress").textContent = "explore failed: " + ((r.json && r.json.error) || r.text || r.status);
        return;
      }
      $("#explore-progress").textContent = "";
      renderExplore(r.json, expect.length > 0);
    }, function (e) {
      setBusy(-1);
      $("#explore-run").disabled = false;
      $("#explore-progress").textContent = "the page could not reach gilvm web: " + e;
    });
  }
  function renderExplore(d, haveExpect) {
    $("#explore-summary").textContent = (d.summary || "") + (d.summary ? "" : d.schedules + " schedules in " + fmtSeconds(d.seconds) +
      (d.complete ? ": complete" : ": cut (more schedules exist)"));
    var tb = clear($("#explore-table"));
    tb.appendChild(el("tr", {}, ["#", "output", "kind", "schedules", "verdict", "shortest schedule", ""].map(function (h) { return el("th", { text: h }); })));
    (d.outcomes || []).forEach(function (o, i) {
      var exp = o.expected;
      var marked = exp === true || exp === false;
      var verdict = marked ? (exp ? "✓ expected" : "✗ forbidden") : (haveExpect ? "?" : "—");
      tb.appendChild(el("tr", { class: "outcome" + (marked ? (exp ? " expected" : " forbidden") : ""), "data-expected": marked ? String(exp) : null }, [
        el("td", { text: String(i + 1) }),
        el("td", {}, [el("pre", { class: "out", text: (o.stdout || "(no output)") + (o.kind && o.kind !== "ok" && o.stderr ? "\n" + o.stderr.replace(/\s+$/, "").split("\n").pop() : "") })]),
        el("td", { text: o.kind || "" }),
        el("td", { text: String(o.count) }),
        el("td", { class: "verdict", text: verdict }),
        el("td", {}, [el("code", { class: "sched", text: o.schedule || "(none: each thread runs until it blocks or ends)" })]),
        el("td", {}, [el("button", { class: "open", disabled: !S.live, title: S.live ? "replay this schedule in the step view" : "needs the live server",
          onclick: function () { openInStep(S.exploreRegime, o.schedule); }, text: "open in step view" })])
      ]));
    });
  }

  // ---- timeline ---------------------------------------------------------------------------

  function timelineRun() {
    if (!S.live) { return; }
    var us = Math.max(1, parseInt($("#switch-interval").value, 10) || 5000);
    var regime = S.position.regime;
    $("#timeline-run").disabled = true;
    $("#timeline-info").textContent = "running (timed, " + REGIME_WORDS[regime] + ", switch interval " + us + " µs)…";
    setBusy(1);
    api("POST", "/api/timeline", { regime: regime, switch_interval_us: us }).then(function (r) {
      setBusy(-1);
      $("#timeline-run").disabled = false;
      if (!r.ok || !r.json) {
        $("#timeline-info").textContent = "the timed run failed: " + ((r.json && r.json.error) || r.text || r.status);
        return;
      }
      S.timeline = r.json;
      S.timeline.regime = regime;
      S.timeline.interval = us;
      S.zoom = 1;
      drawTimeline();
    }, function (e) {
      setBusy(-1);
      $("#timeline-run").disabled = false;
      $("#timeline-info").textContent = "the page could not reach gilvm web: " + e;
    });
  }

  function fmtNs(ns) {
    if (ns >= 1e9) { return (ns / 1e9).toFixed(3) + " s"; }
    if (ns >= 1e6) { return (ns / 1e6).toFixed(3) + " ms"; }
    if (ns >= 1e3) { return (ns / 1e3).toFixed(1) + " µs"; }
    return Math.round(ns) + " ns";
  }

  function drawTimeline() {
    var box = $("#timeline");
    var d = S.timeline;
    clear(box);
    if (!d) {
      box.appendChild(el("p", { class: "muted", text: S.live ? "Run the program timed to see who holds the GIL when." : "No timed run was recorded in this export." }));
      return;
    }
    var dur = Math.max(1, d.duration_ns || 1);
    var names = {};
    (d.threads || []).forEach(function (t) { names[t.id] = "[" + t.id + "] " + t.name; });
    $("#timeline-info").textContent = fmtNs(dur) + " · " + (d.handoffs || []).length + " hand-offs · zoom ×" + S.zoom.toFixed(S.zoom < 10 ? 1 : 0) +
      (d.regime ? " · " + (REGIME_WORDS[d.regime] || d.regime) : "") + (d.interval ? " · interval " + d.interval + " µs" : "") +
      (d.exit_status !== undefined && d.exit_status !== null ? " · exit status " + d.exit_status : "");
    var heads = el("div", { class: "tl-heads" });
    var scroll = el("div", { class: "tl-scroll" });
    var inner = el("div", { class: "tl-inner", style: "width:" + (100 * S.zoom) + "%" });
    scroll.appendChild(inner);
    // the axis
    var axis = el("div", { class: "tl-axis" });
    // About one tick per 130 px of the zoomed lanes.
    var px = Math.max(200, (box.clientWidth || 1000) - 200) * S.zoom;
    var ticks = Math.max(2, Math.min(400, Math.floor(px / 130)));
    for (var i = 0; i <= ticks; i++) {
      axis.appendChild(el("span", { class: "tl-tick", style: "left:" + (100 * i / ticks) + "%", text: fmtNs(dur * i / ticks) }));
    }
    heads.appendChild(el("div", { class: "tl-head tl-axis-head", text: "" }));
    inner.appendChild(axis);
    var lanes = {};
    (d.threads || []).forEach(function (t) {
      heads.appendChild(el("div", { class: "tl-head", style: "--c:" + colour(t.id), title: names[t.id] }, [el("span", { class: "swatch" }), names[t.id]]));
      var lane = el("div", { class: "tl-lane", "data-thread": String(t.id), style: "--c:" + colour(t.id) });
      lanes[t.id] = lane;
      inner.appendChild(lane);
    });
    var frag = {};
    (d.spans || []).forEach(function (s) {
      var lane = lanes[s.thread];
      if (!lane) { return; }
      var left = 100 * s.start_ns / dur;
      var width = Math.max(0, 100 * (s.end_ns - s.start_ns) / dur);
      var free = (d.regime || S.position.regime) === "free";
      var running = s.state === "holds" || s.state === "runs";
      var words = running ? (free ? "runs" : "holds the GIL") : (s.state === "waits" ? (free ? "is ready" : "waits for the GIL") : "blocked");
      var span = el("div", {
        class: "tl-span " + (running ? "holds" : s.state), "data-state": s.state,
        style: "left:" + left + "%;width:calc(" + width + "% + 1px)",
        title: (names[s.thread] || s.thread) + " " + words + " · " + fmtNs(s.start_ns) + " → " + fmtNs(s.end_ns) + " (" + fmtNs(s.end_ns - s.start_ns) + ")" + (s.why ? "\n" + s.why : "")
      });
      (frag[s.thread] = frag[s.thread] || document.createDocumentFragment()).appendChild(span);
    });
    Object.keys(frag).forEach(function (k) { lanes[k].appendChild(frag[k]); });
    var hf = el("div", { class: "tl-handoffs" });
    (d.handoffs || []).forEach(function (h) {
      hf.appendChild(el("div", {
        class: "tl-handoff", style: "left:" + (100 * h.at_ns / dur) + "%",
        title: fmtNs(h.at_ns) + ": " + (names[h.from] || h.from) + " → " + (names[h.to] || h.to) + (h.reason ? ": " + h.reason : "")
      }));
    });
    inner.appendChild(hf);
    box.appendChild(heads);
    box.appendChild(scroll);
    if (S.tlCenter !== undefined) {
      scroll.scrollLeft = S.tlCenter * scroll.scrollWidth - S.tlAnchor;
      S.tlCenter = undefined;
    }
    scroll.addEventListener("wheel", function (e) {
      if (e.shiftKey) { return; }
      e.preventDefault();
      var rect = scroll.getBoundingClientRect();
      var x = e.clientX - rect.left;
      zoomTimeline(e.deltaY < 0 ? 1.5 : 1 / 1.5, x);
    }, { passive: false });
    $("#timeline-output").textContent = (d.output || "") + (d.stderr ? (d.output ? "\n" : "") + d.stderr : "") +
      (d.stopped ? "\n(stopped at --timeout)" : "");
    var free = (d.regime || S.position.regime) === "free";
    $("#tl-holds-words").textContent = free ? "runs (no GIL)" : "holds the GIL";
    $("#tl-waits-words").textContent = free ? "ready" : "waits for it";
    $("#timeline-help").textContent = (free ? "A real run, timed, free-threaded: who runs (solid; there is no GIL), is ready (light), is blocked (grey)."
      : "A real run, timed: who holds the GIL (solid), waits for it (light), is blocked (grey).") +
      " Hover a span or a hand-off tick for why; the wheel zooms (shift+wheel scrolls). The switch interval and the regime are those at the top.";
  }
  function zoomTimeline(f, anchorX) {
    if (!S.timeline) { return; }
    var scroll = $("#timeline .tl-scroll");
    var anchor = anchorX === undefined ? (scroll ? scroll.clientWidth / 2 : 0) : anchorX;
    var at = scroll ? (scroll.scrollLeft + anchor) / scroll.scrollWidth : 0;
    var z = Math.max(1, Math.min(2000, S.zoom * f));
    if (z === S.zoom) { return; }
    S.zoom = z;
    S.tlCenter = at;
    S.tlAnchor = anchor;
    drawTimeline();
  }

  // ---- keys -------------------------------------------------------------------------------

  function onKey(e) {
    var t = e.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable)) { return; }
    if (e.ctrlKey || e.metaKey || e.altKey) { return; }
    if (S.tab !== "step") { return; }
    var m = /^Digit([1-9])$/.exec(e.code || "");
    if (m) {
      e.preventDefault();
      act((e.shiftKey ? "t " : "s ") + m[1]);
      return;
    }
    var k = e.key;
    if (k === "s" || k === "ArrowRight") { e.preventDefault(); act("s"); }
    else if (k === "b" || k === "ArrowLeft") { e.preventDefault(); back(); }
    else if (k === "r") { e.preventDefault(); reset(); }
    else if (k === "l") { e.preventDefault(); act("lost"); }
    else if (k === "e") { e.preventDefault(); act("end"); }
    else if (k === "p" && S.selected !== null) { e.preventDefault(); act("sp " + S.selected); }
  }

  // ---- regime -----------------------------------------------------------------------------

  function onRegime() {
    var r = $("#regime").value;
    // Give the keys back to the page: arrows on a focused <select> would change the regime again.
    $("#regime").blur();
    if (!S.live) { $("#regime").value = regimeOf(S.view); return; }
    if (r === S.position.regime) { return; }
    var had = S.position.actions.length || S.position.replay;
    S.selected = null;
    notice("Regime: " + REGIME_WORDS[r] + "." + (had ? " The step view went back to the start: actions and schedules belong to one regime." : " The step view starts from the beginning in it."), "info");
    goTo({ regime: r, replay: null, actions: [] }, true);
  }

  // ---- start ------------------------------------------------------------------------------

  function wire() {
    $all(".tab").forEach(function (b) { b.addEventListener("click", function () { selectTab(b.getAttribute("data-tab"), true); }); });
    ["step", "back", "reset", "lost", "end", "take"].forEach(function (id) {
      var b = $("#" + id);
      b.setAttribute("data-title", b.title);
    });
    $("#step").addEventListener("click", function () { act("s"); });
    $("#back").addEventListener("click", back);
    $("#reset").addEventListener("click", reset);
    $("#lost").addEventListener("click", function () { act("lost"); });
    $("#end").addEventListener("click", function () { act("end"); });
    $("#take").addEventListener("click", function () { act("take"); });
    $("#source").addEventListener("click", function (e) {
      var l = e.target.closest(".line");
      if (l) { act("line " + l.getAttribute("data-line")); }
    });
    $("#edit").addEventListener("click", startEdit);
    $("#cancel-edit").addEventListener("click", stopEdit);
    $("#run-source").addEventListener("click", runSource);
    $("#regime").addEventListener("change", onRegime);
    $("#race-run").addEventListener("click", raceStart);
    $("#race-stop").addEventListener("click", function () {
      raceStop();
      $("#race-progress").textContent += " · stopped";
    });
    $("#explore-run").addEventListener("click", exploreRun);
    $("#timeline-run").addEventListener("click", timelineRun);
    $("#timeline-zoom-in").addEventListener("click", function () { zoomTimeline(2); });
    $("#timeline-zoom-out").addEventListener("click", function () { zoomTimeline(0.5); });
    $("#timeline-zoom-reset").addEventListener("click", function () { if (S.timeline) { S.zoom = 1; drawTimeline(); } });
    document.addEventListener("keydown", onKey);
    window.addEventListener("popstate", fromHash);
    window.addEventListener("hashchange", fromHash);
  }

  // The hash changed under us (back/forward, an edited or pasted link).
  function fromHash() {
    if (location.hash === hashFor()) { return; }
    var h = readHash();
    if (h.tab !== S.tab) { selectTab(h.tab, false); }
    if (!S.live) {
      if (h.stop !== undefined && h.stop !== S.stopIndex) { offlineGo(h.stop); }
      return;
    }
    var regime = REGIME_WORDS[h.regime] ? h.regime : S.position.regime;
    var same = regime === S.position.regime && (h.replay || null) === (S.position.replay || null) &&
      h.actions.join(",") === S.position.actions.join(",");
    if (!same) { goTo({ regime: regime, replay: h.replay, actions: h.actions }, false); }
  }

  function readData() {
    var node = document.getElementById("gilvm-data");
    try { return JSON.parse(node.textContent); } catch (e) { return null; }
  }

  function start() {
    wire();
    var data = readData();
    if (!data) {
      notice("This page has no data: open it through gilvm web (or an export made by gilvm web --export).", "warn");
      return;
    }
    S.data = data;
    S.live = data.live !== false;
    document.body.setAttribute("data-mode", S.live ? "live" : "export");
    var h = readHash();
    if (!S.live) {
      // The export writes each code listing once (data.codes); a view names its own by index
      // (code_ids), in the order its threads' `code` indices refer to.
      (data.views || []).forEach(function (v) {
        if (v.code_ids && data.codes && (!v.codes || !v.codes.length)) {
          v.codes = v.code_ids.map(function (i) { return data.codes[i]; });
        }
        v.codes = v.codes || [];
      });
      S.program = data.program || { file: "", source: "", regime: "gil" };
      $("#file-name").textContent = S.program.file || "";
      document.title = "gilvm · " + (S.program.file || "lesson");
      var regime = S.program.regime || "gil";
      S.position = { regime: regime, replay: null, actions: [] };
      $("#regime").value = regime;
      $("#regime").disabled = true;
      $("#regime").title = "the regime of the recorded run";
      $("#switch-interval").disabled = true;
      var off = $("#offline-note");
      off.textContent = "A recorded run (gilvm web --export), " + (REGIME_WORDS[regime] || regime) + ": step forward and back along its " +
        (data.views || []).length + " stops. Choosing who runs, other regimes and editing need the live server (gilvm web FILE).";
      show(off, true);
      $("#race-run").disabled = true;
      $("#race-runs").disabled = true;
      $("#race-seed").disabled = true;
      $("#explore-run").disabled = true;
      $("#explore-expect").disabled = true;
      $("#explore-max").disabled = true;
      $("#timeline-run").disabled = true;
      $("#race-run").title = $("#explore-run").title = $("#timeline-run").title = "a recorded export: needs the live server (gilvm web FILE)";
      setupEditing();
      if (data.race) { S.raceRegime = regime; S.race = null; raceFinal(data.race, regime); } else { renderRace(); }
      if (data.explore) { S.exploreRegime = regime; renderExplore(data.explore, (data.explore.outcomes || []).some(function (o) { return o.expected === true || o.expected === false; })); }
      else { $("#explore-summary").textContent = "No exploration was recorded in this export."; }
      if (data.timeline) { S.timeline = data.timeline; S.timeline.regime = S.timeline.regime || regime; }
      selectTab(h.tab, false);
      drawTimeline();
      if (!(data.views || []).length) { notice("This export holds no recorded stops.", "warn"); return; }
      offlineGo(h.stop || 0);
      return;
    }
    renderRace();
    drawTimeline();
    api("GET", "/api/program").then(function (r) {
      if (!r.ok || !r.json) { notice("gilvm web did not answer /api/program (" + r.status + ")", "warn"); return; }
      S.program = r.json;
      $("#file-name").textContent = S.program.file || "";
      document.title = "gilvm · " + (S.program.file || "");
      if (S.program.switch_interval_us) { $("#switch-interval").value = String(S.program.switch_interval_us); }
      setupEditing();
      var regime = REGIME_WORDS[h.regime] ? h.regime : (S.program.regime || "gil");
      S.position = { regime: regime, replay: h.replay, actions: h.actions };
      $("#regime").value = regime;
      selectTab(h.tab, false);
      goTo(S.position, false);
    }, function (e) {
      notice("the page could not reach gilvm web: " + e, "warn");
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();

/* Search as you type: debounced /api/search, facets as toggles, pagination. */
"use strict";
(function () {
  var C = window.cancu, el = C.el;
  var form = document.getElementById("search-form");
  var input = document.getElementById("q");
  var results = document.getElementById("results");
  var meta = document.getElementById("results-meta");
  var facetsBox = document.getElementById("facets");
  var pager = document.getElementById("pager");
  var active = document.getElementById("active-filters");
  var notice = document.getElementById("results-notice");
  var FILTERS = ["type", "issuer", "level", "province", "year_from", "year_to", "status"];
  var LABELS = {type: "Loại", issuer: "Cơ quan", level: "Cấp", province: "Tỉnh",
                year_from: "Từ năm", year_to: "Đến năm", status: "Tình trạng"};

  var params = new URLSearchParams(location.search);
  var state = {q: params.get("q") || "", page: parseInt(params.get("page") || "1", 10) || 1, f: {}};
  FILTERS.forEach(function (k) { if (params.get(k)) state.f[k] = params.get(k); });

  function query() {
    var p = new URLSearchParams();
    if (state.q) p.set("q", state.q);
    FILTERS.forEach(function (k) { if (state.f[k]) p.set(k, state.f[k]); });
    if (state.page > 1) p.set("page", String(state.page));
    return p;
  }

  function hasFilters() { return FILTERS.some(function (k) { return state.f[k]; }); }

  /** Search for the state. A step the user takes (a facet, a page, Enter) is a history
      entry that Back returns from; each keystroke of live typing only updates the address. */
  function run(step) {
    var p = query();
    var url = p.toString() ? "?" + p.toString() : location.pathname;
    if (step && url !== (location.search || location.pathname)) history.pushState(null, "", url);
    else history.replaceState(null, "", url);
    // Keep the no-script form's hidden filter fields in step.
    form.querySelectorAll("input[type=hidden]").forEach(function (h) { h.remove(); });
    FILTERS.forEach(function (k) {
      if (state.f[k]) form.appendChild(el("input", {type: "hidden", name: k, value: state.f[k]}));
    });
    renderActive();
    if (!state.q && !hasFilters()) {
      C.clear(results); C.clear(pager); C.clear(notice); notice.hidden = true; meta.textContent = "";
      results.appendChild(el("li", {class: "empty", text: "Nhập từ khóa để tìm trong kho văn bản."}));
      return;
    }
    // Keep what is shown until the answer arrives (no flicker while typing).
    if (!results.querySelector(".result")) meta.textContent = "Đang tìm…";
    results.classList.add("loading");
    C.fetchJSON("/api/search?" + p.toString(), {}, "search").then(render, function (err) {
      if (err.name === "AbortError") return;
      results.classList.remove("loading");
      meta.textContent = err.message;
    });
  }

  function render(data) {
    results.classList.remove("loading");
    meta.textContent = data.total + " kết quả" + (data.took_ms !== undefined ? " · " + data.took_ms + " ms" : "");
    C.clear(results);
    (data.results || []).forEach(function (r) {
      var head = el("div", {class: "head"},
        el("a", {class: "sym", href: C.docUrl(r.id), text: r.symbol || r.label || r.id}),
        r.doc_type ? el("span", {class: "badge type", text: r.doc_type}) : null,
        C.statusBadge(r.status));
      var info = [];
      if (r.date) info.push(el("span", {text: "Ngày ban hành " + C.vnDate(r.date)}));
      // A local document's province tells plans of one number apart ("151/KH-UBND").
      var issuer = [r.issuer_name || r.issuer, r.province ? "(" + r.province + ")" : ""].filter(Boolean).join(" ");
      if (issuer) info.push(el("span", {text: issuer}));
      // A replaced document names what is in force in its place (graph/currency.py).
      var replaced = r.replaced_by
        ? el("p", {class: "replaced small"}, "Đã được thay thế; văn bản đang có hiệu lực: ",
             el("a", {href: C.docUrl(r.replaced_by), text: r.replaced_by_label || r.replaced_by}))
        : r.status_note ? el("p", {class: "replaced small", text: r.status_note}) : null;
      results.appendChild(el("li", {class: "result"}, head,
        r.title ? el("div", {class: "title"}, C.parts(r.title_parts)) : null,
        replaced,
        r.snippet ? el("p", {class: "snippet"}, C.parts(r.snippet_parts)) : null,
        el("div", {class: "meta"}, info)));
    });
    if (!(data.results || []).length) {
      results.appendChild(el("li", {class: "empty",
        text: "Không có kết quả. Thử bỏ dấu, bỏ bớt từ, hoặc gõ ký hiệu (vd: 61/2018/NĐ-CP)."}));
    }
    renderNotice(data);
    renderFacets(data.facets || []);
    renderPager(data);
    restoreFocus();
  }

  // Where keyboard focus goes once the step's answer is drawn: the lists are drawn anew,
  // and the element a user pressed Enter on was gone, leaving focus on the page itself.
  var pendingFocus = null;  // a function returning the element to focus, or null
  function restoreFocus() {
    if (!pendingFocus) return;
    var target = pendingFocus() || results.querySelector(".result a") || input;
    pendingFocus = null;
    if (target) target.focus();
  }
  function sameFacet(k, v) {
    return function () {
      return Array.prototype.find.call(facetsBox.querySelectorAll("a[data-param]"), function (a) {
        return a.getAttribute("data-param") === k && a.getAttribute("data-value") === v;
      });
    };
  }

  /** The answer's notice (a symbol the KB lacks, with the near symbols; documents a
      status filter left out), as the server renders it. */
  function renderNotice(data) {
    C.clear(notice);
    notice.hidden = !data.notice;
    if (!data.notice) return;
    notice.appendChild(el("p", {text: data.notice}));
    if ((data.near || []).length) {
      notice.appendChild(el("ul", {class: "near"}, data.near.map(function (r) {
        return el("li", {}, el("a", {href: C.docUrl(r.id), text: r.symbol || r.label || r.id}),
          r.date ? " ngày " + C.vnDate(r.date) : "", r.title ? " — " + r.title : "");
      })));
    }
  }

  function renderFacets(facets) {
    C.clear(facetsBox);
    facets.forEach(function (f) {
      if (!f.values || !f.values.length) return;
      var ul = el("ul");
      f.values.forEach(function (v) {
        ul.appendChild(el("li", {}, el("a", {href: "#", class: v.selected ? "on" : "",
          "data-param": f.param, "data-value": v.value, title: v.label || v.value},
          el("span", {text: v.label || v.value}), el("span", {class: "count", text: v.count}))));
      });
      facetsBox.appendChild(el("div", {class: "facet"}, el("h3", {text: f.label}), ul));
    });
  }

  function renderPager(data) {
    C.clear(pager);
    var pages = Math.ceil((data.total || 0) / (data.limit || 20));
    if (pages <= 1) return;
    var cur = data.page || 1;
    function link(n, label) {
      return el("a", {href: "#", "data-page": n, text: label || String(n)});
    }
    if (cur > 1) pager.appendChild(link(cur - 1, "‹ Trước"));
    var from = Math.max(1, cur - 3), to = Math.min(pages, cur + 3);
    for (var n = from; n <= to; n++) {
      pager.appendChild(n === cur ? el("span", {class: "current", "aria-current": "page", text: n}) : link(n));
    }
    if (cur < pages) pager.appendChild(link(cur + 1, "Sau ›"));
    pager.appendChild(el("span", {class: "muted small", text: "Trang " + cur + "/" + pages}));
  }

  function renderActive() {
    C.clear(active);
    FILTERS.forEach(function (k) {
      if (!state.f[k]) return;
      active.appendChild(el("span", {class: "chip"}, LABELS[k] + ": " + state.f[k],
        el("button", {type: "button", "aria-label": "Bỏ lọc " + LABELS[k], "data-remove": k, text: "×"})));
    });
  }

  var debounced = C.debounce(function () { state.q = input.value.trim(); state.page = 1; run(); }, 250);
  input.addEventListener("input", debounced);
  form.addEventListener("submit", function (ev) {
    ev.preventDefault(); state.q = input.value.trim(); state.page = 1; run(true);
  });

  facetsBox.addEventListener("click", function (ev) {
    var a = ev.target.closest("a[data-param]");
    if (!a) return;
    ev.preventDefault();
    var k = a.getAttribute("data-param"), v = a.getAttribute("data-value");
    if (k === "year") {
      var on = state.f.year_from === v && state.f.year_to === v;
      state.f.year_from = on ? "" : v; state.f.year_to = on ? "" : v;
    } else {
      state.f[k] = state.f[k] === v ? "" : v;
    }
    pendingFocus = sameFacet(k, v);
    state.page = 1; run(true);
  });
  active.addEventListener("click", function (ev) {
    var b = ev.target.closest("button[data-remove]");
    if (!b) return;
    state.f[b.getAttribute("data-remove")] = ""; state.page = 1;
    pendingFocus = function () { return active.querySelector("button[data-remove]"); };
    run(true);
    restoreFocus();  // the chips are drawn at once: the next chip's button, else the results
  });
  pager.addEventListener("click", function (ev) {
    var a = ev.target.closest("a[data-page]");
    if (!a) return;
    ev.preventDefault(); state.page = parseInt(a.getAttribute("data-page"), 10);
    pendingFocus = function () { return results.querySelector(".result a"); };
    run(true);
    window.scrollTo(0, 0);
  });

  renderActive();
  // Back and Forward return to a step: the state is read again from the address.
  window.addEventListener("popstate", function () {
    var back = new URLSearchParams(location.search);
    state.q = back.get("q") || "";
    state.page = parseInt(back.get("page") || "1", 10) || 1;
    state.f = {};
    FILTERS.forEach(function (k) { if (back.get(k)) state.f[k] = back.get(k); });
    input.value = state.q;
    run(false);
  });

  if (state.q || hasFilters()) run();
})();

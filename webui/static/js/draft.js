/* Drafting assistant: live căn cứ suggestions, the căn cứ block in NĐ 30/2020 form,
   and a draft checker that highlights each citation in place. */
"use strict";
(function () {
  var C = window.cancu, el = C.el;
  var $ = function (id) { return document.getElementById(id); };
  var task = $("task"), sgBox = $("suggestions"), sgStatus = $("sg-status");
  var basisList = $("basis-list"), basisOut = $("basis-out"), basisEmpty = $("basis-empty");
  var chosen = [];  // [{id, symbol, citation}]

  function options() {
    var o = {};
    var province = $("opt-province").value.trim(), issuer = $("opt-issuer").value.trim();
    var asOf = $("opt-asof").value;
    if (province) o.province = province;
    if (issuer) o.issuer = issuer;
    // Any date as typed ("15.08.2021", "ngày 15 tháng 8 năm 2021"): the API reads it or
    // says why not; dropping one it could not match made the answer today's, silently.
    if (asOf.trim()) o.as_of = asOf.trim();
    return o;
  }

  // --- suggestions ----------------------------------------------------------------------
  function suggest() {
    var text = task.value.trim();
    if (text.length < 4) { C.clear(sgBox); sgStatus.textContent = "Gợi ý hiện ra khi bạn gõ."; return; }
    var body = Object.assign({text: text, k: 10, already_cited: chosen.map(function (c) { return c.id; })}, options());
    sgStatus.textContent = "Đang tìm căn cứ…";
    C.postJSON("/api/suggest", body, "suggest").then(renderSuggestions, function (err) {
      if (err.name === "AbortError") return;
      C.clear(sgBox);  // the list above was another question's answer
      sgStatus.textContent = err.message;
    });
  }

  function addButton(item) {
    var isIn = chosen.some(function (c) { return c.id === item.id; });
    return el("button", {type: "button", class: "small" + (isIn ? "" : " primary"),
      disabled: isIn, text: isIn ? "Đã thêm" : "Thêm", "data-add": item.id,
      onclick: function () { add(item); }});
  }

  function renderSuggestions(data) {
    var list = data.suggestions || [];
    sgStatus.textContent = list.length ? list.length + " gợi ý" : "Chưa tìm thấy căn cứ phù hợp; thử mô tả cụ thể hơn.";
    C.clear(sgBox);
    // Documents the task names that the KB lacks or cannot tell apart: the list rests on
    // none of them, and must not read as if it had weighed them.
    (data.notices || []).forEach(function (n) {
      sgBox.appendChild(el("div", {class: "notice", role: "status", text: n}));
    });
    list.forEach(function (s, i) {
      // Matches on common words only ("phát triển") come last, under their own heading, so
      // none is taken for a basis found (the API's `weak`).
      if (s.weak && (i === 0 || !list[i - 1].weak)) {
        sgBox.appendChild(el("h4", {class: "weak-head",
          text: "Khớp yếu: chỉ trùng từ ngữ chung với nội dung cần soạn, chỉ để tham khảo"}));
      }
      var reasons = el("ul", {class: "reasons"});
      (s.reasons || []).forEach(function (r) { reasons.appendChild(el("li", {text: r})); });
      var flags = (s.flags || []).map(function (f) { return el("div", {class: "flag", text: "⚠ " + f}); });
      var impl = null;
      if (s.implemented_by && s.implemented_by.length) {
        var ul = el("ul", {class: "impl-list"});
        s.implemented_by.forEach(function (d) {
          ul.appendChild(el("li", {}, el("span", {}, el("a", {href: C.docUrl(d.id), text: d.symbol || "(chưa có số)"}),
            d.citation ? " — " + d.citation : ""), addButton(d)));
        });
        impl = el("div", {class: "impl"}, el("b", {text: "Văn bản thực hiện của tỉnh:"}), ul);
      }
      sgBox.appendChild(el("div", {class: "suggestion" + (s.weak ? " weak" : ""), "data-id": s.id},
        el("div", {class: "top-line"},
          el("div", {}, el("b", {text: (i + 1) + ". "}),
            el("a", {href: C.docUrl(s.id), text: s.symbol || s.id}),
            s.score !== undefined ? el("span", {class: "muted small", text: "  điểm " + Number(s.score).toFixed(2)}) : null),
          addButton(s)),
        el("p", {class: "cit", text: s.citation ? (s.lead || "Căn cứ") + " " + s.citation : ""}), flags, reasons, impl));
    });
  }

  // --- căn cứ block -----------------------------------------------------------------------
  function add(item) {
    if (chosen.some(function (c) { return c.id === item.id; })) return;
    chosen.push({id: item.id, symbol: item.symbol, citation: item.citation || item.symbol || item.id,
                 lead: item.lead || "Căn cứ"});
    // The list is not re-asked here: it would move under the user's pointer. The next
    // edit of the task sends what is already cited (co-citation, no duplicates).
    renderBlock();
  }

  function blockText() {
    return chosen.map(function (c, i) {
      var body = String(c.citation).trim().replace(/[\s;.,]+$/, "");
      // "Căn cứ" a legal basis, "Thực hiện" a plan or directive carried out (the API's lead).
      return (c.lead || "Căn cứ") + " " + body + (i === chosen.length - 1 ? "." : ";");
    }).join("\n");
  }

  function setBlock(text) {
    basisOut.value = text;
    // Grow with the block so every line is visible without an inner scrollbar.
    basisOut.style.height = "auto";
    basisOut.style.height = Math.max(basisOut.scrollHeight + 4, 112) + "px";
  }

  function renderBlock() {
    C.clear(basisList);
    chosen.forEach(function (c, i) {
      basisList.appendChild(el("li", {}, el("span", {text: c.symbol || c.id}), " ",
        el("button", {type: "button", class: "small", "aria-label": "Bỏ " + (c.symbol || c.id), text: "Bỏ",
          onclick: function () { chosen.splice(i, 1); renderBlock(); }})));
    });
    basisEmpty.classList.toggle("hidden", chosen.length > 0);
    setBlock(blockText());
    if (chosen.length) {
      // The graph layer orders the block by legal force and writes each citation in full.
      // The task says the draft's type: a decision writes "Căn cứ" for all it cites.
      var body = {ids: chosen.map(function (c) { return c.id; }), task: task.value};
      if (options().as_of) body.as_of = options().as_of;
      C.postJSON("/api/basis-block", body, "block").then(function (r) {
        if (r.block) setBlock(r.block);
      }, function () { /* keep the local block */ });
    }
    sgBox.querySelectorAll("button[data-add]").forEach(function (b) {
      var isIn = chosen.some(function (c) { return c.id === b.getAttribute("data-add"); });
      b.disabled = isIn; b.textContent = isIn ? "Đã thêm" : "Thêm";
      b.classList.toggle("primary", !isIn);
    });
  }

  $("basis-clear").addEventListener("click", function () { chosen = []; renderBlock(); });
  task.addEventListener("input", C.debounce(suggest, 350));
  ["opt-province", "opt-issuer", "opt-asof"].forEach(function (id) {
    $(id).addEventListener("change", function () { suggest(); });
  });

  // /draft?add=<id> (from a document page) starts the block with that document.
  var preset = new URLSearchParams(location.search).get("add");
  if (preset) {
    C.fetchJSON("/api/documents/" + preset.split("/").map(encodeURIComponent).join("/")).then(function (doc) {
      add({id: doc.id, symbol: doc.symbol, citation: doc.citation || doc.symbol || doc.id, lead: doc.lead});
    }, function (err) { sgStatus.textContent = err.message; });
  }

  // --- lint -------------------------------------------------------------------------------
  var draft = $("draft-text"), fileInput = $("draft-file"), lintStatus = $("lint-status");
  var STATUS = {found: "Tìm thấy", not_found: "Không có trong kho", ambiguous: "Nhập nhằng",
                unparseable: "Không đọc được ký hiệu"};

  function lint(file) {
    var o = options(), req;
    if (file) {
      var fd = new FormData();
      fd.append("file", file);
      Object.keys(o).forEach(function (k) { fd.append(k, o[k]); });
      req = C.fetchJSON("/api/lint", {method: "POST", body: fd}, "lint");
    } else {
      if (!draft.value.trim()) { lintStatus.textContent = "Hãy dán bản thảo hoặc chọn tệp."; return; }
      req = C.postJSON("/api/lint", Object.assign({text: draft.value}, o), "lint");
    }
    lintStatus.textContent = "Đang kiểm tra…";
    req.then(function (report) {
      if (file && report.text) draft.value = report.text;
      renderLint(report, report.text || draft.value);
    }, function (err) {
      if (err.name === "AbortError") return;
      ["lint-view", "lint-list", "lint-summary"].forEach(function (id) { C.clear($(id)); });  // another draft's check
      lintStatus.textContent = err.message;
    });
  }

  function citClass(c) {
    if (c.status !== "found") return "cit-" + c.status;
    return c.problems && c.problems.length ? "cit-problem" : "cit-found";
  }

  function renderLint(report, text) {
    var cits = (report.citations || []).slice().sort(function (a, b) { return a.start - b.start; });
    var view = $("lint-view"), list = $("lint-list"), summary = $("lint-summary");
    C.clear(view); C.clear(list); C.clear(summary);
    var cps = Array.from(text), pos = 0;  // offsets are code points (Python str indices)
    // Text between citations is shown with runs of blank lines folded (pasted Word text
    // is full of them); the citations themselves are shown exactly as written.
    function folded(a, b, keepParagraphs) {
      return cps.slice(a, b).join("").replace(/[ \t\u00a0]*\n(?:[ \t\u00a0]*\n)+/g, keepParagraphs ? "\n\n" : "\n");
    }
    function plain(a, b) { return document.createTextNode(folded(a, b, true)); }
    var counts = {};
    cits.forEach(function (c, i) {
      var key = c.status === "found" && c.problems && c.problems.length ? "problem" : c.status;
      counts[key] = (counts[key] || 0) + 1;
      if (c.start < pos) return;  // overlapping spans: list them, highlight the first
      view.appendChild(plain(pos, c.start));
      view.appendChild(el("a", {class: "cit " + citClass(c), href: "#lint-" + i, id: "span-" + i,
        title: (STATUS[c.status] || c.status) + (c.problems && c.problems.length ? " · " + c.problems.length + " vấn đề" : ""),
        text: folded(c.start, c.end, false)}));
      pos = c.end;
    });
    view.appendChild(plain(pos, cps.length));
    cits.forEach(function (c, i) {
      var probs = el("ul");
      (c.problems || []).forEach(function (p) {
        probs.appendChild(el("li", {}, el("span", {class: "problem", text: p.message}),
          p.fix ? el("div", {class: "fix", text: "Sửa: " + p.fix}) : null));
      });
      list.appendChild(el("li", {id: "lint-" + i},
        el("a", {href: "#span-" + i, class: "status-label status-" + c.status, text: STATUS[c.status] || c.status}),
        " ", c.id ? el("a", {href: C.docUrl(c.id), text: c.symbol || c.id}) : el("b", {text: c.symbol || ""}),
        el("div", {class: "small muted", text: "“" + c.text + "”"}), probs));
    });
    var labels = {found: "đúng", problem: "có vấn đề", not_found: "không có trong kho",
                  ambiguous: "nhập nhằng", unparseable: "không đọc được"};
    Object.keys(counts).forEach(function (k) {
      summary.appendChild(el("span", {class: "chip chip-" + k, text: counts[k] + " " + (labels[k] || k)}));
    });
    // What the checks used and could not check (no date, citations the KB lacks, a
    // passage typed without diacritics, whose dates are not read): a clean list of chips
    // must not look like a clean draft.
    [report.context, report.summary].forEach(function (line) {
      if (line) summary.appendChild(el("p", {class: "small lint-context", text: line}));
    });
    lintStatus.textContent = cits.length + " trích dẫn đã kiểm tra (" + (report.chars || text.length) + " ký tự).";
    $("lint-result").classList.remove("hidden");
    var firstCit = view.querySelector("a.cit");
    if (firstCit) view.scrollTop = Math.max(0, firstCit.offsetTop - view.offsetTop - 40);
  }

  $("lint-run").addEventListener("click", function () {
    var f = fileInput.files && fileInput.files[0];
    lint(f || null);
  });
  fileInput.addEventListener("change", function () {
    if (fileInput.files && fileInput.files[0]) lint(fileInput.files[0]);
  });
  draft.addEventListener("input", function () { fileInput.value = ""; });
  var zone = $("dropzone");
  zone.addEventListener("dragover", function (ev) { ev.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", function () { zone.classList.remove("over"); });
  zone.addEventListener("drop", function (ev) {
    ev.preventDefault(); zone.classList.remove("over");
    var f = ev.dataTransfer.files && ev.dataTransfer.files[0];
    if (f) lint(f);
  });
  var focusList = function () {
    var id = location.hash.slice(1);
    document.querySelectorAll(".lint-list li.focus").forEach(function (li) { li.classList.remove("focus"); });
    var li = id && document.getElementById(id);
    if (li && li.tagName === "LI") li.classList.add("focus");
  };
  window.addEventListener("hashchange", focusList);
})();

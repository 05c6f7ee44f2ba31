/* cancu: shared helpers. No innerHTML with data anywhere: text goes in through
   textContent, so document text from the knowledge base can never become markup. */
"use strict";

window.cancu = (function () {
  /** Create an element: el("a", {href: "/x", class: "y"}, "text", child, ...). */
  function el(tag, attrs) {
    var node = document.createElement(tag);
    var a = attrs || {};
    Object.keys(a).forEach(function (k) {
      var v = a[k];
      if (v === null || v === undefined || v === false) return;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.slice(0, 2) === "on") node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : String(v));
    });
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }

  function append(node, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { append(node, c); }); return; }
    node.appendChild(typeof child === "string" || typeof child === "number"
      ? document.createTextNode(String(child)) : child);
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  /** Text parts [{text, mark}] as a fragment with <mark> around the marked parts. */
  function parts(items) {
    var frag = document.createDocumentFragment();
    (items || []).forEach(function (p) {
      frag.appendChild(p.mark ? el("mark", {text: p.text}) : document.createTextNode(p.text));
    });
    return frag;
  }

  function debounce(fn, ms) {
    var t = null;
    return function () {
      var args = arguments, self = this;
      clearTimeout(t);
      t = setTimeout(function () { fn.apply(self, args); }, ms);
    };
  }

  /** The Vietnamese sentences of an API message ("Câu tìm kiếm dài quá. Query too long."):
      a page speaks to its reader in Vietnamese, and code names lose their backticks. */
  function vietnameseOnly(msg) {
    // Sentences by matching, not by a lookbehind split: Safari before 16.4 cannot parse one.
    var parts = (String(msg).match(/[^.!?]+(?:[.!?]+|$)/g) || []).map(function (p) { return p.trim(); })
      .filter(function (p) { return /[^\x00-\x7f]/.test(p); });
    return (parts.length ? parts.join(" ") : String(msg)).replace(/`/g, "");
  }

  /** fetch JSON; rejects with the API's Vietnamese error message. Aborts the previous
      request of the same `key` so answers arrive in order. */
  var controllers = {};
  function fetchJSON(url, options, key) {
    options = options || {};
    if (key) {
      if (controllers[key]) controllers[key].abort();
      controllers[key] = new AbortController();
      options.signal = controllers[key].signal;
    }
    options.headers = Object.assign({"Accept": "application/json"}, options.headers || {});
    return fetch(url, options).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (!r.ok) {
          var msg = vietnameseOnly((body && body.error && body.error.message) || ("Lỗi " + r.status));
          var err = new Error(msg); err.status = r.status; err.body = body;
          throw err;
        }
        return body;
      });
    });
  }

  function postJSON(url, data, key) {
    return fetchJSON(url, {method: "POST", headers: {"Content-Type": "application/json"},
                           body: JSON.stringify(data)}, key);
  }

  function vnDate(iso) {
    if (!iso) return "";
    var p = String(iso).slice(0, 10).split("-");
    return p.length === 3 ? p[2] + "/" + p[1] + "/" + p[0] : String(iso);
  }

  function docUrl(id) {
    return "/doc/" + String(id).split("/").map(encodeURIComponent).join("/");
  }

  function statusBadge(status) {
    if (!status) return null;
    var cls = "badge";
    if (status === "Còn hiệu lực") cls += " status-ok";
    else if (/toàn bộ|Ngưng|Không còn/.test(status)) cls += " status-bad";
    else if (/một phần|Chưa có/.test(status)) cls += " status-part";
    return el("span", {class: cls, text: status});
  }

  function copyText(text, button) {
    function done(ok) {
      if (!button) return;
      var old = button.dataset.label || button.textContent;
      button.dataset.label = old;
      button.textContent = ok ? "Đã sao chép ✓" : "Hãy chọn và sao chép (Ctrl+C)";
      setTimeout(function () { button.textContent = old; }, 1800);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () { fallback(); });
    } else { fallback(); }
    function fallback() {
      var ta = el("textarea", {class: "sr-only"});
      ta.value = text; document.body.appendChild(ta); ta.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(ta); done(ok);
    }
  }

  /* Relation colours: the same values as the --rel-* custom properties of site.css. */
  var REL_COLORS = {
    based_on: "#2563eb", implements: "#16a34a", guides: "#9333ea", amends: "#ea580c",
    replaces: "#dc2626", repeals: "#7f1d1d", corrects: "#0d9488", consolidates: "#475569",
    suspends: "#ca8a04", cites: "#9ca3af"
  };

  // Any [data-copy="#selector"] button copies that element's text or value.
  document.addEventListener("click", function (ev) {
    var b = ev.target.closest ? ev.target.closest("[data-copy]") : null;
    if (!b) return;
    var src = document.querySelector(b.getAttribute("data-copy"));
    if (src) copyText(src.value !== undefined && src.tagName !== "P" ? src.value : src.textContent, b);
  });

  return {el: el, clear: clear, parts: parts, debounce: debounce, fetchJSON: fetchJSON,
          postJSON: postJSON, vnDate: vnDate, docUrl: docUrl, statusBadge: statusBadge,
          copyText: copyText, REL_COLORS: REL_COLORS};
})();

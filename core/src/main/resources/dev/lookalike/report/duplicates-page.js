// Draws one page of groups at a time from the page's JSON blocks (see DuplicatesPage).
(function () {
  "use strict";
  var pages = document.querySelectorAll("script.page-data");
  var main = document.getElementById("groups");
  var pagers = document.querySelectorAll("nav.pager");
  var current = 0;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function quote(s) { return /^[\w.\/+-]+$/.test(s) ? s : "'" + s.replace(/'/g, "'\\''") + "'"; }

  function member(m, keep, reason) {
    var li = el("li", keep ? "member keep" : "member");
    li.appendChild(el("span", "badge", keep ? "KEEP" : "cos " + m.cosine));
    var a = el("a", "thumb");
    a.href = m.href;
    if (m.thumb) {
      var img = el("img");
      img.src = m.thumb; img.width = m.tw; img.height = m.th; img.alt = m.path; img.loading = "lazy";
      a.appendChild(img);
    } else {
      var u = el("span", "unreadable", "unreadable");
      u.title = m.unreadable;
      a.appendChild(u);
    }
    li.appendChild(a);
    var dl = el("dl", "meta");
    [["pixels", m.resolution + " \u00b7 " + m.megapixels], ["size", m.size], ["date", m.date],
     ["cosine", m.cosine]].forEach(function (kv) {
      dl.appendChild(el("dt", null, kv[0]));
      dl.appendChild(el("dd", null, kv[1]));
    });
    li.appendChild(dl);
    if (keep) { li.appendChild(el("p", "reason", "keep: " + reason)); }
    var p = el("p", "path");
    p.title = m.path;
    p.appendChild(document.createTextNode("\u200e" + m.path + "\u200e"));
    li.appendChild(p);
    return li;
  }

  function group(g) {
    var section = el("section", "group");
    section.id = "group-" + g.number;
    var h = el("h2", null, "Group " + g.number);
    h.appendChild(el("span", null, g.members.length + " files \u00b7 moving the duplicates frees " + g.frees));
    var code = el("code", null, "lookalike dedup ignore --index " + quote(main.dataset.index) + " --model "
        + quote(main.dataset.model) + " --threshold " + main.dataset.threshold + " " + quote(g.members[0].path));
    code.title = "marks this group 'not duplicates'";
    h.appendChild(code);
    section.appendChild(h);
    var ol = el("ol", "members");
    g.members.forEach(function (m, i) { ol.appendChild(member(m, i === 0, g.reason)); });
    section.appendChild(ol);
    return section;
  }

  function pager(nav) {
    nav.textContent = "";
    var prev = el("button", null, "\u2039 Previous");
    prev.disabled = current === 0;
    prev.onclick = function () { show(current - 1); };
    var next = el("button", null, "Next \u203a");
    next.disabled = current === pages.length - 1;
    next.onclick = function () { show(current + 1); };
    var input = el("input");
    input.type = "number"; input.min = 1; input.max = pages.length; input.value = current + 1;
    input.onchange = function () { show(parseInt(input.value, 10) - 1); };
    var label = el("label", null, "Page ");
    label.appendChild(input);
    nav.appendChild(prev);
    nav.appendChild(label);
    nav.appendChild(el("span", "count", "of " + pages.length));
    nav.appendChild(next);
  }

  function show(n) {
    if (pages.length === 0) { return; }
    current = Math.max(0, Math.min(pages.length - 1, isNaN(n) ? 0 : n));
    main.textContent = "";
    JSON.parse(pages[current].textContent).forEach(function (g) { main.appendChild(group(g)); });
    pagers.forEach(pager);
    if (location.hash !== "#page-" + (current + 1)) { history.replaceState(null, "", "#page-" + (current + 1)); }
    window.scrollTo(0, 0);
  }

  document.addEventListener("keydown", function (e) {
    if (e.target.tagName === "INPUT") { return; }
    if (e.key === "ArrowRight") { show(current + 1); }
    if (e.key === "ArrowLeft") { show(current - 1); }
  });
  var m = /^#page-(\d+)$/.exec(location.hash);
  show(m ? parseInt(m[1], 10) - 1 : 0);
})();

// The duplicates view: groups of near-duplicates from GET api/duplicates, a page of groups at a time, each with a
// "Not duplicates" button that records the decision (POST api/duplicates/ignore). Uses app.js's helpers.
"use strict";

const dup = { groups: [], page: 0, perPage: 12, urls: [], doc: null };

function bytes(n) {
  if (n < 1048576) return (n / 1024).toFixed(1) + " KiB";
  return n < 1073741824 ? (n / 1048576).toFixed(1) + " MiB" : (n / 1073741824).toFixed(2) + " GiB";
}

function dupSummary() {
  const d = dup.doc;
  const files = dup.groups.reduce((n, g) => n + g.members.length, 0);
  const freed = dup.groups.reduce((n, g) => n + g.members.slice(1).reduce((m, x) => m + x.size, 0), 0);
  $("dup-summary").textContent = d.model + ", cosine \u2265 " + d.threshold + ": " + dup.groups.length
    + " groups, " + files + " images; moving the duplicates would free " + bytes(freed)
    + (d.ignored_groups ? " (" + d.ignored_groups + " marked not duplicates)" : "");
}

function dupMember(m, keep, reason) {
  const item = element("li", keep ? "dup-member keep" : "dup-member");
  item.title = m.path;
  if (m.id !== undefined) item.append(apiImage("api/images/" + m.id + "/thumbnail", m.path, dup.urls));
  item.append(element("span", "dup-badge", keep ? "keep" : "cos " + m.cosine.toFixed(4)));
  const meta = element("div", "meta");
  meta.append(element("span", null, m.width + "\u00d7" + m.height + " \u00b7 " + bytes(m.size)),
    element("span", null, new Date(m.mtime).toISOString().slice(0, 16).replace("T", " ")),
    element("span", "path", m.path));
  if (keep) meta.append(element("span", "dup-reason", "keep: " + reason));
  item.append(meta);
  return item;
}

function dupGroup(g, number) {
  const box = element("article", "dup-group");
  const head = element("div", "dup-head");
  head.append(element("strong", null, "Group " + number), element("span", null, g.members.length + " files"));
  const button = element("button", null, "Not duplicates");
  button.type = "button";
  button.addEventListener("click", () => ignoreGroup(g, button));
  head.append(button);
  const list = element("ol", "dup-members");
  g.members.forEach((m, i) => list.append(dupMember(m, i === 0, g.reason)));
  box.append(head, list);
  return box;
}

function dupRender() {
  revokeAll(dup.urls);
  const pages = Math.max(1, Math.ceil(dup.groups.length / dup.perPage));
  dup.page = Math.min(dup.page, pages - 1);
  const from = dup.page * dup.perPage;
  $("dup-groups").replaceChildren(...dup.groups.slice(from, from + dup.perPage)
    .map((g, i) => dupGroup(g, from + i + 1)));
  const pager = $("dup-pager");
  pager.replaceChildren();
  if (pages > 1) {
    const prev = element("button", null, "\u2039");
    prev.disabled = dup.page === 0;
    prev.addEventListener("click", () => { dup.page--; dupRender(); });
    const next = element("button", null, "\u203a");
    next.disabled = dup.page === pages - 1;
    next.addEventListener("click", () => { dup.page++; dupRender(); });
    pager.append(prev, element("span", null, "page " + (dup.page + 1) + " of " + pages), next);
  }
  dupSummary();
}

async function findDuplicates(e) {
  if (e) e.preventDefault();
  const query = new URLSearchParams({ pairs: "false" });
  if ($("dup-model").value) query.set("model", $("dup-model").value);
  if ($("dup-threshold").value) query.set("threshold", $("dup-threshold").value);
  await run("finding duplicates\u2026", () => api("api/duplicates?" + query), (doc) => {
    dup.doc = doc;
    dup.groups = doc.groups;
    dup.page = 0;
    $("dup-threshold").placeholder = doc.threshold;
    dupRender();
  });
}

async function ignoreGroup(g, button) {
  button.disabled = true;
  await run("recording\u2026", () => api("api/duplicates/ignore", {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ paths: g.members.map((m) => m.path) }) }), () => {
    dup.groups = dup.groups.filter((other) => other !== g);
    dup.doc.ignored_groups = (dup.doc.ignored_groups || 0) + 1;
    dupRender();
  });
  button.disabled = false;
}

async function loadDuplicateModels() {
  try {
    const info = await api("api/index");
    $("dup-model").replaceChildren(...info.models.map((m) => {
      const option = element("option", null, m.name);
      option.value = m.name;
      return option;
    }));
    if (info.models.some((m) => m.name === "clip")) $("dup-model").value = "clip";
  } catch (e) {
    // loadStats shows the problem (a missing key, an unreachable server)
  }
}

$("dup-form").addEventListener("submit", findDuplicates);
loadDuplicateModels();

// The page's behaviour: search by upload, by a clicked result or by text, compare two images, show index statistics.
// Everything comes from this server's API; nothing is fetched from elsewhere.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { key: sessionStorage.getItem("lookalike.key") || "" };
// Object URLs of the images on show, revoked when they are replaced so that their blobs can be freed.
const objectUrls = { results: [], query: [] };

function revokeAll(urls) {
  urls.splice(0).forEach((url) => URL.revokeObjectURL(url));
}

function objectUrl(blob, urls) {
  const url = URL.createObjectURL(blob);
  urls.push(url);
  return url;
}

function headers() {
  return state.key ? { "Authorization": "Bearer " + state.key } : {};
}

async function api(path, options = {}) {
  const response = await fetch(path, { ...options, headers: { ...headers(), ...(options.headers || {}) } });
  if (response.status === 401) {
    $("key-form").hidden = false;
    throw new Error("this server needs an API key: enter it above");
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body.error || ("the server answered " + response.status));
  }
  return body;
}

function status(text, isError = false) {
  $("status").textContent = text;
  $("status").classList.toggle("error", isError);
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * An image from the API; with a key it goes through fetch, since an img tag cannot send headers, and its object
 * URL joins `urls`.
 */
function apiImage(path, alt, urls) {
  const img = element("img");
  img.alt = alt;
  img.loading = "lazy";
  if (!state.key) {
    img.src = path;
  } else {
    fetch(path, { headers: headers() }).then((r) => r.ok ? r.blob() : null)
      .then((blob) => { if (blob) img.src = objectUrl(blob, urls); });
  }
  return img;
}

function percent(score) {
  return (score * 100).toFixed(1) + "%";
}

function renderResults(doc) {
  const container = $("results");
  container.replaceChildren();
  revokeAll(objectUrls.results);
  for (const [model, hits] of Object.entries(doc.results)) {
    const column = element("article", "model");
    column.dataset.model = model;
    const title = element("h2", null, model);
    title.append(element("small", null, hits.length + " nearest"));
    column.append(title);
    const list = element("ol", "hits");
    for (const hit of hits) {
      const item = element("li", "hit");
      item.tabIndex = 0;
      item.dataset.id = hit.id;
      item.dataset.path = hit.path;
      item.title = hit.path + "\ncosine " + hit.cosine.toFixed(4);
      item.append(apiImage("api/images/" + hit.id + "/thumbnail", hit.path, objectUrls.results));
      const meta = element("div", "meta");
      meta.append(element("span", "rank", "#" + hit.rank), element("span", "score", percent(hit.score)),
        element("span", "path", hit.path));
      const bar = element("div", "bar");
      const fill = element("i");
      fill.style.width = percent(hit.score);
      bar.append(fill);
      meta.append(bar);
      item.append(meta);
      const open = () => searchById(hit.id, hit.path);
      item.addEventListener("click", open);
      item.addEventListener("keydown", (e) => { if (e.key === "Enter") open(); });
      list.append(item);
    }
    column.append(list);
    container.append(column);
  }
}

/** The models and fusions ticked, in the order the server lists them. */
function selectedModels() {
  return [...document.querySelectorAll("#models input:checked")].map((box) => box.value);
}

/** One box per model the server serves (ticked) and per fusion it offers (unticked). */
function renderModelChoices(info) {
  const fieldset = $("models");
  fieldset.querySelectorAll("label").forEach((label) => label.remove());
  const offered = info.serving_models.map((name) => [name, true])
    .concat((info.fusions || []).filter((name) => !info.serving_models.includes(name)).map((name) => [name, false]));
  for (const [name, ticked] of offered) {
    const label = element("label", "model-choice");
    const box = element("input");
    box.type = "checkbox";
    box.value = name;
    box.checked = ticked;
    label.append(box, document.createTextNode(" " + name));
    fieldset.append(label);
  }
}

function showQuery(src, name) {
  const preview = $("query-preview");
  preview.src = src;
  preview.hidden = false;
  $("query-name").textContent = "query: " + name;
}

/** Whether the files fit this server's upload limit; if not, says so instead of sending them. */
function fitsUploadLimit(...files) {
  const limit = state.maxUpload;
  const tooLarge = files.find((file) => limit && file.size > limit);
  if (tooLarge) {
    status(tooLarge.name + " is " + megabytes(tooLarge.size) + ", over this server's upload limit of "
      + megabytes(limit) + ": not sent", true);
  }
  return !tooLarge;
}

function megabytes(bytes) {
  return (bytes / 1048576).toFixed(1) + " MB";
}

async function searchFile(file) {
  if (!file || !fitsUploadLimit(file)) return;
  revokeAll(objectUrls.query);
  showQuery(objectUrl(file, objectUrls.query), file.name);
  const form = new FormData();
  form.append("image", file);
  form.append("k", $("k").value);
  form.append("models", selectedModels().join(","));
  await run("searching…", () => api("api/search", { method: "POST", body: form }), renderResults);
}

async function searchById(id, path) {
  revokeAll(objectUrls.query);
  showQuery("", path);
  const preview = $("query-preview");
  const img = apiImage("api/images/" + id + "/thumbnail", path, objectUrls.query);
  img.addEventListener("load", () => { preview.src = img.src; });
  if (img.src) preview.src = img.src;
  const body = JSON.stringify({ id: Number(id), k: Number($("k").value), models: selectedModels() });
  await run("searching…", () => api("api/search", {
    method: "POST", body, headers: { "Content-Type": "application/json" } }), renderResults);
  window.scrollTo({ top: 0, behavior: "smooth" });
}

async function searchText(text) {
  text = text.trim();
  if (!text) {
    status("type a few words to search for", true);
    return;
  }
  revokeAll(objectUrls.query);
  const preview = $("query-preview");
  preview.hidden = true;
  preview.removeAttribute("src");
  $("query-name").textContent = "query: \u201c" + text + "\u201d";
  const body = JSON.stringify({ text, k: Number($("k").value) });
  await run("searching…", () => api("api/search", {
    method: "POST", body, headers: { "Content-Type": "application/json" } }), renderResults);
}

async function run(message, call, render) {
  status(message);
  try {
    const started = performance.now();
    const doc = await call();
    render(doc);
    status("done in " + Math.round(performance.now() - started) + " ms");
  } catch (e) {
    status(e.message, true);
  }
}

async function compare() {
  const a = $("compare-a").files[0];
  const b = $("compare-b").files[0];
  if (!a || !b) {
    status("pick two images to compare", true);
    return;
  }
  if (!fitsUploadLimit(a, b)) return;
  const form = new FormData();
  form.append("a", a);
  form.append("b", b);
  // reciprocal-rank fusions rank search results and have no score for a pair
  form.append("models", selectedModels().filter((name) => !name.endsWith(":rrf")).join(","));
  await run("comparing…", () => api("api/compare", { method: "POST", body: form }), (doc) => {
    const table = element("table");
    const head = element("tr");
    ["model", "cosine", "score"].forEach((h) => head.append(element("th", null, h)));
    table.append(head);
    for (const row of doc.results) {
      const tr = element("tr");
      tr.dataset.model = row.model;
      tr.append(element("td", null, row.model), element("td", null, row.cosine.toFixed(4)),
        element("td", "score", percent(row.score)));
      table.append(tr);
    }
    $("compare-results").replaceChildren(table);
  });
}

async function loadStats() {
  try {
    const info = await api("api/index");
    state.maxUpload = info.max_upload_bytes;
    const models = info.models.filter((m) => info.serving_models.includes(m.name))
      .map((m) => m.name + " (" + m.dimension + "-d)").join(", ");
    renderModelChoices(info);
    $("stats").textContent = info.files + " images indexed" + (info.skipped_files ? ", " + info.skipped_files
      + " skipped" : "") + " · models: " + models;
    $("key-form").hidden = !state.key;
    $("text-form").hidden = !(info.text_models && info.text_models.length);
  } catch (e) {
    $("stats").textContent = e.message;
  }
}

function wireDrop() {
  const drop = $("drop");
  ["dragenter", "dragover"].forEach((type) => drop.addEventListener(type, (e) => {
    e.preventDefault();
    drop.classList.add("over");
  }));
  ["dragleave", "drop"].forEach((type) => drop.addEventListener(type, () => drop.classList.remove("over")));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    searchFile(e.dataTransfer.files[0]);
  });
  $("file-input").addEventListener("change", (e) => searchFile(e.target.files[0]));
}

$("key-form").addEventListener("submit", (e) => {
  e.preventDefault();
  state.key = $("api-key").value.trim();
  sessionStorage.setItem("lookalike.key", state.key);
  loadStats();
});
$("compare-button").addEventListener("click", compare);
$("text-form").addEventListener("submit", (e) => {
  e.preventDefault();
  searchText($("text-query").value);
});
wireDrop();
loadStats();

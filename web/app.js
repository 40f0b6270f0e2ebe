// The search page of `songbad serve`: talks to /api/* and builds the DOM
// with textContent only, so nothing from an article or a query is ever
// read as HTML. The state lives in the address (?q=&source=&month=&page=,
// or ?id= for an article), so the back button and links work.
"use strict";

const PAGE_SIZE = 10;
const MONTHS = ["জানুয়ারি", "ফেব্রুয়ারি", "মার্চ", "এপ্রিল", "মে", "জুন", "জুলাই",
  "আগস্ট", "সেপ্টেম্বর", "অক্টোবর", "নভেম্বর", "ডিসেম্বর"];
const $ = (id) => document.getElementById(id);

// An element with a class, a text and children (strings become text nodes).
function el(tag, cls, ...children) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.append(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return e;
}

function bnDigits(s) {
  return String(s).replace(/[0-9]/g, (d) => String.fromCharCode(0x09e6 + Number(d)));
}

// "2023-10-18" -> "১৮ অক্টোবর ২০২৩"; "2023-10" -> "অক্টোবর ২০২৩"
function bnDate(iso) {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(iso || "");
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return null;
  const month = MONTHS[Number(m[2]) - 1] + " " + bnDigits(m[1]);
  return m[3] ? bnDigits(Number(m[3])) + " " + month : month;
}

function dateNode(iso) {
  if (!iso) return null;
  const bn = bnDate(iso);
  const t = el("time", "", bn ? bn + " (" + iso.slice(0, 10) + ")" : iso);
  t.dateTime = iso.slice(0, 10);
  return t;
}

// The snippet with its highlights; the API gives UTF-8 byte offsets.
function snippetNode(snippet) {
  const bytes = new TextEncoder().encode(snippet.text || "");
  const dec = new TextDecoder();
  const p = el("p", "snippet");
  let pos = 0;
  for (const [s, e] of snippet.highlights || []) {
    if (s < pos || e > bytes.length || s >= e) continue;
    p.append(dec.decode(bytes.subarray(pos, s)));
    p.append(el("mark", "", dec.decode(bytes.subarray(s, e))));
    pos = e;
  }
  p.append(dec.decode(bytes.subarray(pos)));
  return p;
}

function readState() {
  const u = new URLSearchParams(location.search);
  return {
    q: u.get("q") || "",
    source: u.get("source") || "",
    month: u.get("month") || "",
    page: Math.max(1, parseInt(u.get("page") || "1", 10) || 1),
    id: u.get("id") || "",
  };
}

function go(state, replace) {
  const u = new URLSearchParams();
  for (const k of ["q", "source", "month", "id"]) if (state[k]) u.set(k, state[k]);
  if (state.page > 1 && !state.id) u.set("page", String(state.page));
  const url = "/" + (u.toString() ? "?" + u : "");
  if (replace) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  render();
}

async function api(path) {
  const res = await fetch(path, { headers: { Accept: "application/json" } });
  let body = null;
  try {
    body = await res.json();
  } catch (e) {
    body = null;
  }
  if (!res.ok) {
    const msg = body && body.error ? body.error.message : "HTTP " + res.status;
    throw new Error(msg);
  }
  return body;
}

function setStatus(text) {
  $("status").textContent = text;
}

function clearViews() {
  $("results").replaceChildren();
  $("pager").replaceChildren();
  $("pager").hidden = true;
  $("article").replaceChildren();
  $("article").hidden = true;
  $("analysis").hidden = true;
  $("facets").hidden = true;
}

function facetList(title, name, items, state, label) {
  const ul = el("ul");
  for (const it of items) {
    const b = el("button", state[name] === it.value ? "active" : "",
      el("span", "", label(it.value)), el("span", "count", bnDigits(it.count)));
    b.type = "button";
    b.dataset.facet = name;
    b.dataset.value = it.value;
    b.addEventListener("click", () => {
      const next = { ...state, page: 1, id: "" };
      next[name] = state[name] === it.value ? "" : it.value;
      go(next);
    });
    ul.append(el("li", "", b));
  }
  return [el("h3", "", title), ul];
}

function renderFacets(f, state) {
  const box = $("facets");
  box.replaceChildren();
  if (f.source.length) box.append(...facetList("সূত্র", "source", f.source, state, (v) => v));
  if (f.month.length) box.append(...facetList("মাস", "month", f.month, state, (v) => bnDate(v) || v));
  if (state.source || state.month) {
    const all = el("button", "back", "× সব ছাঁকনি সরান");
    all.type = "button";
    all.addEventListener("click", () => go({ ...state, source: "", month: "", page: 1 }));
    box.append(all);
  }
  box.hidden = !box.childElementCount;
}

function renderAnalysis(words) {
  const p = $("analysis");
  p.replaceChildren();
  if (!words || !words.length) return;
  p.append("খোঁজা হয়েছে: ");
  words.forEach((w, i) => {
    if (i) p.append("; ");
    const parts = [w.normalized];
    if (w.stem && w.stem !== w.normalized) parts.push("মূল " + w.stem);
    if (w.romanized && w.romanized !== w.normalized) parts.push(w.romanized);
    if (w.key) parts.push("#" + w.key);
    p.append(el("span", "term", w.text), " (" + parts.join(", ") + ")");
    const other = (w.matched || []).filter((m) => m !== w.text);
    if (other.length) p.append(" → " + other.join(", "));
  });
  p.hidden = false;
}

function resultNode(r, copies) {
  const link = el("a", "", r.title || r.id);
  link.href = "/?id=" + encodeURIComponent(r.id);
  link.addEventListener("click", (ev) => {
    ev.preventDefault();
    go({ ...readState(), id: r.id });
  });
  const meta = el("div", "meta");
  const d = dateNode(r.date);
  if (d) meta.append(el("span", "", d));
  if (r.source) meta.append(el("span", "source", r.source));
  if (r.agencies && r.agencies.length) meta.append(el("span", "agencies", "সূত্র: " + r.agencies.join(", ")));
  const li = el("li", "result", el("h2", "", link), meta, snippetNode(r.snippet));
  li.dataset.id = r.id;
  if (copies && copies.length) {
    const list = el("ul");
    for (const c of copies) {
      const a = el("a", "", c.title || c.id);
      a.href = "/?id=" + encodeURIComponent(c.id);
      list.append(el("li", "", a, c.source ? " — " + c.source : ""));
    }
    li.append(el("details", "copies", el("summary", "", "একই খবরের আরও " + bnDigits(copies.length) + "টি কপি"), list));
  }
  return li;
}

function renderPager(res, state) {
  const pages = Math.ceil(res.total / res.size);
  const nav = $("pager");
  if (pages <= 1) return;
  const btn = (text, page) => {
    const b = el("button", "", text);
    b.type = "button";
    b.disabled = page < 1 || page > pages;
    b.addEventListener("click", () => go({ ...state, page }));
    return b;
  };
  nav.append(btn("← আগের", state.page - 1),
    el("span", "", "পৃষ্ঠা " + bnDigits(state.page) + " / " + bnDigits(pages)),
    btn("পরের →", state.page + 1));
  nav.hidden = false;
}

async function renderSearch(state) {
  const params = new URLSearchParams({ q: state.q, page: String(state.page), size: String(PAGE_SIZE) });
  if (state.source) params.set("source", state.source);
  if (/^\d{4}-\d{2}$/.test(state.month)) {
    params.set("from", state.month + "-01");
    params.set("to", state.month + "-31");
  }
  setStatus("খোঁজা হচ্ছে …");
  const res = await api("/api/search?" + params);
  if (readState().q !== state.q) return; // a newer search took over
  clearViews();
  const groups = new Map(res.duplicates.map((g) => [g.id, g.copies]));
  setStatus(res.total ? bnDigits(res.total) + "টি খবর পাওয়া গেছে" : "কিছু পাওয়া যায়নি");
  renderAnalysis(res.analysis);
  renderFacets(res.facets, state);
  $("results").append(...res.results.map((r) => resultNode(r, groups.get(r.id))));
  renderPager(res, state);
}

async function renderArticle(state) {
  setStatus("");
  const a = await api("/api/article/" + encodeURIComponent(state.id));
  clearViews();
  const box = $("article");
  const back = el("button", "back", "← ফলাফলে ফিরুন");
  back.type = "button";
  back.addEventListener("click", () => (history.length > 1 ? history.back() : go({ ...state, id: "" })));
  box.append(back, el("h1", "", a.headline || a.id));
  const meta = el("div", "meta");
  const d = dateNode(a.date);
  if (d) meta.append(el("span", "", d));
  if (a.source) meta.append(el("span", "source", a.source));
  if (Array.isArray(a.agencies) && a.agencies.length) meta.append(el("span", "agencies", "সূত্র: " + a.agencies.join(", ")));
  box.append(meta);
  if (a.byline) box.append(el("p", "byline", a.byline));
  const paras = (a.body || "").split(/\n\s*\n/).map((s) => s.trim()).filter(Boolean);
  if (a.lead) box.append(el("p", "lead", a.lead));
  for (const p of paras) if (p !== (a.lead || "").trim()) box.append(el("p", "", p));
  if (a.captions) {
    const fig = el("div", "captions");
    for (const c of a.captions.split("\n")) if (c.trim()) fig.append(el("p", "", c));
    box.append(fig);
  }
  if (a.url && /^https?:\/\//.test(a.url)) {
    const link = el("a", "", a.url);
    link.href = a.url;
    link.rel = "noopener noreferrer";
    box.append(el("p", "meta", "মূল খবর: ", link));
  }
  box.hidden = false;
  document.title = (a.headline || a.id) + " — সংবাদ";
}

async function render() {
  const state = readState();
  $("q").value = state.q;
  try {
    if (state.id) await renderArticle(state);
    else if (state.q) await renderSearch(state);
    else {
      clearViews();
      setStatus("বাংলা, ইংরেজি বা রোমান হরফে লিখে খুঁজুন।");
    }
  } catch (e) {
    clearViews();
    setStatus("ত্রুটি: " + e.message);
  }
}

let typingTimer = 0;
$("search").addEventListener("submit", (ev) => {
  ev.preventDefault();
  clearTimeout(typingTimer);
  const q = $("q").value.trim();
  if (q) go({ q, source: "", month: "", page: 1, id: "" });
});
$("q").addEventListener("input", () => {
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => {
    const q = $("q").value.trim();
    if (q && q !== readState().q) go({ q, source: "", month: "", page: 1, id: "" }, true);
  }, 400);
});
window.addEventListener("popstate", render);
render();

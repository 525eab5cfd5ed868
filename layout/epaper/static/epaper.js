/* The e-paper's small script: a story lights up on the page when its title is pointed at
   (and the other way round), and the search page finds words in the text
   (search-index.js), all without a server. */
"use strict";

function lightTogether() {
  const links = document.querySelectorAll("[data-article]");
  links.forEach((link) => {
    const same = document.querySelectorAll(`[data-article="${CSS.escape(link.dataset.article)}"]`);
    const light = (on) => same.forEach((other) => other.classList.toggle("lit", on));
    link.addEventListener("mouseenter", () => light(true));
    link.addEventListener("mouseleave", () => light(false));
    link.addEventListener("focus", () => light(true));
    link.addEventListener("blur", () => light(false));
  });
}

/* The page at the sharp image's full size, scrolled inside its frame (the areas go with it). */
function zoom() {
  const button = document.querySelector("button.zoom");
  if (!button) return;
  button.hidden = false;
  button.addEventListener("click", () => {
    const zoomed = button.closest(".page-view").classList.toggle("zoomed");
    button.setAttribute("aria-pressed", String(zoomed));
    button.textContent = zoomed ? "缩小版面" : "放大版面";
  });
}

function bare(text) {
  return text.replace(/\s+/g, "").toLowerCase();
}

/* Where `query` occurs in `text`, ignoring spaces and letter case (a space at a line end is
   not set, and readers type words without them): [start, end) pairs in `text`. */
function occurrences(text, query) {
  const kept = [];
  let squeezed = "";
  for (let i = 0; i < text.length; i++) {
    if (!/\s/.test(text[i])) { kept.push(i); squeezed += text[i].toLowerCase(); }
  }
  const found = [];
  for (let at = squeezed.indexOf(query); at >= 0; at = squeezed.indexOf(query, at + 1)) {
    found.push([kept[at], kept[at + query.length - 1] + 1]);
  }
  return found;
}

function snippet(text, [start, end]) {
  const item = document.createElement("p");
  const from = Math.max(0, start - 30), to = Math.min(text.length, end + 30);
  const mark = document.createElement("mark");
  mark.textContent = text.slice(start, end);
  item.append((from > 0 ? "…" : "") + text.slice(from, start), mark,
              text.slice(end, to) + (to < text.length ? "…" : ""));
  return item;
}

function search() {
  const results = document.getElementById("search-results");
  if (!results || !window.BROADSHEET_SEARCH) return;
  const raw = new URLSearchParams(location.search).get("q") || "";
  document.getElementById("q").value = raw;
  const query = bare(raw);
  if (!query) return;
  const status = document.getElementById("search-status");
  let total = 0;
  for (const article of window.BROADSHEET_SEARCH) {
    const inText = occurrences(article.text, query);
    const inTitle = occurrences(article.titles, query);
    if (!inText.length && !inTitle.length) continue;
    total += inText.length + inTitle.length;
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = article.href;
    link.textContent = article.title;
    const where = document.createElement("span");
    where.className = "jump";
    where.textContent = ` 第${article.pages.join("、")}版 · ${inText.length + inTitle.length}处`;
    item.append(link, where);
    inText.slice(0, 3).forEach((hit) => item.append(snippet(article.text, hit)));
    results.append(item);
  }
  status.textContent = total
    ? `“${raw}”：${results.children.length} 篇稿件，共 ${total} 处。`
    : `本期没有找到“${raw}”。`;
}

lightTogether();
zoom();
search();

"use strict";
// The desk's live preview. Every second it asks the server for the newest render, shows its
// pages (or its error, never stale pages) and the PDF link, and lists the render's overset
// stories and check findings; an entry clicked scrolls to its page and marks the spot.
// Whatever comes from the server is only ever set as text, never parsed as HTML.

const $ = (id) => document.getElementById(id);
const LABELS = { overset: "超版", error: "error", warning: "warning", info: "note" };
let shown = -1;           // the render on screen (its version)
let listed = false;       // whether its findings are listed (they come after its pages)
let entries = [];         // { finding, link } in the panel's order
let selected = null;      // the marked finding's key, kept across renders while it lasts
let current = -1;         // its index in `entries`

function element(tag, className, text) {
  const made = document.createElement(tag);
  if (className) made.className = className;
  if (text !== undefined) made.textContent = text;
  return made;
}

const keyOf = (f) => [f.severity, f.check, f.where, f.message].join("\u0000");
const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

function showStatus(state) {
  const status = $("status");
  status.classList.toggle("failed", Boolean(state.error));
  if (state.version === 0) {
    status.textContent = "first render under way… (later ones take a second or two)";
    return;
  }
  const parts = [`render ${state.version}`, state.rendered];
  if (state.error) {
    parts.push("failed — the error is shown in place of the pages");
  } else {
    parts.push(`${state.seconds} s`);
    if (!state.checked) {
      parts.push("checking…");
    } else {
      const count = (s) => state.findings.filter((f) => f.severity === s).length;
      parts.push(`${count("overset")} overset`, plural(count("error"), "error"),
                 plural(count("warning"), "warning"));
    }
  }
  status.textContent = parts.join(" · ");
}

function showPages(state) {
  const error = $("error"), pages = $("pages"), pdf = $("pdf");
  error.hidden = !state.error;
  error.textContent = state.error || "";
  if (state.title) {
    $("title").textContent = state.title;
    document.title = `Broadsheet — ${state.title}`;
  }
  pdf.hidden = !state.pdf;
  if (state.pdf) {
    pdf.href = state.pdf.href;
    pdf.download = state.pdf.name;
    pdf.textContent = `⤓ ${state.pdf.name}`;
  }
  const figures = state.pages.map((page) => {
    // The figure of the same page is kept: its image changes in place, without a blank.
    let figure = $(`page-${page.number}`);
    if (!figure) {
      figure = element("figure");
      figure.id = `page-${page.number}`;
      const sheet = element("div", "sheet");
      sheet.append(element("img"));
      figure.append(sheet, element("figcaption"));
    }
    const image = figure.querySelector("img");
    image.src = page.src;
    image.alt = page.label;
    figure.querySelector("figcaption").textContent = page.label;
    return figure;
  });
  pages.replaceChildren(...figures);
}

function showFindings(state) {
  const overset = state.findings.filter((f) => f.severity === "overset");
  const checks = state.findings.filter((f) => f.severity !== "overset");
  const waiting = state.error ? "—" : state.checked ? null : "checking…";
  entries = [];
  fill($("overset"), overset, waiting || "none: every story fits");
  fill($("checks"), checks, waiting || "no problems found");
  const count = (s) => checks.filter((f) => f.severity === s).length;
  $("overset-count").textContent = waiting ? "" : `(${overset.length})`;
  $("check-count").textContent = waiting ? "" :
    `(${plural(count("error"), "error")}, ${plural(count("warning"), "warning")}` +
    (count("info") ? `, ${plural(count("info"), "note")})` : ")");
  const again = entries.findIndex((e) => keyOf(e.finding) === selected);
  clearMark();
  if (again >= 0) select(again, false);     // the same finding in the new render: marked anew
}

function fill(list, findings, empty) {
  if (!findings.length) {
    list.replaceChildren(element("li", "empty", empty));
    return;
  }
  list.replaceChildren(...findings.map((finding) => {
    const index = entries.length;
    const link = element("a", finding.severity);
    link.href = finding.page ? `#page-${finding.page}` : "#";
    if (!finding.page) link.classList.add("nowhere");
    const line = element("span", "line");
    line.append(element("span", "badge", LABELS[finding.severity] || finding.severity),
                element("span", "check", finding.check),
                element("span", "pageno", finding.page ? `第${finding.page}版` : ""));
    link.append(line);
    if (finding.where) link.append(element("span", "where", finding.where));
    link.append(element("span", "message", finding.message));
    link.addEventListener("click", (event) => { event.preventDefault(); select(index, true); });
    entries.push({ finding, link });
    const item = element("li");
    item.append(link);
    return item;
  }));
}

function clearMark() {
  document.querySelectorAll(".marker").forEach((marker) => marker.remove());
  document.querySelectorAll(".findings a.selected").forEach((a) => a.classList.remove("selected"));
  current = -1;
}

function select(index, scroll) {
  const { finding, link } = entries[index];
  clearMark();
  selected = keyOf(finding);
  current = index;
  link.classList.add("selected");
  const figure = finding.page && $(`page-${finding.page}`);
  if (!figure) return;
  const marker = element("div", "marker");
  if (finding.spot) {
    const [left, top, width, height] = finding.spot;
    Object.assign(marker.style, { left: `${left}%`, top: `${top}%`, width: `${width}%`,
                                  height: `${height}%` });
    if (width < 4 && height < 4) marker.classList.add("small");
  } else {
    marker.classList.add("page");           // about the whole page (a font, a box)
  }
  figure.querySelector(".sheet").append(marker);
  if (scroll) {
    link.scrollIntoView({ block: "nearest" });
    marker.scrollIntoView({ block: "center", inline: "center", behavior: "smooth" });
  }
}

function step(by) {
  if (!entries.length) return;
  select(((current < 0 ? (by > 0 ? -1 : 0) : current) + by + entries.length) % entries.length,
         true);
}

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || event.target.tagName === "SELECT") return;
  if (event.key === "n") step(1);
  else if (event.key === "p") step(-1);
  else if (event.key === "Escape") { clearMark(); selected = null; }
});

const zoom = $("zoom");
zoom.value = localStorage.getItem("broadsheet-zoom") || zoom.value;
const applyZoom = () => {
  document.documentElement.style.setProperty("--page-width", `${zoom.value}px`);
  localStorage.setItem("broadsheet-zoom", zoom.value);
};
zoom.addEventListener("change", applyZoom);
applyZoom();

async function poll() {
  try {
    const answer = await fetch("/state", { cache: "no-store" });
    if (!answer.ok) {
      $("status").textContent = answer.status === 401 || answer.status === 403
        ? "not admitted: open the address broadsheet serve printed when it started"
        : `the server answered ${answer.status}`;
    } else {
      const state = await answer.json();
      if (state.version !== shown || (state.checked && !listed)) {
        if (state.version !== shown) showPages(state);
        showFindings(state);
        shown = state.version;
        listed = state.checked;
      }
      showStatus(state);
    }
  } catch (error) {
    $("status").textContent = "server stopped — start broadsheet serve again";
  }
  setTimeout(poll, 1000);
}
poll();

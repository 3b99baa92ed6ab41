// The archive's offline search (cms/archive/offline_search.py writes the index it reads).
// Works from file://: the index is a script that sets window.KUNSKAPSBANKEN_ARKIV. Matching:
// lowercase, å/ä/ö kept as letters of their own, other accents dropped; every search word must
// begin a word in the case's title, summary, municipality, focus areas or keywords.
(function () {
  "use strict";
  const records = window.KUNSKAPSBANKEN_ARKIV;
  const form = document.querySelector("[data-archive-search]");
  const list = document.querySelector("[data-archive-hits]");
  const status = document.querySelector("[data-archive-status]");
  if (!records || !form || !list || !status) return;
  const input = form.querySelector("input[name=q]");

  function normalise(text) {
    return text
      .toLowerCase()
      .normalize("NFD")
      .replace(/a\u030a/g, "\u00e5")
      .replace(/a\u0308/g, "\u00e4")
      .replace(/o\u0308/g, "\u00f6")
      .replace(/[\u0300-\u036f]/g, "")
      .normalize("NFC");
  }

  function words(text) {
    return normalise(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  // Title words weigh most, then municipality, focus areas and keywords, then the summary.
  const prepared = records.map(function (record) {
    return {
      record: record,
      fields: [
        [3, words(record.t)],
        [2, words([record.m].concat(record.f, record.k).join(" "))],
        [1, words(record.s)],
      ],
    };
  });

  function score(entry, terms) {
    let total = 0;
    for (const term of terms) {
      let best = 0;
      for (const [weight, fieldWords] of entry.fields) {
        if (weight > best && fieldWords.some((word) => word.startsWith(term))) best = weight;
      }
      if (!best) return 0;
      total += best;
    }
    return total;
  }

  function label(count) {
    if (count === 0) return list.dataset.labelNone;
    if (count === 1) return list.dataset.labelOne;
    return list.dataset.labelMany.replace("{count}", String(count));
  }

  function show(text) {
    const terms = words(text);
    list.replaceChildren();
    if (!terms.length) {
      status.textContent = "";
      return;
    }
    const hits = prepared
      .map((entry) => ({ entry: entry, score: score(entry, terms) }))
      .filter((hit) => hit.score > 0)
      .sort((a, b) => b.score - a.score || a.entry.record.t.localeCompare(b.entry.record.t, "sv"));
    for (const hit of hits) {
      const record = hit.entry.record;
      const item = document.createElement("li");
      item.className = "hit";
      const heading = document.createElement("h2");
      heading.className = "hit-title";
      const link = document.createElement("a");
      link.href = record.u;
      link.textContent = record.t;
      heading.appendChild(link);
      const meta = document.createElement("p");
      meta.className = "case-meta";
      meta.textContent = [record.m].concat(record.f).filter(Boolean).join(" · ");
      const summary = document.createElement("p");
      summary.className = "hit-summary";
      summary.textContent = record.s;
      if (list.dataset.contentLang) {
        heading.lang = list.dataset.contentLang;
        summary.lang = list.dataset.contentLang;
      }
      item.append(heading, meta, summary);
      list.appendChild(item);
    }
    status.textContent = label(hits.length);
  }

  form.hidden = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    show(input.value);
  });
  input.addEventListener("input", function () {
    show(input.value);
  });
  const query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    input.value = query;
    show(query);
  }
})();

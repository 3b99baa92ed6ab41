// Progressive enhancement of /sok/. Without this file the page works as a plain GET form.
// With it: filters apply as soon as they change (the URL follows, so states stay shareable, and
// the new number of results is announced), on phones the filters open in a modal dialog from the
// "Filter (3)" button, and the search box becomes an ARIA combobox with suggestions.
(function () {
  "use strict";
  const form = document.querySelector("[data-search-form]");
  if (!form || !window.fetch || !window.DOMParser) return;

  const layout = form.querySelector(".search-layout");
  const filters = form.querySelector("#search-filters");
  const results = form.querySelector("#search-results");
  const dialog = form.querySelector("dialog.filter-dialog");
  const slot = dialog && dialog.querySelector("[data-filter-slot]");
  const done = dialog && dialog.querySelector("[data-filter-done]");
  const announcer = form.querySelector("[data-search-announcer]");
  const phone = window.matchMedia("(max-width: 47.99rem)");
  let controller = null;
  let shown = window.location.pathname + window.location.search; // the state on screen

  function formUrl() {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (value !== "") params.append(name, value);
    }
    const query = params.toString();
    return window.location.pathname + (query ? "?" + query : "");
  }

  function copyText(selector, doc) {
    const fresh = doc.querySelector(selector);
    document.querySelectorAll(selector).forEach((element) => {
      if (fresh) element.textContent = fresh.textContent;
    });
  }

  function announce(text) {
    if (!announcer) return;
    announcer.textContent = "";
    // A fresh text node after a pause, so the same count is announced again too.
    setTimeout(() => { announcer.textContent = text; }, 100);
  }

  async function load(url, push) {
    if (controller) controller.abort();
    controller = new AbortController();
    layout.setAttribute("aria-busy", "true");
    filters.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(url, { signal: controller.signal, headers: { Accept: "text/html" } });
      const doc = new DOMParser().parseFromString(await response.text(), "text/html");
      const freshResults = doc.querySelector("#search-results");
      const freshFilters = doc.querySelector("#search-filters");
      if (!freshResults || !freshFilters) { window.location.href = url; return; }
      const focusedName = document.activeElement && document.activeElement.name;
      const focusedValue = document.activeElement && document.activeElement.value;
      results.replaceChildren(...freshResults.childNodes);
      filters.replaceChildren(...freshFilters.childNodes);
      copyText("[data-filter-open]", doc);
      copyText("[data-filter-done]", doc);
      const skip = document.querySelector("[data-results-skip]");
      const freshSkip = doc.querySelector("[data-results-skip]");
      if (skip && freshSkip) skip.setAttribute("href", freshSkip.getAttribute("href"));
      document.title = doc.title;
      if (push) history.pushState({ search: true }, "", url);
      shown = window.location.pathname + window.location.search;
      restoreFocus(focusedName, focusedValue);
      const count = results.querySelector("[data-result-count]");
      if (count) announce(count.textContent.trim());
    } catch (error) {
      if (error.name !== "AbortError") window.location.href = url;
    } finally {
      layout.removeAttribute("aria-busy");
      filters.removeAttribute("aria-busy");
    }
  }

  function restoreFocus(name, value) {
    if (!name) return;
    const selector = `[name="${CSS.escape(name)}"]` + (value ? `[value="${CSS.escape(value)}"]` : "");
    const element = form.querySelector(selector);
    if (element) element.focus();
  }

  form.addEventListener("change", (event) => {
    if (event.target.name === "q") return;
    load(formUrl(), true);
  });
  form.addEventListener("click", (event) => {
    const link = event.target.closest(".chips a, .pagination a, .county-map a, .no-results a[href^='?']");
    if (!link) return;
    event.preventDefault();
    load(link.href, true);
  });
  // Back and forward between search states. A skip link to #hits fires popstate too; reloading
  // then would replace the results it moved the keyboard to, so a change of fragment is ignored.
  window.addEventListener("popstate", () => {
    const wanted = window.location.pathname + window.location.search;
    if (wanted === shown) return;
    load(window.location.href, false);
  });
  form.classList.add("js-live");

  // --- Filters in a modal dialog on phones ---
  const link = form.querySelector("a[data-filter-open]");
  if (dialog && slot && link && typeof dialog.showModal === "function") {
    const toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = link.className;
    toggle.dataset.filterOpen = "";
    toggle.setAttribute("aria-haspopup", "dialog");
    toggle.textContent = link.textContent;
    link.replaceWith(toggle);

    const place = () => {
      if (phone.matches) {
        if (filters.parentElement !== slot) slot.append(filters);
      } else {
        if (dialog.open) dialog.close();
        if (filters.parentElement !== layout) layout.append(filters);
      }
    };
    place();
    phone.addEventListener("change", place);
    toggle.addEventListener("click", () => dialog.showModal());
    dialog.querySelector("[data-filter-close]").addEventListener("click", () => dialog.close());
    done.addEventListener("click", () => dialog.close());
  }

  // --- Autocomplete combobox (WAI-ARIA 1.2 pattern, list autocomplete) ---
  const input = form.querySelector("input[name=q]");
  const endpoint = input && input.dataset.autocompleteUrl;
  if (!endpoint) return;
  const listbox = document.createElement("ul");
  listbox.id = "search-suggestions";
  listbox.setAttribute("role", "listbox");
  listbox.setAttribute("aria-label", input.labels[0] ? input.labels[0].textContent : "");
  listbox.className = "suggestions";
  listbox.hidden = true;
  input.after(listbox);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", listbox.id);
  input.setAttribute("aria-expanded", "false");

  let options = [];
  let active = -1;
  let timer = null;

  function close() {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    options.forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
    active = index;
    if (index >= 0) input.setAttribute("aria-activedescendant", options[index].id);
    else input.removeAttribute("aria-activedescendant");
  }

  function render(suggestions) {
    listbox.replaceChildren();
    options = suggestions.map((suggestion, i) => {
      const option = document.createElement("li");
      option.id = "suggestion-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.dataset.url = suggestion.url;
      option.textContent = suggestion.label;
      const kind = document.createElement("span");
      kind.className = "suggestion-kind";
      kind.textContent = " – " + ({ case: "insats", theme: "fokusområde", municipality: "kommun" }[suggestion.kind] || suggestion.kind);
      option.append(kind);
      option.addEventListener("mousedown", (event) => { event.preventDefault(); window.location.href = suggestion.url; });
      listbox.append(option);
      return option;
    });
    const open = options.length > 0;
    listbox.hidden = !open;
    input.setAttribute("aria-expanded", String(open));
    active = -1;
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    const value = input.value.trim();
    if (value.length < 2) { close(); return; }
    timer = setTimeout(async () => {
      try {
        const response = await fetch(endpoint + "?q=" + encodeURIComponent(value));
        const data = await response.json();
        if (input.value.trim() === value) render(data.suggestions || []);
      } catch (error) { close(); }
    }, 150);
  });

  input.addEventListener("keydown", (event) => {
    if (listbox.hidden && event.key !== "ArrowDown") return;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (listbox.hidden && options.length) { listbox.hidden = false; input.setAttribute("aria-expanded", "true"); }
      highlight(Math.min(active + 1, options.length - 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      highlight(Math.max(active - 1, -1));
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      window.location.href = options[active].dataset.url;
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 100));
})();

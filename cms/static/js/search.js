// Progressive enhancement of /sok/. Without this file the page works as a plain GET form.
// With it: filters apply as soon as they change (the URL follows, so states stay shareable), and
// the search box becomes an ARIA combobox with suggestions from /sok/forslag/.
(function () {
  "use strict";
  const form = document.querySelector("[data-search-form]");
  if (!form || !window.fetch || !window.DOMParser) return;

  const layoutSelector = ".search-layout";
  let controller = null;

  function formUrl() {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (value !== "") params.append(name, value);
    }
    const query = params.toString();
    return window.location.pathname + (query ? "?" + query : "");
  }

  async function load(url, push) {
    if (controller) controller.abort();
    controller = new AbortController();
    const layout = form.querySelector(layoutSelector);
    layout.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(url, { signal: controller.signal, headers: { Accept: "text/html" } });
      const doc = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = doc.querySelector(layoutSelector);
      if (!fresh) { window.location.href = url; return; }
      const focusedName = document.activeElement && document.activeElement.name;
      const focusedValue = document.activeElement && document.activeElement.value;
      layout.replaceWith(fresh);
      document.title = doc.title;
      if (push) history.pushState({ search: true }, "", url);
      restoreFocus(focusedName, focusedValue);
    } catch (error) {
      if (error.name !== "AbortError") window.location.href = url;
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
  window.addEventListener("popstate", () => load(window.location.href, false));
  form.classList.add("js-live");

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

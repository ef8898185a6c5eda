// The practice list answers as soon as a filter or the sort order changes: progressive
// enhancement of the plain GET form (includes/browse.html), which works without this script.
// The page at the new address is fetched and its filters and results swapped in; focus stays
// on the control that changed, and the live region announces the new count.
(function () {
  "use strict";
  var form = document.getElementById("practice-filters");
  var browse = document.querySelector("[data-browse]");
  if (!form || !browse || !window.fetch || !window.DOMParser || !window.history.pushState) {
    return;
  }
  document.documentElement.classList.add("js-instant");
  var wide = window.matchMedia("(min-width: 60rem)");
  var pending = null;

  function openOnWideScreens() {
    var filters = document.getElementById("filters");
    if (filters && wide.matches) {
      filters.open = true;
    }
  }

  // Only the parameters in use, in the form's order: `?country=ES`, not `?q=&country=ES&…`.
  function addressFor() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string" && value.trim() !== "") {
        params.append(name, value.trim());
      }
    });
    var query = params.toString();
    return form.getAttribute("action") + (query ? "?" + query : "");
  }

  function openFacets() {
    return Array.prototype.map.call(
      browse.querySelectorAll("details.facet[open] > summary"),
      function (summary) { return summary.textContent.trim().split(" ")[0]; }
    );
  }

  function swap(html, focusId, keepOpen) {
    var page = new DOMParser().parseFromString(html, "text/html");
    var fresh = page.querySelector("[data-browse]");
    if (!fresh) {
      return false;
    }
    var filtersWereOpen = document.getElementById("filters").open;
    browse.innerHTML = fresh.innerHTML;
    var oldNotice = document.querySelector(".notice");
    var newNotice = page.querySelector(".notice");
    if (oldNotice) { oldNotice.remove(); }
    if (newNotice) { browse.parentNode.insertBefore(newNotice, browse); }
    document.title = page.title;
    // The list's Atom feed, named in the head, follows the filters too.
    var feed = document.querySelector('link[type="application/atom+xml"]');
    var newFeed = page.querySelector('link[type="application/atom+xml"]');
    if (feed && newFeed) { feed.href = newFeed.getAttribute("href"); }
    var search = document.getElementById("q");
    var newSearch = page.getElementById("q");
    if (search && newSearch && document.activeElement !== search) {
      search.value = newSearch.value;
    }
    document.getElementById("filters").open = filtersWereOpen || wide.matches;
    browse.querySelectorAll("details.facet").forEach(function (details) {
      var summary = details.querySelector("summary");
      if (summary && keepOpen.indexOf(summary.textContent.trim().split(" ")[0]) !== -1) {
        details.open = true;
      }
    });
    var status = document.getElementById("results-status");
    var heading = document.getElementById("results-heading");
    if (status && heading) {
      // The sentence comes from the page, in its language: "12 practices found."
      status.textContent = heading.getAttribute("data-announcement");
    }
    var focus = focusId && document.getElementById(focusId);
    if (focus) {
      focus.focus();
    }
    return true;
  }

  function load(url, focusId, push) {
    if (pending) {
      pending.abort();
    }
    pending = new AbortController();
    var keepOpen = openFacets();
    browse.setAttribute("aria-busy", "true");
    fetch(url, { headers: { Accept: "text/html" }, signal: pending.signal })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        var finalUrl = response.url;
        return response.text().then(function (html) {
          if (!swap(html, focusId, keepOpen)) {
            throw new Error("no list in the page");
          }
          if (push) {
            window.history.pushState({ browse: true }, "", finalUrl);
          }
          browse.removeAttribute("aria-busy");
        });
      })
      .catch(function (error) {
        if (error.name !== "AbortError") {
          window.location.href = url; // the plain page, as without this script
        }
      });
  }

  document.addEventListener("change", function (event) {
    var control = event.target;
    if (!control.form || control.form !== form || control.id === "q") {
      return;
    }
    if (control.type === "number" && control.value && !/^\d{4}$/.test(control.value)) {
      return; // a year still being typed
    }
    load(addressFor(), control.id, true);
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    load(addressFor(), document.activeElement && document.activeElement.id, true);
  });

  window.addEventListener("popstate", function () {
    load(window.location.href, null, false);
  });

  // The same for links that change only the filters: chips, "clear all", pagination, hints.
  browse.addEventListener("click", function (event) {
    var link = event.target.closest("a[href]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) {
      return;
    }
    var url = new URL(link.href, window.location.href);
    if (url.pathname !== window.location.pathname || link.hash) {
      return;
    }
    event.preventDefault();
    load(url.href, "results", true);
  });

  openOnWideScreens();
  wide.addEventListener("change", openOnWideScreens);
})();

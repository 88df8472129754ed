"""The one rule for links on every page the app serves: ``rel="noopener noreferrer nofollow"``.

Our own HTML writes the attribute itself (assistant.ui.render_html.REL). Pages built by libraries (Gradio's
components, Swagger UI) add links we do not write, so each page also runs ``REL_SCRIPT``: it sets the
attribute on every ``<a>`` present and on every one added later.
"""
from __future__ import annotations

REL_VALUE = "noopener noreferrer nofollow"

REL_SCRIPT = """
(function () {
  var REL = "%s";
  function fix(root) {
    if (!root || !root.querySelectorAll) { return; }
    if (root.tagName === "A" && root.getAttribute("rel") !== REL) { root.setAttribute("rel", REL); }
    root.querySelectorAll("a:not([rel='" + REL + "'])").forEach(function (a) { a.setAttribute("rel", REL); });
  }
  new MutationObserver(function (records) {
    records.forEach(function (r) {
      if (r.type === "attributes") { fix(r.target); } else { r.addedNodes.forEach(fix); }
    });
  }).observe(document.documentElement, {childList: true, subtree: true, attributes: true,
                                         attributeFilter: ["rel", "href"]});
  fix(document);
})();
""" % REL_VALUE


def rel_script_tag() -> str:
    """The script as one inline <script> element (for a page's <head> or the end of its <body>)."""
    return f"<script>{REL_SCRIPT}</script>"

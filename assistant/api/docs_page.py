"""``/api/docs`` served offline: Swagger UI from the packaged copy in the ``swagger_ui_bundle`` distribution
(PyPI ``swagger-ui-bundle-v2``, Swagger UI 5, which reads OpenAPI 3.1), never from a CDN.

``add_docs_routes(router, title)`` adds ``GET /docs`` (the page) and ``GET /docs/assets/<name>`` (only the
few files the page needs, from a fixed list: no path from the request touches the file system).
"""
from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, PlainTextResponse

from assistant.ui.links import rel_script_tag

ASSETS = {"swagger-ui-bundle.js": "text/javascript", "swagger-ui.css": "text/css",
          "favicon-32x32.png": "image/png"}
CACHE = "public, max-age=86400"


def assets_dir() -> Path:
    """The folder of the packaged Swagger UI build."""
    from swagger_ui_bundle import swagger_ui_path
    return Path(swagger_ui_path)


def docs_html(prefix: str, title: str) -> str:
    """The Swagger UI page for the API under ``prefix``, every asset from this server."""
    assets = f"{prefix}/docs/assets"
    page = get_swagger_ui_html(openapi_url=f"{prefix}/openapi.json", title=title,
                               swagger_js_url=f"{assets}/swagger-ui-bundle.js",
                               swagger_css_url=f"{assets}/swagger-ui.css",
                               swagger_favicon_url=f"{assets}/favicon-32x32.png").body.decode("utf-8")
    return page.replace("</body>", rel_script_tag() + "\n</body>", 1)


def add_docs_routes(router: APIRouter, title: str) -> None:
    @router.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs(request: Request):
        prefix = request.url.path[: -len("/docs")]
        return HTMLResponse(docs_html(prefix, title))

    @router.get("/docs/assets/{name}", include_in_schema=False)
    def docs_asset(name: str):
        media = ASSETS.get(name)
        if media is None:
            return PlainTextResponse("not found", status_code=404)
        return FileResponse(assets_dir() / name, media_type=media, headers={"Cache-Control": CACHE})

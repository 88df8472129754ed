"""The web UI: a Gradio app (chat, corpus and pluggable tabs) mounted in one FastAPI app with the REST API.

Gradio's telemetry is switched off before Gradio is first imported by any module of this package.
"""
import os

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"

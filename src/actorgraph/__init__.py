"""actorgraph: who did what to whom in news about international politics and security."""

__version__ = "0.1.0"

__all__ = ["__version__"]

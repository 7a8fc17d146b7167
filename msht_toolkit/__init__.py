"""msht-toolkit: the PCC Modern Slavery Toolkit self-assessment for local partnerships."""

__version__ = "0.1.0"

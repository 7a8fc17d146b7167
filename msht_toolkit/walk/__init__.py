"""The guided walk: its state, its flow and its screens, behind the ``WalkUI`` protocol.

``session`` (walk state), ``prompts`` (screens as data), ``carry`` (--from),
``changes`` (bank versions); ``flow`` (the ``Walker``), ``opening``, ``profile``,
``figures`` and ``actions`` (the ``msht actions`` review) ask through ``ui.WalkUI``
only. No terminal I/O here: the front ends are ``cli/walk_ui.py``.
"""

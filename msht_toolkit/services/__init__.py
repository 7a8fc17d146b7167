"""The application layer: what the commands do, with no options and no printing.

``files`` loads an assessment file checked against its banks and scores it (every
command that reads a file starts there); ``compare_files`` does it for a folder of
files; ``walk_start`` decides what a walk opens (a new file, a resumed one, or next
year's from last year's) for the interactive walk and for ``assess --answers`` alike;
``walking`` is the interactive walk (through the ``walk.ui.WalkUI`` protocol) and
``filling`` is ``assess --answers``. ``cli/`` maps options onto these and prints the
outcome.
"""

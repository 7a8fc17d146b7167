"""The application layer: what the commands do, with no options, prompts or messages.

``files`` loads an assessment file checked against its banks and scores it (every
command that reads a file starts there); ``walk_start`` prepares a walk (a new file,
a resumed one, or next year's from last year's) for the interactive walk and for
``assess --answers`` alike. ``cli/`` maps options onto these and prints the outcome.
"""

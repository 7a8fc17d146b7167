"""Markdown renderers (CommonMark with GFM tables); user text escaped in text.py."""

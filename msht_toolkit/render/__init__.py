"""Renderers: turn scoring, plan and diff results into JSON, Markdown or terminal tables."""

"""Self-contained HTML (Jinja2 templates, inline SVG charts, A4 print styles)."""

"""Hand-written inline SVG charts, one module per kind (``render.html.svg_charts`` gathers them)."""

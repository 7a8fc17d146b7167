"""Terminal renderers with rich: RAG always a word, colour only extra."""

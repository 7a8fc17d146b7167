"""JSON documents, each naming its schema (``msht-<kind>/<n>``; the README's "JSON outputs")."""

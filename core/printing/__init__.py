"""Printable documents on request: the power handbook (权力手册) as a background job with its
progress, and notice sheets (公示书) and village posters rendered on the spot."""

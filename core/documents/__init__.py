"""Printable documents (文书): flowcharts now, later the power handbook, notice sheets and QR
posters. Each is drawn from definitions as plain SVG text by pure functions, so the same
output serves a page, an API response and a PDF without a browser or a native library.
"""

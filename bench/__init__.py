"""Benchmarks (not tests): seed a county at scale (``bench.seed``), then measure."""

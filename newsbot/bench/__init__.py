"""Performance benchmarks: each module times one path and returns its figures."""

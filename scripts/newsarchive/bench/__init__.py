"""The benchmark (``newsarchive bench``): synthetic archives, each stage timed, and a first search timed in a
real browser."""

"""The conversion from end to end: the pipeline that runs the stages in order, the caches that spare a run
the work of the last one, and the workers that parse captures on every core."""

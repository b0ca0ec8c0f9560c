"""What every stage stands on: the typed records that pass between them, results kept under digests of what
they were made from, work shared out over every core, the guard that turns one capture's failure into its own."""

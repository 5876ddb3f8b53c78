"""Stage 4, the build: the matrix of jobs (clinics x languages x audiences x products), the
manifest that says what is up to date, the runner that renders in parallel and publishes
all-or-nothing, the validation cache, and the one way this package writes files
(``files.write_atomically``). ``pipeline.build`` tells the whole story, one call per stage."""

"""Stage 1, reading inputs: YAML with positions, the knowledge base and its translations, the
interface words of each language, layouts and clinic files. Everything here turns files into
validated, frozen models or located problems (``file:line:col: RULE: message``); nothing here
knows about pages, slides or HTML."""

{{ 'first paragraph is long enough to wrap\n\nsecond one also wraps nicely'|wordwrap(16) }}

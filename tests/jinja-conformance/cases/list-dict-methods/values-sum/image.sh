{{ sizes.values()|sum }} {{ sizes.values()|max }} {{ sizes.keys()|sort|first }}

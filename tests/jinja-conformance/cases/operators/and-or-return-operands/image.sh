{{ 0 or 'fallback' }} {{ 'first' or 'second' }} {{ 1 and 2 }} {{ 0 and 2 }} {{ '' or [] }} {{ none or 0 }} {{ [] and 'x' }} {{ 'a' and 'b' or 'c' }}

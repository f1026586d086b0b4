{{ version_text }} {{ mode }} {{ hex }} {{ exp }} {{ word_yes }} {{ word_null }} {{ tilde }} {{ leading_zero }}
{{ version_text is string }} {{ mode is string }} {{ mode|int }} {{ mode|int(base=8) }} {{ hex|int(base=16) }} {{ exp|float }} {{ leading_zero|int }}

{{ ["it's"] }} {{ ['say "hi"'] }} {{ ['both \' and "'] }} {{ ['tab\there'] }} {{ ['new\nline'] }} {{ ['back\\slash'] }} {{ ['\x07\x1b\x7f'] }} {{ ['é', '😀', '\u200b', '\xa0'] }} {{ ['\r\x00'] }}

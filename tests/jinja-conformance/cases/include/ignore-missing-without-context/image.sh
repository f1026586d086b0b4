x{% include 'nope.sh' ignore missing without context %}y

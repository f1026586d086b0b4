{% import 'lib.sh' as l %}{{ l.hello() }}

{% from 'lib.sh' import outer %}{{ outer() }}

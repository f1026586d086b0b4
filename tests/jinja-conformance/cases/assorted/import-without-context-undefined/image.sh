{% from 'lib.sh' import ctx %}{{ ctx() }}

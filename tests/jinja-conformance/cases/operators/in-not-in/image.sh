{{ 'git' in packages }} {{ 'vim' not in packages }} {{ 'env' in tags }} {{ 'prod' in tags }} {{ 'ell' in 'hello' }} {{ '' in 'x' }} {{ 1 in (1, 2) }} {{ not 'a' in 'abc' }}

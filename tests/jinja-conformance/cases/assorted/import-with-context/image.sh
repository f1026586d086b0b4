{% import 'lib.sh' as lib %}{% from 'lib.sh' import pkgs, ctx with context %}{{ lib.pkgs(packages.common) }}
{{ ctx() }}
{% import 'lib.sh' as lib2 with context %}{{ lib2.ctx() }}
{{ lib.CONST }}

{% import 'lib/pkg.sh' as pkg %}
{{ pkg.install('curl', 'git') }}
{{ pkg.remove('nano') }}
